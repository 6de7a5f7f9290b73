using System.Diagnostics;
using BrandStoryContest.Web.Domain;
using Xunit;
using Xunit.Abstractions;

namespace BrandStoryContest.Tests.Domain;

/// <summary>Reports timings at production scale. No timing assertions (machines differ); correctness is still asserted.</summary>
public sealed class TimingReports(ITestOutputHelper output)
{
    [Fact]
    public void Assignment_of_20000_entries_to_400_judges_reports_its_time()
    {
        const int entries = 20_000, judges = 400, k = 3;
        var random = new Random(7);
        var entryIds = Enumerable.Range(1, entries).ToList();
        var judgeIds = Enumerable.Range(1, judges).Select(j => $"judge-{j}").ToList();
        var conflicts = new HashSet<(int, string)>();
        foreach (int e in entryIds)
        {
            foreach (var j in judgeIds)
            {
                if (random.NextDouble() < 0.02)
                    conflicts.Add((e, j));
            }
        }
        var problem = new AssignmentProblem(entryIds, judgeIds, k, conflicts, Seed: 1);

        var cold = Stopwatch.StartNew();
        var plan = JudgeAssignment.Plan(problem);
        cold.Stop();
        var warm = Stopwatch.StartNew();
        JudgeAssignment.Plan(problem with { Seed = 2 });
        warm.Stop();

        output.WriteLine($"Assignment {entries} x {judges} x k={k}, {conflicts.Count} conflicts: first call {cold.ElapsedMilliseconds} ms, second call {warm.ElapsedMilliseconds} ms");
        Assert.Equal(entries * k, plan.Pairs.Count);
        Assert.Empty(plan.Uncovered);
        Assert.All(plan.LoadByJudge.Values, load => Assert.Equal(150, load));
        Assert.DoesNotContain(plan.Pairs, conflicts.Contains);
    }

    [Fact]
    public void Z_score_ranking_of_20000_entries_by_5_judges_reports_its_time()
    {
        var random = new Random(11);
        var judgeIds = Enumerable.Range(1, 200).Select(j => $"judge-{j}").ToArray();
        var scores = new List<JudgeScore>(100_000);
        for (int e = 1; e <= 20_000; e++)
        {
            int first = random.Next(judgeIds.Length);
            for (int i = 0; i < 5; i++)
                scores.Add(new JudgeScore(e, judgeIds[(first + 37 * i) % judgeIds.Length], Math.Round(random.NextDouble() * 100, 1)));
        }

        var cold = Stopwatch.StartNew();
        var ranking = ScoreAggregation.Rank(scores, AggregationMethod.ZScoreMean);
        cold.Stop();
        var warm = Stopwatch.StartNew();
        ScoreAggregation.Rank(scores, AggregationMethod.ZScoreMean);
        warm.Stop();

        output.WriteLine($"Z-score ranking 20000 entries x 5 judges: first call {cold.ElapsedMilliseconds} ms, second call {warm.ElapsedMilliseconds} ms");
        Assert.Equal(Enumerable.Range(1, 20_000), ranking.Select(r => r.Rank));
        Assert.True(ranking.Zip(ranking.Skip(1)).All(p => p.First.Score >= p.Second.Score));
    }
}
