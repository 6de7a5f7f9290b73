namespace BrandStoryContest.Web.Domain;

public enum AggregationMethod
{
    /// <summary>Arithmetic mean of the judges' totals.</summary>
    Mean,

    /// <summary>With 5 or more scores, drop one highest and one lowest, then mean; otherwise plain mean.</summary>
    TrimmedMean,

    /// <summary>Mean of per-judge z-scores, which cancels out lenient and harsh judges.</summary>
    ZScoreMean,
}

/// <summary>A judge's weighted rubric total for one entry, on a 0..100 scale.</summary>
public sealed record JudgeScore(int EntryId, string JudgeId, double WeightedTotal);

/// <summary>
/// One line of a ranking. <see cref="Scores"/> are the entry's judge scores in input order.
/// <see cref="OutlierJudgeIds"/> are judges whose total differs by more than 20 points from the mean of the others.
/// </summary>
public sealed record RankedEntry(int EntryId, int Rank, double Score, IReadOnlyList<JudgeScore> Scores, IReadOnlyList<string> OutlierJudgeIds)
{
    /// <summary>True when the entry ranked just above has exactly the same <see cref="Score"/>: the rank came from the tie-break.</summary>
    public bool TiedWithPrevious { get; init; }
}

public static class ScoreAggregation
{
    public const double OutlierThreshold = 20.0;

    /// <summary>
    /// Each criterion is normalised to 0..1 within [Min, Max], weighted, and the weighted average is scaled to 0..100.
    /// Dividing by the sum of weights means weights need not add up to 1 or 100.
    /// </summary>
    public static double WeightedTotal(IReadOnlyList<(double Score, double Weight, double Min, double Max)> criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        double weighted = 0, weights = 0;
        foreach (var (score, weight, min, max) in criteria)
        {
            if (!(max > min))
                throw new ArgumentException($"Criterion range [{min}, {max}] is empty.", nameof(criteria));
            if (score < min || score > max)
                throw new ArgumentOutOfRangeException(nameof(criteria), $"Score {score} is outside [{min}, {max}].");
            if (weight < 0)
                throw new ArgumentOutOfRangeException(nameof(criteria), $"Weight {weight} is negative.");
            weighted += weight * (score - min) / (max - min);
            weights += weight;
        }
        if (weights <= 0)
            throw new ArgumentException("At least one criterion needs a positive weight.", nameof(criteria));
        return 100.0 * weighted / weights;
    }

    /// <summary>
    /// Ranks entries by aggregated score.
    /// </summary>
    /// <remarks>
    /// <para>Mean: average of the raw totals. TrimmedMean: with at least 5 scores one highest and one lowest are
    /// dropped first. ZScoreMean: every raw total becomes z = (x − μ_judge) / σ_judge, where μ and the population σ
    /// are taken over all entries that judge scored (σ = 0 gives z = 0), and the entry's score is the mean of its
    /// z-scores. This removes a judge's personal level and spread, so a harsh or lenient judge no longer decides
    /// which entries win merely by whose panel they sat on.</para>
    /// <para>Tie-break, in order: higher score; higher median of the raw totals; higher maximum raw total;
    /// lower EntryId. Ranks are 1..n with no shared ranks; <see cref="RankedEntry.TiedWithPrevious"/> marks
    /// entries whose score equals the one above, so the UI can show that the tie-break decided.</para>
    /// <para>Scores are rounded to 9 decimals so that arithmetically equal averages compare as equal
    /// regardless of floating-point summation order.</para>
    /// </remarks>
    public static IReadOnlyList<RankedEntry> Rank(IReadOnlyList<JudgeScore> scores, AggregationMethod method)
    {
        ArgumentNullException.ThrowIfNull(scores);
        if (!Enum.IsDefined(method))
            throw new ArgumentOutOfRangeException(nameof(method), method, null);

        // Judges become small integers once, so the per-score work below is array access, not string hashing.
        var judgeOf = JudgeIndexes(scores, out int judgeCount);
        var byEntry = GroupByEntry(scores, judgeOf);
        var z = method == AggregationMethod.ZScoreMean ? ZScores(scores, judgeOf, judgeCount) : null;

        var rows = new List<Row>(byEntry.Count);
        foreach (var (entryId, indexes) in byEntry)
        {
            var entryScores = new JudgeScore[indexes.Count];
            var raw = new double[indexes.Count];
            double zSum = 0;
            for (int i = 0; i < raw.Length; i++)
            {
                entryScores[i] = scores[indexes[i]];
                raw[i] = entryScores[i].WeightedTotal;
                zSum += z?[indexes[i]] ?? 0;
            }

            double score = method switch
            {
                AggregationMethod.Mean => MeanOf(raw),
                AggregationMethod.TrimmedMean => TrimmedMeanOf(raw),
                _ => zSum / raw.Length,
            };
            Array.Sort(raw);
            rows.Add(new Row(entryId, Math.Round(score, 9), Median(raw), raw[^1], entryScores, Outliers(entryScores)));
        }

        rows.Sort(CompareRows);

        var ranking = new RankedEntry[rows.Count];
        for (int i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            ranking[i] = new RankedEntry(row.EntryId, i + 1, row.Score, row.Scores, row.Outliers)
            {
                TiedWithPrevious = i > 0 && rows[i - 1].Score == row.Score,
            };
        }
        return ranking;
    }

