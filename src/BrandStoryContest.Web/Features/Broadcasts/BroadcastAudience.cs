using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Broadcasts;

public enum BroadcastAudience
{
    /// <summary>Everyone with a submitted entry, or one returned to them for correction (it was submitted and will be again).</summary>
    Entrants,
    /// <summary>Everyone with a draft that is not submitted.</summary>
    Drafts,
    /// <summary>The contest's jury pool.</summary>
    Judges,
    /// <summary>Entrants of awarded entries, once the awards are on the notice board or published.</summary>
    Winners,
}

/// <summary>Who a broadcast reaches, the same for the preview's count and the send, so the two cannot differ.</summary>
public static class BroadcastRecipients
{
    public sealed record Audience(IReadOnlyList<Account> Recipients, int OptedOut);

    public static async Task<Audience> ForAsync(ContestDb db, Contest contest, BroadcastAudience audience, CancellationToken ct)
    {
        var ids = audience switch
        {
            BroadcastAudience.Entrants => db.Entries.Where(e => e.ContestId == contest.Id && (e.State == EntryState.Submitted || e.State == EntryState.Returned)).Select(e => e.EntrantId),
            BroadcastAudience.Drafts => db.Entries.Where(e => e.ContestId == contest.Id && e.State == EntryState.Draft).Select(e => e.EntrantId),
            BroadcastAudience.Judges => db.ContestJudges.Where(j => j.ContestId == contest.Id).Select(j => j.JudgeId),
            // Before the notice board opens the awards are a draft: writing to "winners" would announce them early.
            BroadcastAudience.Winners when contest.Stage == ResultsStage.Draft => db.Entries.Where(_ => false).Select(e => e.EntrantId),
            BroadcastAudience.Winners => db.Awards.Where(a => a.Entry.ContestId == contest.Id && a.Entry.State == EntryState.Submitted)
                .Select(a => a.Entry.EntrantId),
            _ => db.Entries.Where(_ => false).Select(e => e.EntrantId),
        };
        var accounts = await db.Users.AsNoTracking().Where(u => ids.Distinct().Contains(u.Id) && u.Email != null).OrderBy(u => u.Id).ToListAsync(ct);
        // Broadcasts are not transactional: an account that opted out of reminders gets none (README, "Reminders and broadcasts").
        var reached = accounts.Where(a => !a.RemindersOptedOut).ToList();
        return new(reached, accounts.Count - reached.Count);
    }
}
