using System.Collections.Concurrent;
using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>
/// The part of a round's ranking that is a pure function of the rows the handler read: the ranking, its rows, the
/// jury's agreement, the public-vote summary, and (filled as pages ask for them) the bootstrapped intervals.
/// </summary>
public sealed class ComputedRanking(IReadOnlyList<RankedEntry> ranked, IReadOnlyList<RankingRow> rows, IReadOnlyList<JudgeProgress> judges,
    double kendallsW, double icc, int unscored, PublicVoteSummary? publicVote)
{
    public IReadOnlyList<RankedEntry> Ranked { get; } = ranked;
    public IReadOnlyList<RankingRow> Rows { get; } = rows;
    public IReadOnlyList<JudgeProgress> Judges { get; } = judges;
    public IReadOnlyDictionary<string, string> JudgeNames { get; } = judges.ToDictionary(j => j.JudgeId, j => j.Name);
    public double KendallsW { get; } = kendallsW;
    public double Icc { get; } = icc;
    public int UnscoredEntries { get; } = unscored;
    public PublicVoteSummary? PublicVote { get; } = publicVote;

    public IReadOnlyList<RankedEntry> ByRank { get; } = ranked.OrderBy(r => r.Rank).ToList();

    // An entry's interval depends on the whole ranking, the method and the seed, all of which are in this object's key,
    // and is drawn from its own generator: one bootstrapped for page 1 is the same when page 2 or a cut-off asks again.
    private readonly ConcurrentDictionary<int, ScoreInterval> intervals = new();

    /// <summary>The intervals of <paramref name="needed"/> (every ranked entry when null), bootstrapping only those not yet known.</summary>
    /// <remarks>Looked up by id, not by a pass over the ranking: a view of one page asks for ~50 of 20,000.</remarks>
    public IReadOnlyList<ScoreInterval> Intervals(IReadOnlySet<int>? needed, AggregationMethod method, int seed)
    {
        IEnumerable<int> ids = needed ?? (IEnumerable<int>)Ranked.Select(r => r.EntryId);
        var missing = ids.Where(id => !intervals.ContainsKey(id)).ToHashSet();
        if (missing.Count > 0)
            foreach (var i in RankingUncertainty.Intervals(Ranked, method, seed, only: missing)) intervals.TryAdd(i.EntryId, i);
        // An id that is not ranked has no interval (none is asked for today: the shown rows and the cut-offs are ranked).
        return ids.Select(id => intervals.GetValueOrDefault(id)).OfType<ScoreInterval>().ToList();
    }

    /// <summary>Rough weight in the memo: one unit per row and per judge score it holds.</summary>
    public long Size => 1 + Rows.Count + Ranked.Sum(r => (long)r.Scores.Count);
}

/// <summary>
/// Ranking a round (and bootstrapping its intervals) took 80–120 ms of CPU on every view of the organizer's page, and
/// reading a 20,000-entry round's 40,000 assignments most of a second. The result is a pure function of the round's rows,
/// and every write to them bumps the contest's data version in its own transaction (<see cref="Data.DataVersions"/>), so
/// the key is (round, method, versions): a view reads the versions, not the rows. Kept apart from the judges' pages
/// (<see cref="VersionedMemo"/>), with a bound of its own: a national round's ranking holds tens of thousands of rows.
/// </summary>
public static class RankingMemo
{
    private static readonly KeptUnderVersions Computed = new(500_000);

    /// <summary>Raised with the key each time a ranking is computed: a test counts that 50 first views computed one.</summary>
    public static event Action<string>? Computing
    {
        add => Computed.Computing += value;
        remove => Computed.Computing -= value;
    }

    /// <param name="compute">Reads and computes with the first caller's context and no cancellation (see <see cref="KeptUnderVersions.GetOrComputeAsync{T}"/>).</param>
    public static Task<ComputedRanking> GetOrComputeAsync(DbContext db, string key, Func<Task<ComputedRanking>> compute, CancellationToken ct) =>
        Computed.GetOrComputeAsync(KeptUnderVersions.InDatabase(db, key), compute, r => r.Size, ct);
}
