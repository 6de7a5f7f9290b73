using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Entries;
using BrandStoryContest.Web.Infrastructure.Mail;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Divisions;

/// <summary>To the entrant: their division entry goes on to the final, with its final number (Mails/Recommended.*).</summary>
public sealed record RecommendedMail(string Entry, string DivisionNumber, string FinalNumber, Bilingual Division, string Link) : IMail;

public sealed record RecommendationMade(int RecommendationId, string FinalNumber);

/// <summary>
/// Moves one division entry into the final, shared by the two ways of recommending. The final gets its own Entry row
/// that points at the same blob names (no copy of media), with the entrant's identity of record, the same authors,
/// custom field answers (to the final category's matching field) and declaration acceptances. It is numbered in the
/// final (FINAL-S-0001); the division number stays on the division's entry, which the final's judges never reach.
/// </summary>
public sealed class Recommender(ContestDb db, Outbox outbox, AppLinks links, TimeProvider clock)
{
    public async Task<Result<RecommendationMade>> RecommendAsync(Division division, Entry source, DivisionQuota quota, int? fromRoundId,
        string? reason, string actorId, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (!DivisionRules.AcceptsRecommendations(division.Final, now))
            return new RuleViolation("", "The final's recommendation deadline has passed or is not set.");
        // While the division still takes submissions the entrant may replace a file, which would delete the final's too.
        if (now < division.Contest.SubmissionClosesAt)
            return new RuleViolation("", "Entries are recommended once the division's submissions have closed.");
        if (source.State != EntryState.Submitted)
            return new RuleViolation("", "Only a submitted entry can be recommended.");
        // The quota place and the final number are both "the next free one": read and taken under the final category's
        // numbering lock (the one SaveEntry takes for the same numbers), so parallel recommendations queue instead of all
        // reading the same place, in the lock order every numbering transaction keeps (EntryNumbering.LockAfterVersionRowAsync).
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await EntryNumbering.LockAfterVersionRowAsync(db, division.FinalId, quota.FinalCategoryId, ct);
        var existing = await db.Recommendations.Include(r => r.FinalEntry).SingleOrDefaultAsync(r => r.SourceEntryId == source.Id, ct);
        if (existing is { IsActive: true })
            return new RuleViolation("", "This entry is already recommended to the final.");
        var taken = await db.Recommendations.Where(r => r.DivisionId == division.Id && r.FinalCategoryId == quota.FinalCategoryId && r.WithdrawnAt == null)
            .Select(r => r.QuotaSlot).ToListAsync(ct);
        var slot = Enumerable.Range(1, Math.Max(0, quota.Quota)).Cast<int?>().FirstOrDefault(n => !taken.Contains(n));
        if (taken.Count >= quota.Quota || slot is null)
            return new RuleViolation("", "This category's quota of {0} recommendations is full.", quota.Quota);

        Entry finalEntry;
        if (existing is not null)
        {
            // Recommended again after a withdrawal: the same final entry and number come back.
            existing.WithdrawnAt = null;
            existing.QuotaSlot = slot;
            existing.FromRoundId = fromRoundId;
            existing.Reason = reason;
            existing.RecommendedById = actorId;
            existing.RecommendedAt = now;
            finalEntry = existing.FinalEntry;
            // What the division entry is now (it may have been corrected since the withdrawal), with the final's keys and number.
            var values = db.Entry(source).CurrentValues.Clone();
            foreach (var keep in new[] { "Id", "ContestId", "CategoryId", "Number", "QuotaSlot", "OrganizationId", "Version", "CreatedAt", "CarriedOver" })
                values[keep] = db.Entry(finalEntry).CurrentValues[keep];
            db.Entry(finalEntry).CurrentValues.SetValues(values);
            finalEntry.State = EntryState.Submitted;
            finalEntry.UpdatedAt = now;
            finalEntry.Version++;
        }
        else
        {
            finalEntry = await CarryAcrossAsync(source, division.Final, quota.FinalCategoryId, now, ct);
            existing = new Recommendation
            {
                Division = division, SourceEntryId = source.Id, FinalEntry = finalEntry, FinalCategoryId = quota.FinalCategoryId,
                FromRoundId = fromRoundId, Reason = reason, RecommendedById = actorId, RecommendedAt = now, QuotaSlot = slot,
            };
            db.Recommendations.Add(existing);
        }
        db.Record(clock, actorId, "RecommendEntry", "Entry", source.Id, source.Number, finalEntry.Number,
            fromRoundId is null ? reason : $"ranking of round {fromRoundId}");
        var entrant = await db.Users.SingleAsync(u => u.Id == source.EntrantId, ct);
        if (!string.IsNullOrWhiteSpace(entrant.Email))
            outbox.Queue(MailRecipient.Of(entrant), new RecommendedMail(source.Title, source.Number ?? "", finalEntry.Number ?? "",
                new Bilingual(division.NameZh, division.NameEn), links.Absolute("/entries")), division.Final);
        try
        {
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseSetup.IsUniqueViolation(e))
        {
            // Another recommendation took the same quota place or final number (or this entry) at the same moment: nothing was saved.
            db.ChangeTracker.Clear();
            return new RuleViolation("", "Another recommendation was saved at the same moment, so this one was not: please try again.");
        }
        return new RecommendationMade(existing.Id, finalEntry.Number ?? "");
    }

