using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Mail;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace BrandStoryContest.Web.Features.Entries;

/// <summary>The entry form for stories and films alike; fields of the other kind are ignored.</summary>
public sealed class SaveEntryCommand : ICommand<Result<SaveEntryResult>>
{
    public int EntryId { get; set; }
    public int Version { get; set; }
    public string Title { get; set; } = "";
    public string? Body { get; set; }
    public string? Synopsis { get; set; }
    public string? Director { get; set; }
    public string? Credits { get; set; }
    public string? BrandFeatured { get; set; }
    public bool PledgedOriginality { get; set; }
    public bool DeclaredRights { get; set; }
    public bool ConsentsToPublication { get; set; }
    /// <summary>Ids of the declaration versions (Features/Declarations) the entrant ticked; recorded when the entry is submitted.</summary>
    public List<int> AcceptedDeclarations { get; set; } = [];
    /// <summary>Answers to the category's custom fields (EntryFields); null leaves the stored answers as they are.</summary>
    public List<FieldAnswerInput>? Fields { get; set; }
    /// <summary>True when the entrant pressed "Submit" rather than "Save draft".</summary>
    public bool Submit { get; set; }
}

/// <summary>What was saved: a draft (which may still break rules, shown when it is submitted) or a submitted entry and its number.</summary>
public sealed record SaveEntryResult(bool Submitted, string? Number);

/// <summary>The numbered receipt sent on submission (Mails/Receipt.*).</summary>
public sealed record ReceiptMail(string Entry, string Number, DateTimeOffset ReceivedAt, DateTimeOffset EditableUntil, string Link) : IMail;

/// <summary>The receipt for an entry resubmitted after a return for correction (Mails/Resubmitted.*): same number, new time.</summary>
public sealed record ResubmittedMail(string Entry, string Number, DateTimeOffset ReceivedAt, string Link) : IMail;

/// <summary>
/// Saves what was typed and, when asked, submits. A draft may be saved while it still breaks the rules;
/// a submitted entry may only be changed into another valid one, so what the jury gets always qualifies.
/// </summary>

public sealed class SaveEntryHandler(ContestDb db, ICurrentUser user, TimeProvider clock, AppLinks links, Outbox outbox, IHttpContextAccessor http) : ICommandHandler<SaveEntryCommand, Result<SaveEntryResult>>
{
    public const int MaxBodyChars = 100_000;
    /// <summary>Lost races a submit may retry: the same submit sent twice at once, or a number taken outside <see cref="EntryNumbering.LockAndNumberAsync"/>.</summary>
    private const int MaxRetries = 20;
    private int retries;

