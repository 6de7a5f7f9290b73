using BrandStoryContest.Web.Domain;
using Xunit;

namespace BrandStoryContest.Tests.Domain;

public sealed class JudgeAssignmentTests
{
    private static AssignmentProblem Problem(int entries, int judges, int k, int seed = 1, params (int EntryId, string JudgeId)[] conflicts) =>
        new(Enumerable.Range(1, entries).ToList(),
            Enumerable.Range(1, judges).Select(j => $"J{j}").ToList(),
            k,
            conflicts.ToHashSet(),
            seed);

    private static Dictionary<int, List<string>> JudgesByEntry(AssignmentPlan plan) =>
        plan.Pairs.GroupBy(p => p.EntryId).ToDictionary(g => g.Key, g => g.Select(p => p.JudgeId).ToList());

    [Fact]
    public void Every_entry_gets_k_judges_when_feasible()
    {
        var plan = JudgeAssignment.Plan(Problem(entries: 6, judges: 4, k: 2));

        var byEntry = JudgesByEntry(plan);
        Assert.Equal(6, byEntry.Count);
        Assert.All(byEntry.Values, judges => Assert.Equal(2, judges.Distinct().Count()));
        Assert.Empty(plan.Uncovered);
        // 6 entries × 2 judges = 12 assignments over 4 judges = exactly 3 each.
        Assert.All(plan.LoadByJudge.Values, load => Assert.Equal(3, load));
    }

    [Fact]
    public void Conflicted_pairs_are_never_assigned()
    {
        // Entry 1 conflicts with J1 and J2, so with k = 2 its only option is J3 + J4.
        var plan = JudgeAssignment.Plan(Problem(4, 4, 2, 1, (1, "J1"), (1, "J2"), (2, "J3")));

        Assert.Equal(["J3", "J4"], JudgesByEntry(plan)[1].Order());
        Assert.DoesNotContain((2, "J3"), plan.Pairs);
        Assert.Empty(plan.Uncovered);
    }

    [Fact]
    public void Entry_with_too_few_conflict_free_judges_gets_all_of_them_and_is_reported()
    {
        var plan = JudgeAssignment.Plan(Problem(3, 5, 3, 1, (2, "J1"), (2, "J3"), (2, "J5")));

        Assert.Equal(["J2", "J4"], JudgesByEntry(plan)[2].Order());
        var uncovered = Assert.Single(plan.Uncovered);
        Assert.Equal(new UncoveredEntry(2, 2, 3, "only 2 of 5 panel judges are free of conflicts"), uncovered);
    }

    [Fact]
    public void A_panel_smaller_than_k_covers_what_it_can_and_says_why()
    {
        var plan = JudgeAssignment.Plan(Problem(2, 2, 3));

        Assert.Equal(4, plan.Pairs.Count);
        Assert.All(plan.Uncovered, u => Assert.Equal("the panel has only 2 judges", u.Reason));
        Assert.Equal([1, 2], plan.Uncovered.Select(u => u.EntryId));
    }

    [Fact]
    public void Without_judges_every_entry_is_uncovered()
    {
        var plan = JudgeAssignment.Plan(Problem(2, 0, 3));

        Assert.Empty(plan.Pairs);
        Assert.Equal([new UncoveredEntry(1, 0, 3, "the panel has no judges"), new UncoveredEntry(2, 0, 3, "the panel has no judges")], plan.Uncovered);
        Assert.Empty(plan.LoadByJudge);
    }

    [Fact]
    public void Loads_differ_by_at_most_one_when_the_total_does_not_divide_evenly()
    {
        // 7 entries × 2 = 14 assignments over 3 judges: the only balanced split is 5, 5, 4.
        var plan = JudgeAssignment.Plan(Problem(7, 3, 2));

        Assert.Equal([4, 5, 5], plan.LoadByJudge.Values.Order());
    }

    [Fact]
    public void A_judge_forced_above_average_takes_nothing_optional()
    {
        // Entries 1-3 can only go to J1, so J1 carries 3 although 6 assignments / 3 judges = 2.
        // The minimum maximum load is therefore 3, which forbids giving J1 any of entries 4-6:
        // they split 2 + 1 between J2 and J3.
        var conflicts = new[] { (1, "J2"), (1, "J3"), (2, "J2"), (2, "J3"), (3, "J2"), (3, "J3") };
        var plan = JudgeAssignment.Plan(Problem(6, 3, 1, 1, conflicts));

        Assert.Equal(3, plan.LoadByJudge["J1"]);
        Assert.Equal([1, 2, 3], plan.LoadByJudge.Values.Order());
        Assert.All(JudgesByEntry(plan).Where(kv => kv.Key >= 4), kv => Assert.DoesNotContain("J1", kv.Value));
    }

