using BrandStoryContest.Web.Domain;
using Xunit;

namespace BrandStoryContest.Tests.Domain;

public sealed class ScoreAggregationTests
{
    private static IEnumerable<JudgeScore> Entry(int entryId, params (string Judge, double Total)[] totals) =>
        totals.Select(t => new JudgeScore(entryId, t.Judge, t.Total));

    private static List<JudgeScore> Scores(params IEnumerable<JudgeScore>[] entries) => entries.SelectMany(e => e).ToList();

    [Fact]
    public void Weighted_total_normalises_each_criterion_to_its_range_and_scales_to_100()
    {
        // 8 in 0..10 → 0.8 (weight 2); 3 in 1..5 → 0.5 (weight 1); 40 in 0..50 → 0.8 (weight 1).
        // (2·0.8 + 0.5 + 0.8) / 4 = 2.9 / 4 = 0.725 → 72.5
        double total = ScoreAggregation.WeightedTotal([(8, 2, 0, 10), (3, 1, 1, 5), (40, 1, 0, 50)]);

        Assert.Equal(72.5, total, 9);
    }

    [Fact]
    public void Weighted_total_of_all_minimums_is_0_and_of_all_maximums_is_100()
    {
        Assert.Equal(0, ScoreAggregation.WeightedTotal([(1, 3, 1, 5), (0, 1, 0, 10)]), 9);
        Assert.Equal(100, ScoreAggregation.WeightedTotal([(5, 3, 1, 5), (10, 1, 0, 10)]), 9);
    }

