using BrandStoryContest.Web.Domain;
using Xunit;

namespace BrandStoryContest.Tests.Domain;

/// <summary>Refilling the tiers after an upheld objection removes a winner.</summary>
public sealed class AwardRefillTests
{
    private static readonly AwardTierQuota[] Tiers = [new("First", 1), new("Second", 2), new("Third", 2)];

    private static List<RankedEntry> Ranking(params double[] scores) =>
        scores.Select((score, i) => new RankedEntry(i + 1, i + 1, score, [], [])).ToList();

    /// <summary>Holders as the plain proposal would have placed them.</summary>
    private static List<AwardHolder> Proposed(List<RankedEntry> ranking) =>
        AwardProposal.Propose(ranking, Tiers).Awards
            .Select(a => new AwardHolder(a.EntryId, a.Tier, a.Rank, ranking.Single(r => r.EntryId == a.EntryId).Score)).ToList();

    private static (int EntryId, string Tier)[] Summary(AwardProposalResult result) =>
        result.Awards.Select(a => (a.EntryId, a.Tier)).ToArray();

    [Fact]
    public void Removing_the_first_prize_moves_every_tier_up_by_one_and_admits_the_next_entry()
    {
        var ranking = Ranking(95, 90, 85, 80, 75, 70, 65);
        var result = AwardProposal.Refill(Proposed(ranking), ranking, Tiers, new HashSet<int> { 1 });

        Assert.Equal([(2, "First"), (3, "Second"), (4, "Second"), (5, "Third"), (6, "Third")], Summary(result));
        Assert.Equal([2, 3, 4, 5, 6], result.Awards.Select(a => a.Rank));
        Assert.Empty(result.Ties);
    }

    [Fact]
    public void Removing_a_third_prize_only_admits_the_next_entry()
    {
        var ranking = Ranking(95, 90, 85, 80, 75, 70, 65);
        var result = AwardProposal.Refill(Proposed(ranking), ranking, Tiers, new HashSet<int> { 5 });

        Assert.Equal([(1, "First"), (2, "Second"), (3, "Second"), (4, "Third"), (6, "Third")], Summary(result));
    }

    [Fact]
    public void The_organizers_placements_survive_a_refill()
    {
        // Entries 3 and 4 tied at 90 for the second prize's last seat; the organizer gave it to 4 and put 3 in Third.
        var ranking = Ranking(95, 92, 90, 90, 70, 60);
        List<AwardHolder> holders =
        [
            new(1, "First", 1, 95), new(2, "Second", 2, 92), new(4, "Second", 4, 90), new(3, "Third", 3, 90), new(5, "Third", 5, 70),
        ];
        var result = AwardProposal.Refill(holders, ranking, Tiers, new HashSet<int> { 5 });

        // 3 stays in Third (no new tie with 4), and 6 takes the freed seat.
        Assert.Equal([(1, "First"), (2, "Second"), (4, "Second"), (3, "Third"), (6, "Third")], Summary(result));
        Assert.Empty(result.Ties);
    }

    [Fact]
    public void Equal_scores_competing_for_a_freed_seat_are_a_tie_again()
    {
        // When First goes, 2 moves up, 4 (best of Third) takes Second's freed seat, and Third's freed seat is
        // wanted by 6 and 7 with equal scores.
        var ranking = Ranking(95, 90, 85, 80, 78, 70, 70, 60);
        var result = AwardProposal.Refill(Proposed(ranking), ranking, Tiers, new HashSet<int> { 1 });

        Assert.Equal([(2, "First"), (3, "Second"), (4, "Second"), (5, "Third")], Summary(result));
        var tie = Assert.Single(result.Ties);
        Assert.Equal("Third", tie.Tier);
        Assert.Equal([6, 7], tie.EntryIds);
        Assert.Equal(1, tie.SeatsLeft);
    }

    [Fact]
    public void An_entry_placed_without_a_ranking_keeps_its_own_place()
    {
        var ranking = Ranking(95, 90, 85);
        List<AwardHolder> holders = [new(1, "First", 1, 95), new(9, "Second", null, null), new(8, "Second", null, null)];
        var result = AwardProposal.Refill(holders, ranking, Tiers, new HashSet<int> { 1 });

        // 8 and 9 have no score, so they never tie with each other; unranked holders keep the order of their ids.
        Assert.Equal([(8, "First"), (9, "Second"), (2, "Second"), (3, "Third")], Summary(result));
        Assert.Equal(0, result.Awards.Single(a => a.EntryId == 8).Rank);
    }
}
