namespace BrandStoryContest.Web.Domain;

/// <summary>
/// <see cref="TiedAtCutoff"/>: entries with exactly the cut-off score that straddle the boundary, for the organizer to decide.
/// They are never also in <see cref="Advancing"/>.
/// </summary>
public sealed record AdvancementResult(IReadOnlyList<int> Advancing, IReadOnlyList<int> TiedAtCutoff);

public static class Advancement
{
    /// <summary>
    /// The top <paramref name="n"/> entries advance. When the entries ranked n and n + 1 have the same score the
    /// tie-break must not silently decide who goes through: every entry with that score goes to
    /// <see cref="AdvancementResult.TiedAtCutoff"/> and only the entries strictly above it advance.
    /// </summary>
    public static AdvancementResult TopN(IReadOnlyList<RankedEntry> ranking, int n)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        ArgumentOutOfRangeException.ThrowIfNegative(n);
        var ordered = ranking.OrderBy(r => r.Rank).ToList();
        if (n >= ordered.Count)
            return new AdvancementResult(ordered.Select(r => r.EntryId).ToList(), []);
        if (n == 0)
            return new AdvancementResult([], []);

        double cutoff = ordered[n - 1].Score;
        if (ordered[n].Score != cutoff)
            return new AdvancementResult(ordered.Take(n).Select(r => r.EntryId).ToList(), []);

        return new AdvancementResult(
            ordered.Where(r => r.Score > cutoff).Select(r => r.EntryId).ToList(),
            ordered.Where(r => r.Score == cutoff).Select(r => r.EntryId).ToList());
    }

    /// <summary>
    /// Every entry scoring at least <paramref name="minScore"/> (inclusive) advances. Everyone is measured against the
    /// same bar, so no entry straddles it and <see cref="AdvancementResult.TiedAtCutoff"/> is always empty.
    /// </summary>
    public static AdvancementResult Threshold(IReadOnlyList<RankedEntry> ranking, double minScore)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        return new AdvancementResult(
            ranking.OrderBy(r => r.Rank).Where(r => r.Score >= minScore).Select(r => r.EntryId).ToList(),
            []);
    }
}