    [Fact]
    public void Maximum_load_is_minimised_when_conflicts_rule_out_perfect_balance()
    {
        // J3 conflicts with everything and J2 with entries 1-3, so J1 must take 1-3; entry 4 should go to J2
        // (max load 3) rather than J1 (max load 4).
        var conflicts = new[] { (1, "J3"), (2, "J3"), (3, "J3"), (4, "J3"), (1, "J2"), (2, "J2"), (3, "J2") };
        var plan = JudgeAssignment.Plan(Problem(4, 3, 1, 1, conflicts));

        Assert.Equal(3, plan.LoadByJudge["J1"]);
        Assert.Equal(1, plan.LoadByJudge["J2"]);
        Assert.Equal(0, plan.LoadByJudge["J3"]);
    }

    [Fact]
    public void The_same_seed_gives_the_same_plan()
    {
        var conflicts = new[] { (3, "J2"), (5, "J7"), (8, "J1") };
        var first = JudgeAssignment.Plan(Problem(40, 9, 3, 42, conflicts));
        var second = JudgeAssignment.Plan(Problem(40, 9, 3, 42, conflicts));

        Assert.Equal(first.Pairs, second.Pairs);
        Assert.Equal(first.LoadByJudge, second.LoadByJudge);
    }

    [Fact]
    public void Different_seeds_give_different_plans()
    {
        var a = JudgeAssignment.Plan(Problem(40, 9, 3, seed: 1));
        var b = JudgeAssignment.Plan(Problem(40, 9, 3, seed: 2));

        Assert.NotEqual(a.Pairs, b.Pairs);
    }

    [Fact]
    public void Co_judging_pairs_are_spread_instead_of_fixed_trios()
    {
        // 60 entries × 3 judges from 6 gives 60 × 3 = 180 pair slots over C(6,2) = 15 pairs: 12 per pair on average.
        // Fixed trios {J1,J2,J3}/{J4,J5,J6} would put a pair together 30 times.
        for (int seed = 0; seed < 10; seed++)
        {
            var plan = JudgeAssignment.Plan(Problem(60, 6, 3, seed));

            var pairCounts = JudgesByEntry(plan).Values
                .SelectMany(js => js.SelectMany(a => js.Where(b => string.CompareOrdinal(a, b) < 0).Select(b => (a, b))))
                .GroupBy(p => p).Select(g => g.Count()).ToList();
            Assert.Equal(15, pairCounts.Count);
            Assert.InRange(pairCounts.Max(), 12, 14);
            Assert.InRange(pairCounts.Min(), 10, 12);
        }
    }

    [Fact]
    public void Conflicts_that_mention_unknown_entries_or_judges_are_ignored()
    {
        var plan = JudgeAssignment.Plan(Problem(2, 2, 2, 1, (99, "J1"), (1, "Nobody")));

        Assert.Equal(4, plan.Pairs.Count);
        Assert.Empty(plan.Uncovered);
    }

    [Fact]
    public void Duplicate_ids_are_rejected()
    {
        var duplicateEntries = new AssignmentProblem([1, 1], ["J1"], 1, new HashSet<(int, string)>(), 0);
        var duplicateJudges = new AssignmentProblem([1], ["J1", "J1"], 1, new HashSet<(int, string)>(), 0);

        Assert.Throws<ArgumentException>(() => JudgeAssignment.Plan(duplicateEntries));
        Assert.Throws<ArgumentException>(() => JudgeAssignment.Plan(duplicateJudges));
    }

    [Fact]
    public void Zero_judges_per_entry_assigns_nothing()
    {
        var plan = JudgeAssignment.Plan(Problem(3, 3, 0));

        Assert.Empty(plan.Pairs);
        Assert.Empty(plan.Uncovered);
        Assert.All(plan.LoadByJudge.Values, load => Assert.Equal(0, load));
    }

    /// <summary>Entries 1..groups×perGroup, the first perGroup in group 101, the next in 102, and so on (like the divisions of a final).</summary>
    private static AssignmentProblem Grouped(int groups, int perGroup, int judges, int k, int seed, params (int EntryId, string JudgeId)[] conflicts) =>
        Problem(groups * perGroup, judges, k, seed, conflicts) with
        {
            Groups = Enumerable.Range(0, groups * perGroup).Select(e => (int?)(101 + e / perGroup)).ToList(),
        };