    /// <summary>
    /// Kendall's coefficient of concordance W (0 = no agreement, 1 = all judges rank identically), with the usual
    /// correction for tied scores. Kendall's W needs a complete block, so it is computed on the entries that every
    /// judge in <paramref name="scores"/> scored; higher totals rank first (the direction does not affect W).
    /// Returns <see cref="double.NaN"/> when there are fewer than 2 judges or fewer than 2 such entries,
    /// or when every judge gave all those entries the same total: agreement is then undefined.
    /// For panel designs call it once per panel.
    /// </summary>
    public static double KendallsW(IReadOnlyList<JudgeScore> scores)
    {
        ArgumentNullException.ThrowIfNull(scores);
        var byJudge = new Dictionary<string, Dictionary<int, double>>(StringComparer.Ordinal);
        foreach (var s in scores)
        {
            if (!byJudge.TryGetValue(s.JudgeId, out var mine))
                byJudge[s.JudgeId] = mine = [];
            if (!mine.TryAdd(s.EntryId, s.WeightedTotal))
                throw new ArgumentException($"Judge '{s.JudgeId}' scored entry {s.EntryId} twice.", nameof(scores));
        }

        int m = byJudge.Count;
        var common = byJudge.Values.SelectMany(d => d.Keys).GroupBy(id => id)
            .Where(g => g.Count() == m).Select(g => g.Key).Order().ToArray();
        int n = common.Length;
        if (m < 2 || n < 2)
            return double.NaN;

        var rankSums = new double[n];
        double tieCorrection = 0;
        foreach (var judge in byJudge.Values)
        {
            var totals = common.Select(id => judge[id]).ToArray();
            var ranks = AverageRanksDescending(totals, out double ties);
            tieCorrection += ties;
            for (int i = 0; i < n; i++)
                rankSums[i] += ranks[i];
        }

        double meanRankSum = m * (n + 1) / 2.0;
        double s2 = rankSums.Sum(r => (r - meanRankSum) * (r - meanRankSum));
        double denominator = (double)m * m * ((double)n * n * n - n) - m * tieCorrection;
        return denominator <= 0 ? double.NaN : 12 * s2 / denominator;
    }

    private sealed record Row(int EntryId, double Score, double Median, double Max, IReadOnlyList<JudgeScore> Scores, IReadOnlyList<string> Outliers);

    private static int CompareRows(Row a, Row b)
    {
        int c = b.Score.CompareTo(a.Score);
        if (c == 0) c = b.Median.CompareTo(a.Median);
        if (c == 0) c = b.Max.CompareTo(a.Max);
        if (c == 0) c = a.EntryId.CompareTo(b.EntryId);
        return c;
    }

    private static int[] JudgeIndexes(IReadOnlyList<JudgeScore> scores, out int judgeCount)
    {
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        var judgeOf = new int[scores.Count];
        for (int i = 0; i < scores.Count; i++)
        {
            if (!index.TryGetValue(scores[i].JudgeId, out judgeOf[i]))
                index[scores[i].JudgeId] = judgeOf[i] = index.Count;
        }
        judgeCount = index.Count;
        return judgeOf;
    }

