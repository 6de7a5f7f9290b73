namespace BrandStoryContest.Web.Domain;

public sealed record ScoreInterval(int EntryId, double Low, double High);

/// <summary>
/// How sure a ranking is. Each entry's score comes from a handful of judges; resampling those judges with
/// replacement (bootstrap) and aggregating again gives a 95 % interval. Where two neighbours' intervals
/// overlap at an award cut-off, the order between them (and so a prize) may be decided by who happened
/// to judge, not by the work: the organizer should know before publishing.
/// </summary>
public static class RankingUncertainty
{
    public const int Resamples = 1000;

    /// <summary>
    /// Intervals for every ranked entry, or only for <paramref name="only"/>; reproducible for a given seed. Each entry
    /// draws from its own generator (seed and entry id), so an entry's interval is the same whether it is computed
    /// alone or with the whole round: the organizer's page bootstraps only the rows it shows and the cut-offs.
    /// </summary>
    public static IReadOnlyList<ScoreInterval> Intervals(IReadOnlyList<RankedEntry> ranking, AggregationMethod method, int seed, int resamples = Resamples,
        IReadOnlySet<int>? only = null)
    {
        // Z-scores use each judge's mean and spread over everything they scored, as the ranking does.
        // Only that method needs them: over a national round's 40,000 scores they were most of a page's first view.
        var judgeStats = method != AggregationMethod.ZScoreMean ? [] : ranking.SelectMany(r => r.Scores).GroupBy(s => s.JudgeId).ToDictionary(g => g.Key, g =>
        {
            var mean = g.Average(s => s.WeightedTotal);
            var sd = Math.Sqrt(g.Average(s => (s.WeightedTotal - mean) * (s.WeightedTotal - mean)));
            return (mean, sd);
        });
        double Value(JudgeScore s) => method == AggregationMethod.ZScoreMean
            ? judgeStats[s.JudgeId].sd == 0 ? 0 : (s.WeightedTotal - judgeStats[s.JudgeId].mean) / judgeStats[s.JudgeId].sd
            : s.WeightedTotal;

        var result = new List<ScoreInterval>(ranking.Count);
        var sample = new double[resamples];
        foreach (var entry in ranking)
        {
            if (only is not null && !only.Contains(entry.EntryId)) continue;
            var random = new Random(unchecked(seed * 1_000_003 + entry.EntryId));
            var values = entry.Scores.Select(Value).ToArray();
            var draw = new double[values.Length];
            for (var b = 0; b < resamples; b++)
            {
                for (var i = 0; i < values.Length; i++) draw[i] = values[random.Next(values.Length)];
                sample[b] = Aggregate(draw, method);
            }
            Array.Sort(sample);
            result.Add(new ScoreInterval(entry.EntryId, Percentile(sample, 0.025), Percentile(sample, 0.975)));
        }
        return result;
    }

    /// <summary>Ranks r (1-based) at a cut-off whose entry's interval overlaps that of the entry ranked r + 1.</summary>
    /// <param name="byRank">The ranking in rank order: sorting a national round's 20,000 entries again on every view of
    /// the organizer's page was most of what the page cost once the ranking was kept.</param>
    public static IReadOnlyList<int> OverlapsAtCutoffs(IReadOnlyList<RankedEntry> byRank, IReadOnlyList<ScoreInterval> intervals, IEnumerable<int> cutoffs)
    {
        var byEntry = intervals.ToDictionary(i => i.EntryId);
        var ordered = byRank;
        return cutoffs.Distinct().Where(c => c >= 1 && c < ordered.Count)
            .Where(c => byEntry[ordered[c - 1].EntryId].Low <= byEntry[ordered[c].EntryId].High)
            .Order().ToList();
    }

    private static double Aggregate(double[] values, AggregationMethod method)
    {
        if (method == AggregationMethod.TrimmedMean && values.Length >= 5)
        {
            var sorted = values.Order().ToArray();
            return sorted[1..^1].Average();
        }
        return values.Average();
    }

    private static double Percentile(double[] sorted, double p)
    {
        var position = p * (sorted.Length - 1);
        var low = (int)Math.Floor(position);
        var high = Math.Min(low + 1, sorted.Length - 1);
        return sorted[low] + (sorted[high] - sorted[low]) * (position - low);
    }
}
