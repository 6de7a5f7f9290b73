using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Loggers;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using BrandStoryContest.Web.Domain;

namespace BrandStoryContest.Bench;

/// <summary>The pure algorithms, timed by BenchmarkDotNet in this process (no generated project to build).</summary>
public static class AlgorithmFigures
{
    public static void Run(ResultTable table)
    {
        Console.WriteLine("==> algorithms (BenchmarkDotNet, in-process, 2 warm-ups + 10 measured runs each)");
        // Few fixed iterations: the loops are bounded in count, and the whole part takes well under a minute.
        var job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance).WithStrategy(RunStrategy.Monitoring)
            .WithLaunchCount(1).WithWarmupCount(2).WithIterationCount(10).WithInvocationCount(1).WithUnrollFactor(1);
        var config = ManualConfig.CreateEmpty().AddJob(job).AddLogger(ConsoleLogger.Default)
            .AddColumnProvider(DefaultColumnProviders.Instance).WithArtifactsPath(Path.Combine(Path.GetTempPath(), "bsc-bdn"));

        try
        {
            var plan = BenchmarkRunner.Run<AssignmentBenchmarks>(config);
            double planMs = MeanMs(plan, nameof(AssignmentBenchmarks.Plan)), greedyMs = MeanMs(plan, nameof(AssignmentBenchmarks.GreedyLeastLoaded));
            var (spread, uncovered) = AssignmentBenchmarks.Balance();
            table.Add("Assignment: JudgeAssignment.Plan, 20,000 entries × 400 judges × k=3, 2% conflicts",
                $"{ResultTable.Ms(planMs)}, spread {spread}, uncovered {uncovered}", $"{ResultTable.Ms(greedyMs)} (greedy least-loaded, no optimality)",
                $"{planMs / greedyMs:0.0}×", "< 2 s, spread ≤ 1", planMs < 2000 && spread <= 1);
        }
        catch (Exception e) { table.Failed("Assignment: JudgeAssignment.Plan", "< 2 s, spread ≤ 1", e); }

        try
        {
            var rank = BenchmarkRunner.Run<RankingBenchmarks>(config);
            double zMs = MeanMs(rank, nameof(RankingBenchmarks.ZScoreMean)), meanMs = MeanMs(rank, nameof(RankingBenchmarks.PlainMean));
            table.Add("Ranking: ScoreAggregation.Rank ZScoreMean, 20,000 entries × 5 judges", ResultTable.Ms(zMs),
                $"{ResultTable.Ms(meanMs)} (Rank with Mean)", $"{zMs / meanMs:0.00}×", "< 200 ms", zMs < 200);
        }
        catch (Exception e) { table.Failed("Ranking: ScoreAggregation.Rank ZScoreMean", "< 200 ms", e); }
    }

    private static double MeanMs(Summary summary, string method)
    {
        var report = summary.Reports.Single(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method);
        return (report.ResultStatistics ?? throw new InvalidOperationException($"{method} produced no measurement")).Mean / 1e6;
    }
}

public class AssignmentBenchmarks
{
    public const int Entries = 20_000, Judges = 400, K = 3;
    private AssignmentProblem _problem = null!;

    [GlobalSetup]
    public void Setup() => _problem = Problem();

    public static AssignmentProblem Problem()
    {
        var random = new Random(2026);
        var entries = Enumerable.Range(1, Entries).ToList();
        var judges = Enumerable.Range(1, Judges).Select(j => $"judge-{j:000}").ToList();
        var conflicts = new HashSet<(int, string)>();
        foreach (var e in entries)
            foreach (var j in judges)
                if (random.NextDouble() < 0.02) conflicts.Add((e, j));
        return new AssignmentProblem(entries, judges, K, conflicts, Seed: 7);
    }

    public static (int Spread, int Uncovered) Balance()
    {
        var plan = JudgeAssignment.Plan(Problem());
        return (plan.LoadByJudge.Values.Max() - plan.LoadByJudge.Values.Min(), plan.Uncovered.Count);
    }

    [Benchmark]
    public AssignmentPlan Plan() => JudgeAssignment.Plan(_problem);

    /// <summary>Baseline: each entry takes the k least-loaded judges free of conflicts. Fast, but neither optimal nor spread-aware.</summary>
    [Benchmark(Baseline = true)]
    public int[] GreedyLeastLoaded()
    {
        var index = _problem.JudgeIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
        var blocked = new HashSet<long>(_problem.Conflicts.Select(c => (long)c.EntryId * Judges + index[c.JudgeId]));
        var load = new int[Judges];
        var chosen = new int[K];
        foreach (var e in _problem.EntryIds)
        {
            for (int slot = 0; slot < K; slot++)
            {
                int best = -1;
                for (int j = 0; j < Judges; j++)
                {
                    if (blocked.Contains((long)e * Judges + j) || Array.IndexOf(chosen, j, 0, slot) >= 0) continue;
                    if (best < 0 || load[j] < load[best]) best = j;
                }
                chosen[slot] = best;
                load[best]++;
            }
        }
        return load;
    }
}

public class RankingBenchmarks
{
    private List<JudgeScore> _scores = null!;

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(2026);
        var judges = Enumerable.Range(1, 5).Select(j => (Id: $"judge-{j}", Bias: random.NextDouble() * 20 - 10)).ToList();
        _scores = [];
        for (int e = 1; e <= 20_000; e++)
        {
            var quality = 40 + random.NextDouble() * 50;
            foreach (var (id, bias) in judges)
                _scores.Add(new JudgeScore(e, id, Math.Clamp(Math.Round(quality + bias + random.NextDouble() * 10 - 5, 1), 0, 100)));
        }
    }

    [Benchmark]
    public IReadOnlyList<RankedEntry> ZScoreMean() => ScoreAggregation.Rank(_scores, AggregationMethod.ZScoreMean);

    [Benchmark(Baseline = true)]
    public IReadOnlyList<RankedEntry> PlainMean() => ScoreAggregation.Rank(_scores, AggregationMethod.Mean);
}