    /// <summary>Indexes of each entry's scores, in input order.</summary>
    private static Dictionary<int, List<int>> GroupByEntry(IReadOnlyList<JudgeScore> scores, int[] judgeOf)
    {
        var byEntry = new Dictionary<int, List<int>>();
        for (int i = 0; i < scores.Count; i++)
        {
            if (!byEntry.TryGetValue(scores[i].EntryId, out var list))
                byEntry[scores[i].EntryId] = list = new List<int>(5);
            foreach (int other in list)
            {
                if (judgeOf[other] == judgeOf[i])
                    throw new ArgumentException($"Judge '{scores[i].JudgeId}' scored entry {scores[i].EntryId} twice.", nameof(scores));
            }
            list.Add(i);
        }
        return byEntry;
    }

    /// <summary>
    /// z = (x − μ) / σ per score, with μ and the population σ of that judge's totals over every entry the judge scored.
    /// </summary>
    private static double[] ZScores(IReadOnlyList<JudgeScore> scores, int[] judgeOf, int judgeCount)
    {
        var sum = new double[judgeCount];
        var count = new int[judgeCount];
        for (int i = 0; i < scores.Count; i++)
        {
            sum[judgeOf[i]] += scores[i].WeightedTotal;
            count[judgeOf[i]]++;
        }

        // Two passes (mean first, then squared deviations) avoid the cancellation of the sum-of-squares shortcut.
        var squares = new double[judgeCount];
        for (int i = 0; i < scores.Count; i++)
        {
            int j = judgeOf[i];
            double d = scores[i].WeightedTotal - sum[j] / count[j];
            squares[j] += d * d;
        }

        var z = new double[scores.Count];
        for (int i = 0; i < scores.Count; i++)
        {
            int j = judgeOf[i];
            double sd = Math.Sqrt(squares[j] / count[j]);
            // A judge who gave (practically) the same total to everything says nothing about order;
            // the tolerance stops rounding noise in the mean from turning into z = ±1.
            z[i] = sd < 1e-9 ? 0 : (scores[i].WeightedTotal - sum[j] / count[j]) / sd;
        }
        return z;
    }

    private static double MeanOf(double[] values)
    {
        double sum = 0;
        foreach (double v in values)
            sum += v;
        return sum / values.Length;
    }

    private static double TrimmedMeanOf(double[] values)
    {
        if (values.Length < 5)
            return MeanOf(values);
        double sum = 0, lowest = double.MaxValue, highest = double.MinValue;
        foreach (double v in values)
        {
            sum += v;
            lowest = Math.Min(lowest, v);
            highest = Math.Max(highest, v);
        }
        return (sum - lowest - highest) / (values.Length - 2);
    }

    private static double Median(double[] sorted)
    {
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static IReadOnlyList<string> Outliers(JudgeScore[] entryScores)
    {
        if (entryScores.Length < 3)
            return [];
        double sum = 0;
        foreach (var s in entryScores)
            sum += s.WeightedTotal;

        List<string>? outliers = null;
        foreach (var s in entryScores)
        {
            double othersMean = (sum - s.WeightedTotal) / (entryScores.Length - 1);
            // Tiny tolerance so that a gap of exactly 20 points is not flagged because of rounding.
            if (Math.Abs(s.WeightedTotal - othersMean) > OutlierThreshold + 1e-9)
                (outliers ??= []).Add(s.JudgeId);
        }
        return outliers ?? (IReadOnlyList<string>)[];
    }

    /// <summary>Ranks 1..n with the highest value first; tied values share the average of their ranks.</summary>
    private static double[] AverageRanksDescending(double[] values, out double tieCorrection)
    {
        int n = values.Length;
        var order = Enumerable.Range(0, n).OrderByDescending(i => values[i]).ToArray();
        var ranks = new double[n];
        tieCorrection = 0;
        for (int start = 0; start < n;)
        {
            int end = start;
            while (end + 1 < n && values[order[end + 1]] == values[order[start]])
                end++;
            double averageRank = (start + end) / 2.0 + 1;
            for (int i = start; i <= end; i++)
                ranks[order[i]] = averageRank;
            double t = end - start + 1;
            tieCorrection += t * t * t - t;
            start = end + 1;
        }
        return ranks;
    }
}