    private async Task<Entry> CarryAcrossAsync(Entry source, Contest final, int finalCategoryId, DateTimeOffset now, CancellationToken ct)
    {
        var finalCategory = await db.Categories.SingleAsync(c => c.Id == finalCategoryId, ct);
        var copy = Copy(source);
        copy.ContestId = final.Id;
        copy.CategoryId = finalCategory.Id;
        copy.State = EntryState.Submitted;
        copy.CarriedOver = true;
        copy.Number = await EntryNumbering.NextAsync(db, final.Id, final.Code, finalCategory.Code, ct);
        // The entrant's quota is the division's business; units (代单位报送) are registered per contest, the name of record stays.
        copy.QuotaSlot = null;
        copy.OrganizationId = null;
        copy.Version = 0;
        copy.CreatedAt = copy.UpdatedAt = now;
        db.Entries.Add(copy);

        var authors = await db.EntryAuthors.AsNoTracking().Where(a => a.EntryId == source.Id).ToListAsync(ct);
        foreach (var a in authors)
        {
            a.Id = 0;
            a.Entry = copy;
            a.EntryId = 0;
            // Confirmation is done once, in the division; the link is not reused.
            a.ConfirmToken = null;
            db.EntryAuthors.Add(a);
        }

        // Answers go to the final category's field at the same place and of the same kind (the division's fields are copies of the final's).
        var finalFields = await db.CategoryFields.AsNoTracking().Where(f => f.CategoryId == finalCategory.Id).ToListAsync(ct);
        var answers = await db.EntryFieldAnswers.AsNoTracking().Include(x => x.Field).Where(x => x.EntryId == source.Id).ToListAsync(ct);
        foreach (var answer in answers)
            if (finalFields.FirstOrDefault(f => f.Order == answer.Field.Order && f.Kind == answer.Field.Kind) is { } field)
                db.EntryFieldAnswers.Add(new EntryFieldAnswer { Entry = copy, FieldId = field.Id, Value = answer.Value, BlobName = answer.BlobName });

        // What the entrant accepted, as accepted: the division's declaration versions (their texts and signed PDFs stay true).
        var accepted = await db.DeclarationAcceptances.AsNoTracking().Where(x => x.EntryId == source.Id).ToListAsync(ct);
        foreach (var x in accepted)
            db.DeclarationAcceptances.Add(new DeclarationAcceptance { Entry = copy, DeclarationId = x.DeclarationId, AcceptedAt = x.AcceptedAt, ClientAddress = x.ClientAddress });
        return copy;
    }

    private T Copy<T>(T source) where T : class
    {
        var values = db.Entry(source).CurrentValues.Clone();
        values["Id"] = 0;
        return (T)values.ToObject();
    }
}

/// <summary>To a division's organizer whose quotas are not filled, some hours before the final's recommendation deadline (Mails/RecommendationReminder.*).</summary>
public sealed record RecommendationReminderMail(string Name, int Missing, Bilingual Final, DateTimeOffset Deadline, int HoursBefore, string Link, string OptOutLink) : IMail;