    public async ValueTask<Result<SaveEntryResult>> Handle(SaveEntryCommand form, CancellationToken ct)
    {
        var entry = await db.OwnEntryAsync(form.EntryId, user.Id, ct);
        if (entry is null) return Result.NotFound;
        // A submit the client never heard back from and sends again carries the version it was sent from; if that
        // submit went through, the entry is exactly one step on, submitted, holding what the retry carries: answer the
        // same receipt and change and mail nothing, even just after the deadline (docs/reliability.md, "Submits are idempotent").
        if (IsRepeatedSubmit(form, entry)) return new SaveEntryResult(true, entry.Number);
        var now = clock.GetUtcNow();
        if (EntryAccess.WhyLocked(entry, now) is { } locked) return locked;
        if (entry.Version != form.Version)
            return new RuleViolation("", "This entry was changed in another tab or window. Your text is shown below: copy it, reload the page and save again.");
        if ((form.Title ?? "").Length > 200) return new RuleViolation("Title", "The title may have at most {0} characters.", 200);
        if ((form.Body ?? "").Length > MaxBodyChars) return new RuleViolation("Body", "The text is far longer than any category allows ({0} characters at most).", MaxBodyChars);
        if ((form.Synopsis ?? "").Length > 2000) return new RuleViolation("Synopsis", "At most {0} characters.", 2000);
        if ((form.Credits ?? "").Length > 2000) return new RuleViolation("Credits", "At most {0} characters.", 2000);
        if ((form.Director ?? "").Length > 100) return new RuleViolation("Director", "At most {0} characters.", 100);
        if ((form.BrandFeatured ?? "").Length > 200) return new RuleViolation("BrandFeatured", "At most {0} characters.", 200);

        // Custom fields: impossible input is refused at once; missing or malformed answers count like the rules below.
        var (fieldsRefused, fieldViolations) = await db.ApplyFieldAnswersAsync(entry, form.Fields, now, ct);
        if (fieldsRefused is not null)
        {
            db.ChangeTracker.Clear();
            return fieldsRefused;
        }

        var wasSubmitted = entry.State == EntryState.Submitted;
        Apply(form, entry);
        // Declarations that are documents: accepted at submission, and again on the next change after a new version.
        var unsigned = await Declarations.EntryDeclarations.AcceptAsync(db, entry, form.AcceptedDeclarations ?? [], form.Submit || wasSubmitted,
            now, http.HttpContext, ct);
        var violations = entry.Category.Kind == CategoryKind.Story
            ? EntryRules.CheckStory(entry, entry.Category).ToList()
            : EntryRules.CheckFilmEntry(entry, entry.Category).ToList();
        // The team's limits hold at submission too: the organizer may have lowered them after authors were added.
        violations.AddRange(EntryTeam.CheckLimits(entry.Authors, entry.Category));
        violations.AddRange(unsigned);
        violations.AddRange(fieldViolations);

        if (violations.Count > 0 && (form.Submit || wasSubmitted))
        {
            // Keep what was typed on the form, but leave the stored entry as it was.
            db.ChangeTracker.Clear();
            return Result.Refuse(violations);
        }

        entry.UpdatedAt = now;
        entry.Version++;
        var resubmitting = form.Submit && entry.State == EntryState.Returned;
        var submittingNow = form.Submit && !wasSubmitted && !resubmitting;
        if (resubmitting)
        {
            // Back from a return for correction: the same number, a new receipt, and judging sees it again.
            entry.State = EntryState.Submitted;
            entry.SubmittedAt = now;
            db.Record(clock, user.RequiredId(), "ResubmitEntry", "Entry", entry.Id, "Returned", "Submitted");
            var entrant = await db.Users.SingleAsync(u => u.Id == entry.EntrantId, ct);
            outbox.Queue(MailRecipient.Of(entrant), new ResubmittedMail(entry.Title, entry.Number ?? "", now, links.Absolute($"/entries/{entry.Id}")), entry.Contest);
        }
        // A first submit is numbered last: see the save below.
        var numbering = submittingNow && entry.Number is null;
        // The receipt of a first submit is rendered here, with a slot where the number goes: only the number waits for the lock.
        var slot = numbering ? EntryNumbering.NewSlot() : null;
        OutboxMessage? receipt = null;
        if (submittingNow)
        {
            entry.State = EntryState.Submitted;
            entry.SubmittedAt = now;
            var entrant = await db.Users.SingleAsync(u => u.Id == entry.EntrantId, ct);
            entry.FixIdentity(entrant, await Organizations.EntryOrganization.NameAsync(db, entry.OrganizationId, ct));
            receipt = QueueReceipt(entry, slot ?? entry.Number!, entrant, now);
        }
        var again = false;
        IDbContextTransaction? tx = null;
        try
        {
            if (numbering)
            {
                // Every submit of the deadline surge queues on its category's numbering lock, so the lock is held only for
                // the number: the entry's state, answers, declarations, its receipt (the number's slot still in it) and the
                // data versions' checks are written first in the same transaction, then the lock, the next number into the
                // entry and the receipt, and commit. Nothing is seen before the commit, and a failure anywhere rolls all of
                // it back (the number stays free, the receipt is never sent).
                tx = await db.Database.BeginTransactionAsync(ct);
                // No savepoint before each save in it: EF sends one (a round trip, the second of them under the lock) so a
                // failed save could go on in the transaction, but every failure here rolls the whole submit back and starts over.
                db.Database.AutoSavepointsEnabled = false;
                await db.SaveChangesAsync(ct);
                await EntryNumbering.LockAndNumberAsync(db, entry, receipt!, slot!, ct);
            }
            // After numbering: SQLite's number and receipt text (PostgreSQL's batch wrote them: nothing is left to send).
            await db.SaveChangesAsync(ct);
            if (tx is not null) await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException) when (form.Submit && retries++ < MaxRetries)
        {
            // The same submit sent twice at once (a double click, a client retry racing the first try): the other one
            // saved first. Read the entry again: if it was this very submit, the repeat answers its receipt.
            again = true;
        }
        catch (DbUpdateConcurrencyException)
        {
            return new RuleViolation("", "This entry was changed in another tab or window. Your text is shown below: copy it, reload the page and save again.");
        }
        catch (DbUpdateException e) when (submittingNow && DatabaseSetup.IsUniqueViolation(e) && retries++ < MaxRetries)
        {
            // Numbers are taken one at a time (EntryNumbering.LockAsync), so this is a number written outside this handler. Count again.
            again = true;
        }
        finally
        {
            if (tx is not null)
            {
                await tx.DisposeAsync();
                db.Database.AutoSavepointsEnabled = true;
            }
        }
        if (again)
        {
            db.ChangeTracker.Clear();
            return await Handle(form, ct);
        }
        return new SaveEntryResult(entry.State == EntryState.Submitted, entry.Number);
    }

