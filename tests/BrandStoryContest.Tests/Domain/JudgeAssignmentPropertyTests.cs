using BrandStoryContest.Web.Domain;
using Xunit;

namespace BrandStoryContest.Tests.Domain;

/// <summary>Invariants of the assignment on many seeded random instances, checked against an independent flow oracle.</summary>
public sealed class JudgeAssignmentPropertyTests
{
    private sealed record Instance(AssignmentProblem Problem, bool[,] Allowed, int[] Need);

    private static Instance RandomInstance(int seed, int maxEntries, int maxJudges)
    {
        var random = new Random(seed);
        int entries = random.Next(0, maxEntries + 1);
        int judges = random.Next(1, maxJudges + 1);
        int k = random.Next(0, 5);
        double density = new[] { 0.0, 0.05, 0.2, 0.4, 0.7 }[random.Next(5)];

        // Ids that are not 0..n-1, so index/id mix-ups would show.
        var entryIds = Enumerable.Range(0, entries).Select(i => 1000 + 7 * i).ToList();
        var judgeIds = Enumerable.Range(0, judges).Select(j => $"judge-{(char)('a' + j)}").ToList();
        var allowed = new bool[entries, judges];
        var conflicts = new HashSet<(int, string)>();
        for (int e = 0; e < entries; e++)
        {
            for (int j = 0; j < judges; j++)
            {
                allowed[e, j] = random.NextDouble() >= density;
                if (!allowed[e, j])
                    conflicts.Add((entryIds[e], judgeIds[j]));
            }
        }

        var need = new int[entries];
        for (int e = 0; e < entries; e++)
            need[e] = Math.Min(k, Enumerable.Range(0, judges).Count(j => allowed[e, j]));

        return new Instance(new AssignmentProblem(entryIds, judgeIds, k, conflicts, seed), allowed, need);
    }

    public static TheoryData<int> Seeds()
    {
        var seeds = new TheoryData<int>();
        for (int seed = 1; seed <= 200; seed++)
            seeds.Add(seed);
        return seeds;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void Random_small_instance_satisfies_every_invariant_and_the_optimal_balance(int seed)
    {
        var (problem, allowed, need) = RandomInstance(seed, maxEntries: 14, maxJudges: 8);
        var plan = JudgeAssignment.Plan(problem);

        AssertStructure(problem, allowed, need, plan);

        var loads = problem.JudgeIds.Select(j => plan.LoadByJudge[j]).ToArray();
        int total = need.Sum();
        int judges = problem.JudgeIds.Count;
        Assert.Equal(ReferenceFlow.OptimalMaxLoad(allowed, need), loads.Max());

        bool balancePossible = ReferenceFlow.Feasible(allowed, need, total / judges, (total + judges - 1) / judges);
        Assert.Equal(balancePossible, loads.Max() - loads.Min() <= 1);

        Assert.Equal(plan.Pairs, JudgeAssignment.Plan(problem).Pairs);
    }

    [Theory]
    [InlineData(501)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    [InlineData(505)]
    public void Random_medium_instance_is_as_balanced_as_the_oracle_allows(int seed)
    {
        var (problem, allowed, need) = RandomInstance(seed, maxEntries: 120, maxJudges: 25);
        var plan = JudgeAssignment.Plan(problem);

        AssertStructure(problem, allowed, need, plan);
        var loads = problem.JudgeIds.Select(j => plan.LoadByJudge[j]).ToArray();
        Assert.Equal(ReferenceFlow.OptimalMaxLoad(allowed, need), loads.Max());
    }

    private static void AssertStructure(AssignmentProblem problem, bool[,] allowed, int[] need, AssignmentPlan plan)
    {
        var entryIndex = problem.EntryIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var judgeIndex = problem.JudgeIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);

        Assert.Equal(plan.Pairs.Count, plan.Pairs.Distinct().Count());
        foreach (var (entryId, judgeId) in plan.Pairs)
            Assert.True(allowed[entryIndex[entryId], judgeIndex[judgeId]], $"conflicted pair ({entryId}, {judgeId}) assigned");

        var assigned = plan.Pairs.GroupBy(p => p.EntryId).ToDictionary(g => g.Key, g => g.Count());
        for (int e = 0; e < problem.EntryIds.Count; e++)
            Assert.Equal(need[e], assigned.GetValueOrDefault(problem.EntryIds[e]));

        var expectedUncovered = problem.EntryIds.Where((_, e) => need[e] < problem.JudgesPerEntry).ToList();
        Assert.Equal(expectedUncovered, plan.Uncovered.Select(u => u.EntryId));
        Assert.All(plan.Uncovered, u =>
        {
            Assert.Equal(problem.JudgesPerEntry, u.Needed);
            Assert.Equal(assigned.GetValueOrDefault(u.EntryId), u.Assigned);
            Assert.False(string.IsNullOrWhiteSpace(u.Reason));
        });

        Assert.Equal(problem.JudgeIds.Order(), plan.LoadByJudge.Keys.Order());
        foreach (var judgeId in problem.JudgeIds)
            Assert.Equal(plan.Pairs.Count(p => p.JudgeId == judgeId), plan.LoadByJudge[judgeId]);
    }
}
