namespace BrandStoryContest.Web.Domain;

/// <summary>One award tier and how many entries it holds; tiers are given best first (First Prize 1, Second Prize 3, ...).</summary>
public sealed record AwardTierQuota(string Tier, int Quota);

public sealed record ProposedAward(int EntryId, string Tier, int Rank);

public sealed record AwardProposalResult(IReadOnlyList<ProposedAward> Awards, IReadOnlyList<TieAtBoundary> Ties);

/// <summary>Entries tied on score across the tier's quota boundary; the organizer must decide. <see cref="SeatsLeft"/> is the tier's unfilled quota.</summary>
public sealed record TieAtBoundary(string Tier, IReadOnlyList<int> EntryIds, int SeatsLeft);

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
}
