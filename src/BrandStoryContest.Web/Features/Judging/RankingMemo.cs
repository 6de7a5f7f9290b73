using System.Collections.Concurrent;
using BrandStoryContest.Web.Domain;
using Microsoft.Extensions.Caching.Memory;

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
    public IReadOnlyList<ScoreInterval> Intervals(IReadOnlySet<int>? needed, AggregationMethod method, int seed)
    {
        var missing = Ranked.Where(r => (needed is null || needed.Contains(r.EntryId)) && !intervals.ContainsKey(r.EntryId)).Select(r => r.EntryId).ToHashSet();
        if (missing.Count > 0)
            foreach (var i in RankingUncertainty.Intervals(Ranked, method, seed, only: missing)) intervals.TryAdd(i.EntryId, i);
        return Ranked.Where(r => needed is null || needed.Contains(r.EntryId)).Select(r => intervals[r.EntryId]).ToList();
    }

    /// <summary>Rough weight in the memo: one unit per row and per judge score it holds.</summary>
    public long Size => 1 + Rows.Count + Ranked.Sum(r => (long)r.Scores.Count);
}

/// <summary>
/// Ranking a round (and bootstrapping its intervals) took 80–120 ms of CPU on every view of the organizer's page, and
/// reading a 20,000-entry round's 40,000 assignments most of a second. The result is a pure function of the round's rows,
/// and every write to them bumps the contest's data version in its own transaction (<see cref="Data.DataVersions"/>), so
/// the key is (round, method, versions): a view reads the versions, not the rows, and nothing is invalidated by hand.
/// A first view computes once per key, however many views ask at the same time (the others wait for it). Bounded by
/// rows held; an older version's ranking is left to fall out.
/// </summary>
public static class RankingMemo
{
    private static readonly MemoryCache Computed = new(new MemoryCacheOptions { SizeLimit = 500_000 });
    private static readonly ConcurrentDictionary<string, Lazy<Task<ComputedRanking>>> InFlight = new();

    /// <summary>Raised with the key each time a ranking is computed: a test counts that 50 first views computed one.</summary>
    public static event Action<string>? Computing;

    /// <param name="compute">Reads and computes with the first caller's context and no cancellation: the first caller
    /// waits for it to finish even when its own request is cancelled, so the context is never returned to the pool mid-read.</param>
    public static async Task<ComputedRanking> GetOrComputeAsync(string key, Func<Task<ComputedRanking>> compute, CancellationToken ct)
    {
        if (Computed.TryGetValue(key, out ComputedRanking? done)) return done!;
        var mine = new Lazy<Task<ComputedRanking>>(async () =>
        {
            // One that finished between the look above and this entry taking its place.
            if (Computed.TryGetValue(key, out ComputedRanking? finished)) return finished!;
            Computing?.Invoke(key);
            var computed = await compute();
            Computed.Set(key, computed, new MemoryCacheEntryOptions { Size = computed.Size, SlidingExpiration = TimeSpan.FromMinutes(30) });
            return computed;
        });
        var shared = InFlight.GetOrAdd(key, mine);
        if (!ReferenceEquals(shared, mine)) return await shared.Value.WaitAsync(ct);
        try { return await mine.Value; }
        // Once it is in the memo (or failed, to be tried again by the next view) it is no longer in flight.
        finally { InFlight.TryRemove(new KeyValuePair<string, Lazy<Task<ComputedRanking>>>(key, mine)); }
    }
}