    private OutboxMessage QueueReceipt(Entry entry, string number, Account entrant, DateTimeOffset now) =>
        outbox.Queue(MailRecipient.Of(entrant), new ReceiptMail(entry.Title, number, now, entry.Contest.SubmissionClosesAt,
            links.Absolute($"/entries/{entry.Id}")), entry.Contest);

    /// <summary>
    /// True when <paramref name="form"/> repeats the submit that made the entry's current version: sent from the
    /// version before it, and everything it would write is already stored. Custom field answers and declarations are
    /// not compared: a retry sends the same ones, and a different form in that one step is a second tab's (rare) race.
    /// </summary>
    private static bool IsRepeatedSubmit(SaveEntryCommand form, Entry entry) =>
        form.Submit && entry.State == EntryState.Submitted && entry.Number is not null && entry.Version == form.Version + 1
        && entry.Title == (form.Title ?? "").Trim()
        && (entry.Category.Kind == CategoryKind.Story
            ? entry.Body == (form.Body ?? "").Replace("\r\n", "\n")
            : entry.Synopsis == form.Synopsis?.Trim() && entry.Director == form.Director?.Trim()
              && entry.Credits == form.Credits?.Trim() && entry.BrandFeatured == form.BrandFeatured?.Trim())
        && entry.PledgedOriginality == form.PledgedOriginality && entry.DeclaredRights == form.DeclaredRights
        && entry.ConsentsToPublication == form.ConsentsToPublication;

    private static void Apply(SaveEntryCommand form, Entry entry)
    {
        entry.Title = (form.Title ?? "").Trim();
        if (entry.Category.Kind == CategoryKind.Story)
        {
            entry.Body = (form.Body ?? "").Replace("\r\n", "\n");
        }
        else
        {
            entry.Synopsis = form.Synopsis?.Trim();
            entry.Director = form.Director?.Trim();
            entry.Credits = form.Credits?.Trim();
            entry.BrandFeatured = form.BrandFeatured?.Trim();
        }
        entry.PledgedOriginality = form.PledgedOriginality;
        entry.DeclaredRights = form.DeclaredRights;
        entry.ConsentsToPublication = form.ConsentsToPublication;
    }
}
