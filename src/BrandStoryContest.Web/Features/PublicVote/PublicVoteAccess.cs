using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.PublicVote;

public static class PublicVoteAccess
{
    /// <summary>
    /// The entries a round judges, also before judges are assigned: round 1 takes the category's submitted entries
    /// (its round entries are only synced when judges are assigned), later rounds the entries that advanced.
    /// </summary>
    public static IQueryable<Entry> RoundCandidates(this ContestDb db, Round round) =>
        round.Sequence == 1
            ? db.Entries.Where(e => e.CategoryId == round.CategoryId && e.State == EntryState.Submitted)
            : db.Entries.Where(e => e.State == EntryState.Submitted && db.RoundEntries.Any(r => r.RoundId == round.Id && r.EntryId == e.Id));

    /// <summary>Only entries whose entrant consented to publication are shown to the public, so only they can be voted for.</summary>
    public static IQueryable<Entry> InPublicVote(this IQueryable<Entry> candidates) => candidates.Where(e => e.ConsentsToPublication);

    public static async Task<Dictionary<int, int>> VoteCountsAsync(this ContestDb db, int roundId, CancellationToken ct) =>
        await db.Votes.Where(v => v.RoundId == roundId && v.VoidedAt == null).GroupBy(v => v.EntryId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    /// <summary>
    /// Which of <paramref name="entryIds"/> reach the jury under the round's vote cut-off. Entries not in the public
    /// vote (no publication consent) could not collect votes, so the cut-off does not apply to them: they go on.
    /// </summary>
    public static async Task<IReadOnlySet<int>> PassingCutoffAsync(this ContestDb db, Round round, IReadOnlyCollection<int> entryIds, CancellationToken ct)
    {
        if (round.VoteCutoff is not { } n) return entryIds.ToHashSet();
        var consenting = await db.Entries.Where(e => entryIds.Contains(e.Id) && e.ConsentsToPublication).Select(e => e.Id).ToListAsync(ct);
        var counts = await db.VoteCountsAsync(round.Id, ct);
        var passing = VoteCutoff.TopByVotes(consenting.ToDictionary(id => id, id => counts.GetValueOrDefault(id)), n).ToHashSet();
        passing.UnionWith(entryIds.Except(consenting));
        return passing;
    }
}
