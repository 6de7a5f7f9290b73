using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Entries;

public static class EntryAccess
{
    /// <summary>The entrant's own entry with its contest and category, or null: someone else's entry is "not found".</summary>
    public static Task<Entry?> OwnEntryAsync(this ContestDb db, int entryId, string? userId, CancellationToken ct) =>
        userId is null
            ? Task.FromResult<Entry?>(null)
            : db.Entries.Include(e => e.Contest).Include(e => e.Category).Include(e => e.Authors)
                .SingleOrDefaultAsync(e => e.Id == entryId && e.EntrantId == userId, ct);

    public static RuleViolation Closed(Contest contest) =>
        new("", "Submissions for this contest closed at {0}. Nothing you submitted before was changed.",
            ContestTime.Format(contest.SubmissionClosesAt, contest.TimeZoneId));

    public static RuleViolation NotOpenYet(Contest contest) =>
        new("", "Submissions open at {0}.", ContestTime.Format(contest.SubmissionOpensAt, contest.TimeZoneId));

    /// <summary>Why the entry cannot be changed now, or null when it can.</summary>
    public static RuleViolation? WhyLocked(Entry entry, DateTimeOffset now)
    {
        if (entry.State is EntryState.Withdrawn) return new("", "This entry was withdrawn.");
        if (entry.CarriedOver) return new("", "This entry was recommended to the final from its division, so it cannot be changed here.");
        if (entry.State is EntryState.Disqualified) return new("", "This entry was disqualified: {0}", entry.DisqualificationReason ?? "");
        // Return for correction: the entry's own deadline replaces the contest's, which may have passed.
        if (entry.State is EntryState.Returned)
            return entry.IsOpenForCorrection(now) ? null
                : new("", "The correction deadline passed at {0}, so this entry is locked. The organizer decides what happens to it.",
                    ContestTime.Format(entry.CorrectionDueAt ?? now, entry.Contest.TimeZoneId));
        if (now < entry.Contest.SubmissionOpensAt) return NotOpenYet(entry.Contest);
        if (now >= entry.Contest.SubmissionClosesAt) return Closed(entry.Contest);
        return null;
    }
}
