using BrandStoryContest.Web.Domain;

namespace BrandStoryContest.Tests.Domain;

public sealed class RankingUncertaintyTests
{
    private static IReadOnlyList<RankedEntry> Ranking(params (int Entry, double[] Totals)[] entries) =>
        ScoreAggregation.Rank(entries.SelectMany(e => e.Totals.Select((t, j) => new JudgeScore(e.Entry, $"j{e.Entry}-{j}", t))).ToList(), AggregationMethod.Mean);

    [Fact]
    public void Intervals_are_reproducible_by_seed_and_contain_the_score()
    {
        var ranking = Ranking((1, [80, 85, 90]), (2, [60, 90, 75]), (3, [50, 52, 51]));
        var a = RankingUncertainty.Intervals(ranking, AggregationMethod.Mean, seed: 42);
        var b = RankingUncertainty.Intervals(ranking, AggregationMethod.Mean, seed: 42);
        Assert.Equal(a, b);
        foreach (var r in ranking)
        {
            var ci = a.Single(i => i.EntryId == r.EntryId);
            Assert.InRange(r.Score, ci.Low, ci.High);
        }
        // Unanimous-ish judges give a narrow interval; a split panel a wide one.
        Assert.True(a.Single(i => i.EntryId == 3).High - a.Single(i => i.EntryId == 3).Low < a.Single(i => i.EntryId == 2).High - a.Single(i => i.EntryId == 2).Low);
        // Every interval lies within the lowest and highest total the entry received.
        Assert.All(a, ci => Assert.InRange(ci.Low, 50, 90));
    }

    [Fact]
    public void Overlapping_neighbours_are_flagged_only_at_award_cut_offs()
    {
        // 1 and 2 are close and noisy, 3 is far below: the cut-off after rank 1 is uncertain, after rank 2 it is not.
        var ranking = Ranking((1, [88, 70, 90]), (2, [85, 75, 80]), (3, [40, 42, 41]));
        var intervals = RankingUncertainty.Intervals(ranking, AggregationMethod.Mean, seed: 7);
        Assert.Equal([1], RankingUncertainty.OverlapsAtCutoffs(ranking, intervals, [1, 2]));
        Assert.Empty(RankingUncertainty.OverlapsAtCutoffs(ranking, intervals, [2]));
    }

    [Fact]
    public void An_entry_interval_is_the_same_computed_alone_or_with_the_whole_round()
    {
        // The organizer's page bootstraps only the rows it shows; they must read as they would over the whole round.
        var ranking = Ranking((1, [88, 70, 90]), (2, [85, 75, 80]), (3, [40, 42, 41]), (4, [60, 90, 75]));
        var all = RankingUncertainty.Intervals(ranking, AggregationMethod.Mean, seed: 11);
        var some = RankingUncertainty.Intervals(ranking, AggregationMethod.Mean, seed: 11, only: new HashSet<int> { 2, 4 });
        Assert.Equal(all.Where(i => i.EntryId is 2 or 4), some);
    }
}