    /// <summary>Per judge, how many of its entries come from each group (zeros included).</summary>
    private static Dictionary<string, int[]> GroupCounts(AssignmentPlan plan, AssignmentProblem problem, int groups)
    {
        var groupOf = problem.EntryIds.Zip(problem.Groups!).ToDictionary(x => x.First, x => x.Second!.Value - 101);
        var counts = problem.JudgeIds.ToDictionary(j => j, _ => new int[groups]);
        foreach (var (entryId, judgeId) in plan.Pairs) counts[judgeId][groupOf[entryId]]++;
        return counts;
    }

    private static int GroupCost(AssignmentPlan plan, AssignmentProblem problem, int groups) =>
        GroupCounts(plan, problem, groups).Values.Sum(c => c.Sum(x => x * x));

    [Fact]
    public void With_groups_each_judge_gets_entries_from_every_group_within_one_of_even()
    {
        // 4 divisions × 10 entries, 8 judges: with k = 2 each judge has 10 entries, 2.5 per division on average.
        for (int k = 1; k <= 3; k++)
        {
            for (int seed = 0; seed < 10; seed++)
            {
                var problem = Grouped(groups: 4, perGroup: 10, judges: 8, k, seed);
                var plan = JudgeAssignment.Plan(problem);

                Assert.Empty(plan.Uncovered);
                Assert.Equal(40 * k, plan.Pairs.Count);
                Assert.InRange(plan.LoadByJudge.Values.Max() - plan.LoadByJudge.Values.Min(), 0, 1);
                foreach (var (judge, counts) in GroupCounts(plan, problem, 4))
                {
                    double even = plan.LoadByJudge[judge] / 4.0;
                    Assert.All(counts, c => Assert.InRange(c, even - 1, even + 1));
                }
            }
        }
    }

    [Fact]
    public void Spreading_over_groups_respects_conflicts_and_keeps_loads_balanced()
    {
        // J1 may judge nothing of the first division and J2 nothing of the second.
        var conflicts = Enumerable.Range(1, 10).Select(e => (e, "J1")).Concat(Enumerable.Range(11, 10).Select(e => (e, "J2"))).ToArray();
        for (int seed = 0; seed < 5; seed++)
        {
            var problem = Grouped(groups: 4, perGroup: 10, judges: 8, k: 2, seed, conflicts);
            var plan = JudgeAssignment.Plan(problem);

            Assert.Empty(plan.Uncovered);
            Assert.Empty(plan.Pairs.Intersect(conflicts));
            Assert.InRange(plan.LoadByJudge.Values.Max() - plan.LoadByJudge.Values.Min(), 0, 1);
            var counts = GroupCounts(plan, problem, 4);
            Assert.Equal(0, counts["J1"][0]);
            Assert.Equal(0, counts["J2"][1]);
            // Everyone else still has some of every division, and the spread is better than ignoring the groups.
            Assert.All(counts.Where(c => c.Key is not "J1" and not "J2"), c => Assert.All(c.Value, n => Assert.InRange(n, 1, 4)));
            Assert.True(GroupCost(plan, problem, 4) < GroupCost(JudgeAssignment.Plan(problem with { Groups = null }), problem, 4));
        }
    }

    [Fact]
    public void With_groups_the_same_seed_gives_the_same_plan_and_ungrouped_entries_are_left_to_the_other_passes()
    {
        var problem = Grouped(groups: 4, perGroup: 10, judges: 8, k: 3, seed: 42, (3, "J2"), (25, "J7"));
        Assert.Equal(JudgeAssignment.Plan(problem).Pairs, JudgeAssignment.Plan(problem).Pairs);

        // An entry without a group (null) is planned like any other and counts towards no group.
        var mixed = problem with { Groups = problem.Groups!.Select((g, i) => i % 5 == 0 ? null : g).ToList() };
        var plan = JudgeAssignment.Plan(mixed);
        Assert.Empty(plan.Uncovered);
        Assert.Equal(120, plan.Pairs.Count);
        Assert.Equal(plan.Pairs, JudgeAssignment.Plan(mixed).Pairs);
        Assert.Throws<ArgumentException>(() => JudgeAssignment.Plan(problem with { Groups = [101] }));
    }
}
