namespace BrandStoryContest.Web.Domain;

/// <summary>One entry's parts of a hybrid (jury + public) score, all on 0..100 except the raw jury score and votes.</summary>
/// <param name="JuryScore">The jury's aggregated score as the plain ranking shows it.</param>
/// <param name="JuryOn100">The jury score put on 0..100 (see <see cref="HybridScore.JuryOn100"/>).</param>
/// <param name="InPublicVote">False when the entrant did not consent to publication: nobody could vote for it.</param>
public sealed record HybridParts(double JuryScore, double JuryOn100, int Votes, double PublicScore, double Combined, bool InPublicVote);

/// <summary>
/// The organizer's formula for a round with public voting:
/// combined = jury₀₋₁₀₀ × (100 − w)/100 + public × w/100, with public = votes × 100 / (most votes of any entry in the round).
/// </summary>
public static class HybridScore
{
    /// <summary>Votes scaled to the round's top entry: the most-voted entry gets 100, no votes at all gives everyone 0.</summary>
    public static double PublicScore(int votes, int maxVotes) => maxVotes <= 0 ? 0 : votes * 100.0 / maxVotes;

    public static double Combine(double juryOn100, double publicScore, int publicPercent)
    {
        if (publicPercent is < 0 or > 100) throw new ArgumentOutOfRangeException(nameof(publicPercent), publicPercent, null);
        return juryOn100 * (100 - publicPercent) / 100.0 + publicScore * publicPercent / 100.0;
    }

    /// <summary>
    /// Mean and trimmed mean already are on 0..100: each judge's total is the weighted rubric score scaled to
    /// 0..100 (<see cref="ScoreAggregation.WeightedTotal"/>), i.e. score / rubric maximum × 100 per criterion.
    /// A z-score mean has no fixed scale, so it is stretched over the round: the best entry gets 100, the
    /// weakest 0 (all equal: 100 each), which keeps the jury's order and spacing while matching the public
    /// score's "best of the round = 100".
    /// </summary>
    public static IReadOnlyDictionary<int, double> JuryOn100(IReadOnlyList<RankedEntry> jury, AggregationMethod method)
    {
        if (method != AggregationMethod.ZScoreMean || jury.Count == 0)
            return jury.ToDictionary(r => r.EntryId, r => r.Score);
        double low = jury.Min(r => r.Score), high = jury.Max(r => r.Score);
        return jury.ToDictionary(r => r.EntryId, r => high - low < 1e-9 ? 100.0 : (r.Score - low) * 100.0 / (high - low));
    }

    /// <summary>
    /// Re-ranks the jury ranking by the combined score. <see cref="RankedEntry.Score"/> becomes the combined score,
    /// so advancement thresholds and award proposals work on it unchanged. Tie-break: the jury ranking's own order
    /// (the jury decides between equal combined scores). Entries absent from <paramref name="votes"/> have 0 votes;
    /// entries in <paramref name="notInPublicVote"/> could not be voted for and also get a public score of 0.
    /// </summary>
    public static IReadOnlyList<(RankedEntry Ranked, HybridParts Parts)> Rank(IReadOnlyList<RankedEntry> jury, AggregationMethod method,
        IReadOnlyDictionary<int, int> votes, int maxVotes, int publicPercent, IReadOnlySet<int> notInPublicVote)
    {
        var on100 = JuryOn100(jury, method);
        var scored = jury.Select(r =>
        {
            int v = votes.GetValueOrDefault(r.EntryId);
            double pub = PublicScore(v, maxVotes);
            // Rounded like ScoreAggregation, so arithmetically equal scores tie whatever the summation order.
            double combined = Math.Round(Combine(on100[r.EntryId], pub, publicPercent), 9);
            return (Jury: r, Parts: new HybridParts(r.Score, on100[r.EntryId], v, pub, combined, !notInPublicVote.Contains(r.EntryId)));
        }).OrderByDescending(x => x.Parts.Combined).ThenBy(x => x.Jury.Rank).ToList();

        return scored.Select((x, i) => (x.Jury with
        {
            Rank = i + 1, Score = x.Parts.Combined, TiedWithPrevious = i > 0 && scored[i - 1].Parts.Combined == x.Parts.Combined,
        }, x.Parts)).ToList();
    }
}

public static class VoteCutoff
{
    /// <summary>
    /// The entries that reach the jury: the top <paramref name="n"/> by votes, plus every entry tied with the N-th
    /// (cutting between equal counts would let entry ids decide). So more than N can pass, never fewer.
    /// </summary>
    public static IReadOnlySet<int> TopByVotes(IReadOnlyDictionary<int, int> votesPerCandidate, int n)
    {
        if (n < 1) throw new ArgumentOutOfRangeException(nameof(n), n, null);
        if (votesPerCandidate.Count <= n) return votesPerCandidate.Keys.ToHashSet();
        int nth = votesPerCandidate.Values.OrderDescending().ElementAt(n - 1);
        return votesPerCandidate.Where(kv => kv.Value >= nth).Select(kv => kv.Key).ToHashSet();
    }
}
