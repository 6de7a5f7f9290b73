using System.Globalization;

namespace BrandStoryContest.Web.Domain;

/// <summary>Played ranges of a film, merged so that seeking back and watching again never counts twice.</summary>
public static class Viewing
{
    public const int MaxRanges = 500;

    public static List<(double Start, double End)> Merge(IEnumerable<(double Start, double End)> ranges, double duration)
    {
        var clean = ranges.Select(r => (Start: Math.Clamp(r.Start, 0, duration), End: Math.Clamp(r.End, 0, duration)))
            .Where(r => r.End > r.Start).OrderBy(r => r.Start).ToList();
        var merged = new List<(double Start, double End)>();
        foreach (var r in clean)
        {
            if (merged.Count > 0 && r.Start <= merged[^1].End) merged[^1] = (merged[^1].Start, Math.Max(merged[^1].End, r.End));
            else merged.Add(r);
        }
        return merged;
    }

    public static double Fraction(IReadOnlyList<(double Start, double End)> merged, double duration) =>
        duration <= 0 ? 0 : Math.Min(1, merged.Sum(r => r.End - r.Start) / duration);

    public static string Format(IEnumerable<(double Start, double End)> ranges) =>
        string.Join(';', ranges.Select(r => string.Create(CultureInfo.InvariantCulture, $"{r.Start:0.##}-{r.End:0.##}")));

    public static IEnumerable<(double Start, double End)> Parse(string? stored) =>
        (stored ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('-'))
            .Where(p => p.Length == 2)
            .Select(p => (double.Parse(p[0], CultureInfo.InvariantCulture), double.Parse(p[1], CultureInfo.InvariantCulture)));
}
