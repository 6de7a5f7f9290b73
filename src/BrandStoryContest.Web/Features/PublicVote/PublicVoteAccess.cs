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

    /// <summary>The round (with category and contest) when the public may see it: it has a public vote and its contest is public.</summary>
    public static async Task<Round?> VotableRoundAsync(this ContestDb db, int roundId, CancellationToken ct)
    {
        var round = await db.Rounds.AsNoTracking().Include(r => r.Category).ThenInclude(c => c.Contest).SingleOrDefaultAsync(r => r.Id == roundId, ct);
        return round is { HasPublicVote: true, Category.Contest.IsPublic: true } ? round : null;
    }

    /// <summary>
    /// Whether the entry is shown to voters in some round of its category whose vote has opened and that is not
    /// finalized: the same candidates as <see cref="RoundCandidates"/> and <see cref="InPublicVote"/>, asked per entry.
    /// </summary>
    public static async Task<bool> IsShownInAPublicVoteAsync(this ContestDb db, Entry entry, DateTimeOffset now, CancellationToken ct) =>
        entry.ConsentsToPublication && entry.State == EntryState.Submitted && entry.Contest.IsPublic
        && await db.Rounds.AnyAsync(r => r.CategoryId == entry.CategoryId && r.State != RoundState.Finalized
            && r.VotingOpensAt != null && r.VotingOpensAt <= now && r.VotingClosesAt != null
            && (r.Sequence == 1 || db.RoundEntries.Any(x => x.RoundId == r.Id && x.EntryId == entry.Id)), ct);

    public static async Task<Dictionary<int, int>> VoteCountsAsync(this ContestDb db, int roundId, CancellationToken ct) =>
        await db.Votes.Where(v => v.RoundId == roundId && v.VoidedAt == null).GroupBy(v => v.EntryId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);

    /// <summary>
    /// Which of <paramref name="entryIds"/> reach the jury under the round's vote cut-off. Entries not in the public
    /// vote (no publication consent) could not collect votes, so the cut-off does not apply to them: they go on.
    /// </summary>
    public static async Task<IReadOnlySet<int>> PassingCutoffAsync(this ContestDb db, Round round, IReadOnlyCollection<int> entryIds, CancellationToken ct)
    {
        if (round.VoteCutoff is null) return entryIds.ToHashSet();
        var consenting = (await db.Entries.Where(e => entryIds.Contains(e.Id) && e.ConsentsToPublication).Select(e => e.Id).ToListAsync(ct)).ToHashSet();
        return PassingCutoff(round, entryIds.Select(id => (id, consenting.Contains(id))).ToList(), await db.VoteCountsAsync(round.Id, ct));
    }

    /// <summary>
    /// <see cref="PassingCutoffAsync"/> over candidates and counts already read: the organizer's pages have them in hand,
    /// and asking again sent 20,000 ids as 20,000 parameters, which cost more to build and bind than the query.
    /// </summary>
    public static IReadOnlySet<int> PassingCutoff(Round round, IReadOnlyCollection<(int Id, bool ConsentsToPublication)> candidates, IReadOnlyDictionary<int, int> counts)
    {
        if (round.VoteCutoff is not { } n) return candidates.Select(c => c.Id).ToHashSet();
        var consenting = candidates.Where(c => c.ConsentsToPublication).Select(c => c.Id).ToList();
        var passing = VoteCutoff.TopByVotes(consenting.ToDictionary(id => id, id => counts.GetValueOrDefault(id)), n).ToHashSet();
        passing.UnionWith(candidates.Where(c => !c.ConsentsToPublication).Select(c => c.Id));
        return passing;
    }
}
