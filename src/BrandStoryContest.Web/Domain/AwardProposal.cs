namespace BrandStoryContest.Web.Domain;

/// <summary>One award tier and how many entries it holds; tiers are given best first (First Prize 1, Second Prize 3, ...).</summary>
public sealed record AwardTierQuota(string Tier, int Quota);

public sealed record ProposedAward(int EntryId, string Tier, int Rank);

public sealed record AwardProposalResult(IReadOnlyList<ProposedAward> Awards, IReadOnlyList<TieAtBoundary> Ties);

/// <summary>Entries tied on score across the tier's quota boundary; the organizer must decide. <see cref="SeatsLeft"/> is the tier's unfilled quota.</summary>
public sealed record TieAtBoundary(string Tier, IReadOnlyList<int> EntryIds, int SeatsLeft);

/// <summary>An entry holding a regular tier before a refill. Rank and score are null for an entry the organizer placed without a ranking.</summary>
public sealed record AwardHolder(int EntryId, string Tier, int? Rank, double? Score);

public static class AwardProposal
{
    /// <summary>
    /// Fills the tiers in order, walking down the ranking. Entries with equal scores are handled as one group:
    /// a group that fits in the tier's remaining seats is awarded the tier; a group larger than the seats left
    /// straddles the boundary, so none of it is awarded automatically. It is reported in
    /// <see cref="AwardProposalResult.Ties"/> with the seats left, the tier stays short by those seats, and the
    /// next tier continues with the entries after the tied group. The organizer then places the tied entries
    /// (in this tier, a lower one, or by enlarging the quota).
    /// </summary>
    public static AwardProposalResult Propose(IReadOnlyList<RankedEntry> ranking, IReadOnlyList<AwardTierQuota> tiers)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(tiers);
        var ordered = ranking.OrderBy(r => r.Rank).ToList();
        var awards = new List<ProposedAward>();
        var ties = new List<TieAtBoundary>();
        int next = 0;
        foreach (var (tier, quota) in tiers)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(quota);
            int seats = quota;
            while (seats > 0 && next < ordered.Count)
            {
                int groupEnd = next;
                while (groupEnd < ordered.Count && ordered[groupEnd].Score == ordered[next].Score)
                    groupEnd++;
                var group = ordered.GetRange(next, groupEnd - next);
                next = groupEnd;

                if (group.Count > seats)
                {
                    ties.Add(new TieAtBoundary(tier, group.Select(r => r.EntryId).ToList(), seats));
                    break;
                }
                awards.AddRange(group.Select(r => new ProposedAward(r.EntryId, tier, r.Rank)));
                seats -= group.Count;
            }
        }
        return new AwardProposalResult(awards, ties);
    }

    /// <summary>
    /// Refills the tiers after entries lost their awards (an objection upheld during the notice period), by the
    /// same quota rules as <see cref="Propose"/>, without undoing the organizer's decisions: the remaining holders
    /// keep their order (tier by tier, then by rank), each freed seat is taken by the best of the tier below, and
    /// the last tier takes the best ranked entry without an award. Entries compete as one group only when they
    /// come from the same tier (or both from outside the awards) with equal scores, so a tie the organizer
    /// already decided does not come back; a group larger than the seats left is reported as a tie again.
    /// </summary>
    public static AwardProposalResult Refill(IReadOnlyList<AwardHolder> holders, IReadOnlyList<RankedEntry> ranking,
        IReadOnlyList<AwardTierQuota> tiers, IReadOnlySet<int> removed)
    {
        ArgumentNullException.ThrowIfNull(holders);
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentNullException.ThrowIfNull(tiers);
        ArgumentNullException.ThrowIfNull(removed);
        var queue = new List<(int EntryId, int? Rank, (int Source, double Score, int Alone) Group)>();
        int alone = 0;
        for (int t = 0; t < tiers.Count; t++)
            foreach (var h in holders.Where(h => h.Tier == tiers[t].Tier && !removed.Contains(h.EntryId))
                         .OrderBy(h => h.Rank ?? int.MaxValue).ThenBy(h => h.EntryId))
                // An unranked holder has no score to tie on: a group of its own.
                queue.Add((h.EntryId, h.Rank, (t, h.Score ?? 0, h.Score is null ? ++alone : 0)));
        var held = holders.Select(h => h.EntryId).ToHashSet();
        foreach (var r in ranking.Where(r => !held.Contains(r.EntryId) && !removed.Contains(r.EntryId)).OrderBy(r => r.Rank))
            queue.Add((r.EntryId, r.Rank, (tiers.Count, r.Score, 0)));

        // Propose groups neighbours of equal score; one made-up score per group keeps exactly these groups.
        var groupNumber = new Dictionary<(int, double, int), int>();
        foreach (var q in queue) groupNumber.TryAdd(q.Group, groupNumber.Count);
        var synthetic = queue.Select((q, i) => new RankedEntry(q.EntryId, i + 1, -groupNumber[q.Group], [], [])).ToList();
        var refilled = Propose(synthetic, tiers);
        // Rank 0: an entry the organizer placed without a ranking.
        var realRank = queue.ToDictionary(q => q.EntryId, q => q.Rank ?? 0);
        return new AwardProposalResult(refilled.Awards.Select(a => a with { Rank = realRank[a.EntryId] }).ToList(), refilled.Ties);
    }
}
