using BrandStoryContest.Web.Domain;
using Xunit;

namespace BrandStoryContest.Tests.Domain;

/// <summary>
/// The algorithms at production scale stay correct. How long they take is a figure, not a test: bench/
/// (AlgorithmFigures) measures it.
/// </summary>
public sealed class ProductionScaleTests
{
    [Fact]
    public void Assignment_of_20000_entries_to_400_judges_covers_every_entry_evenly_and_without_conflicts()
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

        var plan = JudgeAssignment.Plan(problem);

        Assert.Equal(entries * k, plan.Pairs.Count);
        Assert.Empty(plan.Uncovered);
        Assert.All(plan.LoadByJudge.Values, load => Assert.Equal(150, load));
        Assert.DoesNotContain(plan.Pairs, conflicts.Contains);
    }

    [Fact]
    public void Z_score_ranking_of_20000_entries_by_5_judges_ranks_every_entry_in_score_order()
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

        var ranking = ScoreAggregation.Rank(scores, AggregationMethod.ZScoreMean);

        Assert.Equal(Enumerable.Range(1, 20_000), ranking.Select(r => r.Rank));
        Assert.True(ranking.Zip(ranking.Skip(1)).All(p => p.First.Score >= p.Second.Score));
    }
}
