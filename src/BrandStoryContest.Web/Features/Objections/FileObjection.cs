using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Reminders;
using BrandStoryContest.Web.Infrastructure.Mail;
using BrandStoryContest.Web.Infrastructure.Media;
using BrandStoryContest.Web.Infrastructure.Storage;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Objections;

/// <summary>
/// Anyone signed in objects to a proposed winner during the notice period, with a reason and optionally one
/// evidence file (PDF, Word or an image, sniffed; images re-encoded). The entrant is told that an objection was
/// filed and why, never by whom.
/// </summary>
public sealed record FileObjectionCommand(int ContestId, int EntryId, string Reason, string? EvidenceFileName = null,
    long EvidenceLength = 0, Stream? Evidence = null) : ICommand<Result<Result.Done>>;

public sealed class FileObjectionValidator : AbstractValidator<FileObjectionCommand>
{
    public FileObjectionValidator(IStringLocalizer<SharedResource> L) =>
        RuleFor(c => c.Reason).Must(r => !string.IsNullOrWhiteSpace(r) && r.Trim().Length <= Objection.MaxReasonLength)
            .WithName("Reason").WithMessage(_ => L["Give the reason for your objection (at most 2000 characters)."]);
}

/// <summary>To the entrant: an objection was filed and why, never by whom (Mails/ObjectionFiled.*).</summary>
public sealed record ObjectionFiledMail(string Entry, string Reason, string Link) : IMail;

/// <summary>To the contest's organizer (Mails/NewObjection.*), a reminder they may opt out of; never says who filed it.</summary>
public sealed record NewObjectionMail(string EntryNumber, string EntryTitle, string Reason, string Link, string OptOutLink) : IMail;

public sealed class FileObjectionHandler(ContestDb db, ICurrentUser user, TimeProvider clock, IBlobStore blobs, IMediaProbe media, AppLinks links,
    Outbox outbox, ReminderOutbox reminders)
    : ICommandHandler<FileObjectionCommand, Result<Result.Done>>
{
    public async ValueTask<Result<Result.Done>> Handle(FileObjectionCommand cmd, CancellationToken ct)
    {
        var me = user.RequiredId();
        var now = clock.GetUtcNow();
        var entry = await db.Entries.Include(e => e.Contest).Include(e => e.Entrant)
            .SingleOrDefaultAsync(e => e.Id == cmd.EntryId && e.ContestId == cmd.ContestId && e.State == EntryState.Submitted, ct);
        // Only proposed winners are on the notice board; any other id is "not found", whoever asks.
        if (entry is null || entry.Contest.Stage == ResultsStage.Draft || !await db.Awards.AnyAsync(a => a.EntryId == entry.Id, ct))
            return Result.NotFound;
        if (!entry.Contest.AcceptsObjections(now)) return new RuleViolation("", "Objections are accepted only during the notice period.");
        if (entry.EntrantId == me) return new RuleViolation("", "You cannot object to your own entry.");
        if (await db.Objections.AnyAsync(o => o.EntryId == entry.Id && o.FiledById == me, ct))
            return new RuleViolation("", "You have already objected to this entry.");

        var objection = new Objection { ContestId = entry.ContestId, EntryId = entry.Id, FiledById = me, Reason = cmd.Reason.Trim(), FiledAt = now };
        if (cmd.Evidence is not null && cmd.EvidenceLength > 0)
        {
            if (cmd.EvidenceLength > Objection.MaxEvidenceBytes) return new RuleViolation("Evidence", "The evidence file may be at most 10 MB.");
            if (await StoreEvidenceAsync(entry.ContestId, cmd.Evidence, ct) is not { } blob)
                return new RuleViolation("Evidence", "The evidence must be a PDF, a Word document or an image (checked by its content, not its name).");
            objection.EvidenceBlob = blob;
            objection.EvidenceFileName = Path.ChangeExtension(FileNames.Sanitize(cmd.EvidenceFileName ?? "", "evidence"), Path.GetExtension(blob));
        }
        db.Objections.Add(objection);
        db.Record(clock, me, "FileObjection", "Entry", entry.Id, null, "Pending", objection.Reason);
        outbox.Queue(MailRecipient.Of(entry.Entrant), new ObjectionFiledMail(entry.Title, objection.Reason, links.Absolute("/entries")), entry.Contest);
        // The organizer's notice is a reminder (they may opt out of those), queued with the objection or not at all.
        if (await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == entry.Contest.OwnerId, ct) is { } owner)
            reminders.Queue(owner, optOut => new NewObjectionMail(entry.Number ?? "", entry.Title, objection.Reason,
                links.Absolute($"/manage/contests/{entry.ContestId}/objections"), optOut), entry.Contest);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseSetup.IsUniqueViolation(e))
        {
            // Two posts raced; the first one counts and this one's evidence must not linger.
            if (objection.EvidenceBlob is not null) await blobs.DeleteAsync(objection.EvidenceBlob, CancellationToken.None);
            return new RuleViolation("", "You have already objected to this entry.");
        }
        return Result.Ok();
    }

    private async Task<string?> StoreEvidenceAsync(int contestId, Stream content, CancellationToken ct)
    {
        var id = Guid.NewGuid().ToString("N");
        var type = DocumentSniffer.Detect(content);
        if (type is not null)
        {
            var blob = Objection.EvidenceBlobFor(contestId, id, type);
            await blobs.UploadAsync(blob, content, ContentTypes.Of(blob), ct);
            return blob;
        }
        var image = Objection.EvidenceBlobFor(contestId, id, "jpg");
        return await ImageUpload.StoreAsync(content, 2400, image, media, blobs, ct) ? image : null;
    }
}
