namespace BrandStoryContest.Web.Domain;

/// <summary>
/// How much the jury agrees, for the usual design where each entry is scored by a different few judges.
/// Kendall's W needs every judge on every entry; ICC(1) (one-way random effects, Shrout &amp; Fleiss) does not:
/// it is the share of score variance that lies between entries rather than between judges of one entry.
/// 1 means judges of an entry always agree; around 0, scores say more about who judged than about the work.
/// </summary>
public static class JuryAgreement
{
    /// <summary>ICC(1) over entries with at least two scores; NaN when fewer than two such entries or no variance at all.</summary>
    public static double Icc1(IReadOnlyList<JudgeScore> scores)
    {
        var groups = scores.GroupBy(s => s.EntryId).Select(g => g.Select(s => s.WeightedTotal).ToArray()).Where(g => g.Length >= 2).ToList();
        var n = groups.Count;
        if (n < 2) return double.NaN;
        double total = groups.Sum(g => g.Length), grand = groups.Sum(g => g.Sum()) / total;
        var between = groups.Sum(g => g.Length * Math.Pow(g.Average() - grand, 2)) / (n - 1);
        var within = groups.Sum(g => { var m = g.Average(); return g.Sum(x => (x - m) * (x - m)); }) / (total - n);
        // k0: the effective group size when entries have different numbers of judges.
        var k0 = (total - groups.Sum(g => (double)g.Length * g.Length) / total) / (n - 1);
        var denominator = between + (k0 - 1) * within;
        return denominator == 0 ? double.NaN : (between - within) / denominator;
    }
}
