using BrandStoryContest.Web.Domain;
using Xunit;

namespace BrandStoryContest.Tests.Domain;

public sealed class AwardProposalTests
{
    private static List<RankedEntry> Ranking(params double[] scores) =>
        scores.Select((score, i) => new RankedEntry(i + 1, i + 1, score, [], [])).ToList();

    private static (int EntryId, string Tier)[] Summary(AwardProposalResult result) =>
        result.Awards.Select(a => (a.EntryId, a.Tier)).ToArray();

    [Fact]
    public void Tiers_are_filled_in_order_down_the_ranking()
    {
        var result = AwardProposal.Propose(Ranking(99, 95, 90, 85, 80, 75, 70, 65),
            [new("First", 1), new("Second", 2), new("Third", 3)]);

        Assert.Equal([(1, "First"), (2, "Second"), (3, "Second"), (4, "Third"), (5, "Third"), (6, "Third")], Summary(result));
        Assert.Equal([1, 2, 3, 4, 5, 6], result.Awards.Select(a => a.Rank));
        Assert.Empty(result.Ties);
    }

    [Fact]
    public void A_tie_across_a_tier_boundary_is_left_to_the_organizer_and_later_tiers_continue_after_it()
    {
        // Second has 2 seats: entry 2 takes one; entries 3 and 4 (both 85) compete for the last seat.
        var result = AwardProposal.Propose(Ranking(95, 90, 85, 85, 80, 75),
            [new("First", 1), new("Second", 2), new("Third", 2)]);

        Assert.Equal([(1, "First"), (2, "Second"), (5, "Third"), (6, "Third")], Summary(result));
        var tie = Assert.Single(result.Ties);
        Assert.Equal("Second", tie.Tier);
        Assert.Equal([3, 4], tie.EntryIds);
        Assert.Equal(1, tie.SeatsLeft);
    }

    [Fact]
    public void A_tie_for_the_only_seat_of_a_tier_awards_nobody_in_that_tier()
    {
        var result = AwardProposal.Propose(Ranking(95, 95, 90, 80),
            [new("First", 1), new("Second", 2)]);

        Assert.Equal([(3, "Second"), (4, "Second")], Summary(result));
        Assert.Equal([new TieAtBoundary("First", [1, 2], 1)], result.Ties, TieEquality);
    }

    [Fact]
    public void A_tie_that_fits_inside_a_tier_is_awarded_normally()
    {
        var result = AwardProposal.Propose(Ranking(95, 90, 90, 80),
            [new("First", 1), new("Second", 3)]);

        Assert.Equal([(1, "First"), (2, "Second"), (3, "Second"), (4, "Second")], Summary(result));
        Assert.Empty(result.Ties);
    }

    [Fact]
    public void Running_out_of_entries_leaves_later_tiers_empty()
    {
        var result = AwardProposal.Propose(Ranking(95, 90), [new("First", 1), new("Second", 3), new("Third", 5)]);

        Assert.Equal([(1, "First"), (2, "Second")], Summary(result));
        Assert.Empty(result.Ties);
    }

    [Fact]
    public void No_entry_is_awarded_twice_or_beyond_its_tier_quota_on_random_rankings()
    {
        var random = new Random(5);
        for (int run = 0; run < 200; run++)
        {
            var ranking = Ranking(Enumerable.Range(0, random.Next(0, 40)).Select(_ => (double)random.Next(0, 10)).OrderDescending().ToArray());
            AwardTierQuota[] tiers = [new("First", random.Next(0, 3)), new("Second", random.Next(0, 6)), new("Third", random.Next(0, 10))];

            var result = AwardProposal.Propose(ranking, tiers);

            var placed = result.Awards.Select(a => a.EntryId).Concat(result.Ties.SelectMany(t => t.EntryIds)).ToList();
            Assert.Equal(placed.Count, placed.Distinct().Count());
            foreach (var tier in tiers)
            {
                int awarded = result.Awards.Count(a => a.Tier == tier.Tier);
                int left = result.Ties.Where(t => t.Tier == tier.Tier).Sum(t => t.SeatsLeft);
                Assert.True(awarded + left <= tier.Quota);
            }
            // No award may split a group of equal scores between "awarded this tier" and "something else".
            foreach (var group in ranking.GroupBy(r => r.Score))
                Assert.Single(group.Select(r => result.Awards.FirstOrDefault(a => a.EntryId == r.EntryId)?.Tier).Distinct());
        }
    }

    private static readonly IEqualityComparer<TieAtBoundary> TieEquality = EqualityComparer<TieAtBoundary>.Create(
        (a, b) => a!.Tier == b!.Tier && a.SeatsLeft == b.SeatsLeft && a.EntryIds.SequenceEqual(b.EntryIds),
        t => t.Tier.GetHashCode());
}