    [Fact]
    public void Weighted_total_rejects_impossible_input()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ScoreAggregation.WeightedTotal([(11, 1, 0, 10)]));
        Assert.Throws<ArgumentException>(() => ScoreAggregation.WeightedTotal([(5, 1, 10, 10)]));
        Assert.Throws<ArgumentException>(() => ScoreAggregation.WeightedTotal([(5, 0, 0, 10)]));
        Assert.Throws<ArgumentException>(() => ScoreAggregation.WeightedTotal([]));
    }

    [Fact]
    public void Mean_ranks_by_the_average_of_the_judges_totals()
    {
        // Entry 1: (70 + 80 + 90) / 3 = 80.  Entry 2: (60 + 95) / 2 = 77.5.  Entry 3: (85 + 83 + 84) / 3 = 84.
        var ranking = ScoreAggregation.Rank(Scores(
            Entry(1, ("A", 70), ("B", 80), ("C", 90)),
            Entry(2, ("A", 60), ("B", 95)),
            Entry(3, ("A", 85), ("B", 83), ("C", 84))), AggregationMethod.Mean);

        Assert.Equal([3, 1, 2], ranking.Select(r => r.EntryId));
        Assert.Equal([1, 2, 3], ranking.Select(r => r.Rank));
        Assert.Equal([84, 80, 77.5], ranking.Select(r => r.Score));
        Assert.All(ranking, r => Assert.False(r.TiedWithPrevious));
    }

    [Fact]
    public void Trimmed_mean_drops_the_extremes_only_with_five_or_more_judges()
    {
        // Entry 1, five judges: drop 50 and 100 → (70 + 72 + 74) / 3 = 72   (the plain mean would be 366 / 5 = 73.2).
        // Entry 2, four judges: no trimming → (50 + 70 + 74 + 100) / 4 = 294 / 4 = 73.5.
        var ranking = ScoreAggregation.Rank(Scores(
            Entry(1, ("A", 50), ("B", 70), ("C", 72), ("D", 74), ("E", 100)),
            Entry(2, ("A", 50), ("B", 70), ("C", 74), ("D", 100))), AggregationMethod.TrimmedMean);

        Assert.Equal([2, 1], ranking.Select(r => r.EntryId));
        Assert.Equal([73.5, 72], ranking.Select(r => r.Score));
    }

    [Fact]
    public void Z_scores_stop_a_harsh_and_a_lenient_judge_from_deciding_the_order()
    {
        // Harsh judge H scored entries 1-3: 50, 60, 70 → μ = 60, σ = √((100 + 0 + 100) / 3) = √(200/3).
        //   z(70) = 10 / √(200/3) = √1.5 ≈ 1.2247;  z(60) = 0;  z(50) = −√1.5.
        // Lenient judge L scored entries 4-6: 80, 85, 90 → μ = 85, σ = √(50/3).
        //   z(80) = −5 / √(50/3) = −√1.5;  z(85) = 0;  z(90) = √1.5.
        // By mean entry 4 (80) beats entry 3 (70); by z-score entry 3 (+√1.5) beats entry 4 (−√1.5).
        var scores = Scores(
            Entry(1, ("H", 50)), Entry(2, ("H", 60)), Entry(3, ("H", 70)),
            Entry(4, ("L", 80)), Entry(5, ("L", 85)), Entry(6, ("L", 90)));

        var byMean = ScoreAggregation.Rank(scores, AggregationMethod.Mean);
        var byZ = ScoreAggregation.Rank(scores, AggregationMethod.ZScoreMean);

        Assert.Equal([6, 5, 4, 3, 2, 1], byMean.Select(r => r.EntryId));
        // Equal z-scores fall back to the tie-break on raw totals (median, then max), hence 6 before 3 etc.
        Assert.Equal([6, 3, 5, 2, 4, 1], byZ.Select(r => r.EntryId));
        Assert.Equal(Math.Sqrt(1.5), byZ.Single(r => r.EntryId == 3).Score, 9);
        Assert.Equal(-Math.Sqrt(1.5), byZ.Single(r => r.EntryId == 4).Score, 9);
        Assert.Equal([false, true, false, true, false, true], byZ.Select(r => r.TiedWithPrevious));
    }

    [Fact]
    public void Z_score_mean_averages_the_z_scores_of_an_entrys_judges()
    {
        // A scored 40, 60, 80 on entries 1-3: μ 60, σ = √(800/3) ≈ 16.33 → z = −√1.5, 0, √1.5.
        // B scored 90, 70 on entries 1-2: μ 80, σ 10 → z = 1, −1.
        // Entry 1: (−√1.5 + 1) / 2 ≈ −0.1124.  Entry 2: (0 − 1) / 2 = −0.5.  Entry 3: √1.5 ≈ 1.2247.
        var ranking = ScoreAggregation.Rank(Scores(
            Entry(1, ("A", 40), ("B", 90)),
            Entry(2, ("A", 60), ("B", 70)),
            Entry(3, ("A", 80))), AggregationMethod.ZScoreMean);

        Assert.Equal([3, 1, 2], ranking.Select(r => r.EntryId));
        Assert.Equal((1 - Math.Sqrt(1.5)) / 2, ranking[1].Score, 9);
        Assert.Equal(-0.5, ranking[2].Score, 9);
    }

    [Fact]
    public void A_judge_who_gives_everyone_the_same_total_contributes_z_zero()
    {
        // Judge C's totals have σ = 0, so C adds 0 to every entry. A: 60, 80 → z = −1, 1. B: 70, 90 → z = −1, 1.
        // Entry 1: (−1 − 1 + 0) / 3 = −2/3.  Entry 2: (1 + 1 + 0) / 3 = 2/3.
        var ranking = ScoreAggregation.Rank(Scores(
            Entry(1, ("A", 60), ("B", 70), ("C", 73.3)),
            Entry(2, ("A", 80), ("B", 90), ("C", 73.3))), AggregationMethod.ZScoreMean);

        Assert.Equal([2, 1], ranking.Select(r => r.EntryId));
        Assert.Equal(2.0 / 3, ranking[0].Score, 9);
        Assert.Equal(-2.0 / 3, ranking[1].Score, 9);
    }

    [Fact]
    public void Ties_on_score_are_broken_by_median_then_max_then_lower_entry_id()
    {
        // All four tied entries have mean 70:
        //   11: 62, 73, 75 → median 73                → first of the tied group
        //   13: 58, 70, 82 → median 70, max 82
        //   10: 60, 70, 80 → median 70, max 80, id 10
        //   14: 60, 70, 80 → same as 10, higher id   → last
        var ranking = ScoreAggregation.Rank(Scores(
            Entry(14, ("A", 60), ("B", 70), ("C", 80)),
            Entry(13, ("A", 58), ("B", 70), ("C", 82)),
            Entry(5, ("A", 90), ("B", 90), ("C", 90)),
            Entry(10, ("A", 80), ("B", 70), ("C", 60)),
            Entry(11, ("A", 62), ("B", 73), ("C", 75))), AggregationMethod.Mean);

        Assert.Equal([5, 11, 13, 10, 14], ranking.Select(r => r.EntryId));
        Assert.Equal([1, 2, 3, 4, 5], ranking.Select(r => r.Rank));
        Assert.Equal([false, false, true, true, true], ranking.Select(r => r.TiedWithPrevious));
    }

    [Fact]
    public void Averages_that_are_equal_on_paper_count_as_tied_despite_floating_point()
    {
        // Both sum to 200 on paper, so both means are 66.67; as doubles they come out as
        // 66.66666666666666 and 66.66666666666667. The tie-break (median 59.1 > 56.6) must then decide.
        var ranking = ScoreAggregation.Rank(Scores(
            Entry(1, ("A", 44.8), ("B", 96.1), ("C", 59.1)),
            Entry(2, ("A", 50.7), ("B", 56.6), ("C", 92.7))), AggregationMethod.Mean);

        Assert.Equal([1, 2], ranking.Select(r => r.EntryId));
        Assert.True(ranking[1].TiedWithPrevious);
        Assert.Equal(ranking[0].Score, ranking[1].Score);
    }

    [Fact]
    public void A_score_more_than_20_points_from_the_other_judges_mean_is_flagged()
    {
        // Entry 1: C's 95 vs mean(70, 72) = 71 → 24 > 20: outlier. A: 70 vs 83.5 → 13.5; B: 72 vs 82.5 → 10.5.
        // Entry 2: C's 90 vs mean(70, 70) = 70 → exactly 20: not "more than 20".
        // Entry 3: 40 vs 90 but only two scores: never flagged.
        // Entry 4: A's 30 vs mean(60, 60, 62) ≈ 60.67 → 30.67; the others are ≤ 10.5 from theirs.
        var ranking = ScoreAggregation.Rank(Scores(
            Entry(1, ("A", 70), ("B", 72), ("C", 95)),
            Entry(2, ("A", 70), ("B", 70), ("C", 90)),
            Entry(3, ("A", 40), ("B", 90)),
            Entry(4, ("A", 30), ("B", 60), ("C", 60), ("D", 62))), AggregationMethod.Mean);

        var outliers = ranking.ToDictionary(r => r.EntryId, r => r.OutlierJudgeIds);
        Assert.Equal(["C"], outliers[1]);
        Assert.Empty(outliers[2]);
        Assert.Empty(outliers[3]);
        Assert.Equal(["A"], outliers[4]);
    }

    [Fact]
    public void Ranked_entries_carry_their_judge_scores()
    {
        var scores = Scores(Entry(1, ("A", 70), ("B", 80)), Entry(2, ("A", 90)));

        var ranking = ScoreAggregation.Rank(scores, AggregationMethod.Mean);

        Assert.Equal(scores.Where(s => s.EntryId == 1), ranking.Single(r => r.EntryId == 1).Scores);
        Assert.Equal(scores.Where(s => s.EntryId == 2), ranking.Single(r => r.EntryId == 2).Scores);
    }

    [Fact]
    public void A_judge_scoring_the_same_entry_twice_is_rejected()
    {
        var scores = Scores(Entry(1, ("A", 70), ("A", 80)));

        Assert.Throws<ArgumentException>(() => ScoreAggregation.Rank(scores, AggregationMethod.Mean));
        Assert.Throws<ArgumentException>(() => ScoreAggregation.KendallsW(scores));
    }

    [Fact]
    public void No_scores_give_an_empty_ranking()
    {
        Assert.Empty(ScoreAggregation.Rank([], AggregationMethod.ZScoreMean));
    }

    [Fact]
    public void Ranking_is_a_permutation_sorted_by_score_on_random_input()
    {
        var random = new Random(3);
        var scores = new List<JudgeScore>();
        for (int e = 1; e <= 300; e++)
        {
            foreach (var judge in new[] { "A", "B", "C", "D", "E", "F" }.Where(_ => random.NextDouble() < 0.7))
                scores.Add(new JudgeScore(e, judge, random.Next(0, 21) * 5));
        }

        foreach (var method in Enum.GetValues<AggregationMethod>())
        {
            var ranking = ScoreAggregation.Rank(scores, method);

            Assert.Equal(scores.Select(s => s.EntryId).Distinct().Order(), ranking.Select(r => r.EntryId).Order());
            Assert.Equal(Enumerable.Range(1, ranking.Count), ranking.Select(r => r.Rank));
            for (int i = 1; i < ranking.Count; i++)
            {
                Assert.True(ranking[i - 1].Score >= ranking[i].Score);
                Assert.Equal(ranking[i - 1].Score == ranking[i].Score, ranking[i].TiedWithPrevious);
            }
        }
    }

    [Fact]
    public void Kendalls_w_is_1_when_every_judge_ranks_the_entries_the_same_way()
    {
        // Different levels, same order: perfect agreement.
        var scores = Scores(
            Entry(1, ("A", 90), ("B", 60), ("C", 99)),
            Entry(2, ("A", 80), ("B", 50), ("C", 98)),
            Entry(3, ("A", 70), ("B", 40), ("C", 97)));

        Assert.Equal(1, ScoreAggregation.KendallsW(scores), 12);
    }

    [Fact]
    public void Kendalls_w_is_0_when_two_judges_rank_in_opposite_order()
    {
        // Rank sums are all n + 1 = 5, so S = 0.
        var scores = Scores(
            Entry(1, ("A", 90), ("B", 60)),
            Entry(2, ("A", 80), ("B", 70)),
            Entry(3, ("A", 70), ("B", 80)),
            Entry(4, ("A", 60), ("B", 90)));

        Assert.Equal(0, ScoreAggregation.KendallsW(scores), 12);
    }

    [Fact]
    public void Kendalls_w_matches_a_hand_computed_partial_agreement()
    {
        // Ranks  A: 1,2,3,4   B: 1,3,2,4   C: 2,1,3,4  → rank sums 4, 6, 8, 12; mean m(n+1)/2 = 3·5/2 = 7.5.
        // S = 3.5² + 1.5² + 0.5² + 4.5² = 35.  W = 12·35 / (3²·(4³ − 4)) = 420 / 540 = 7/9.
        var scores = Scores(
            Entry(1, ("A", 90), ("B", 90), ("C", 80)),
            Entry(2, ("A", 80), ("B", 70), ("C", 90)),
            Entry(3, ("A", 70), ("B", 80), ("C", 70)),
            Entry(4, ("A", 60), ("B", 60), ("C", 60)));

        Assert.Equal(7.0 / 9, ScoreAggregation.KendallsW(scores), 12);
    }

    [Fact]
    public void Kendalls_w_corrects_for_tied_scores()
    {
        // A: 80, 80, 60 → ranks 1.5, 1.5, 3 (one tie of size 2: T = 2³ − 2 = 6).  B: 90, 70, 50 → 1, 2, 3.
        // Rank sums 2.5, 3.5, 6; mean 2·4/2 = 4; S = 1.5² + 0.5² + 2² = 6.5.
        // W = 12·6.5 / (2²·(3³ − 3) − 2·6) = 78 / 84 = 13/14.
        var scores = Scores(
            Entry(1, ("A", 80), ("B", 90)),
            Entry(2, ("A", 80), ("B", 70)),
            Entry(3, ("A", 60), ("B", 50)));

        Assert.Equal(13.0 / 14, ScoreAggregation.KendallsW(scores), 12);
    }

    [Fact]
    public void Kendalls_w_uses_only_entries_that_every_judge_scored()
    {
        // D scored only entries 1 and 2, so W is computed on {1, 2}: A, B, D put 1 first, C puts 2 first.
        // Rank sums 1+1+2+1 = 5 and 2+2+1+2 = 7; mean 4·3/2 = 6; S = 2.  W = 12·2 / (4²·(2³ − 2)) = 24/96 = 0.25.
        var scores = Scores(
            Entry(1, ("A", 90), ("B", 90), ("C", 80), ("D", 70)),
            Entry(2, ("A", 80), ("B", 70), ("C", 90), ("D", 60)),
            Entry(3, ("A", 70), ("B", 80), ("C", 70)));

        Assert.Equal(0.25, ScoreAggregation.KendallsW(scores), 12);
    }

    [Fact]
    public void Kendalls_w_is_undefined_without_two_judges_and_two_shared_entries()
    {
        Assert.True(double.IsNaN(ScoreAggregation.KendallsW(Scores(Entry(1, ("A", 90)), Entry(2, ("A", 80))))));
        Assert.True(double.IsNaN(ScoreAggregation.KendallsW(Scores(Entry(1, ("A", 90), ("B", 80)), Entry(2, ("A", 80))))));
        Assert.True(double.IsNaN(ScoreAggregation.KendallsW(Scores(Entry(1, ("A", 70), ("B", 70)), Entry(2, ("A", 70), ("B", 70))))));
    }
}
