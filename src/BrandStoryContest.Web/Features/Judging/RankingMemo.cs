using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
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
/// Ranking a round (and bootstrapping its intervals) took 80–120 ms of CPU on every view of the organizer's page. The
/// result is a pure function of what the handler reads, so it is kept with a hash of exactly those inputs as the key:
/// any write (a score, an assignment, an entry's state, a vote, the method or seed) changes the inputs and so the key,
/// and nothing is ever invalidated by hand, so no instance can show a stale ranking. Bounded by rows held.
/// </summary>
public static class RankingMemo
{
    private static readonly MemoryCache Computed = new(new MemoryCacheOptions { SizeLimit = 500_000 });

    public static ComputedRanking GetOrCompute(string key, Func<ComputedRanking> compute) =>
        Computed.GetOrCreate(key, e =>
        {
            var computed = compute();
            e.Size = computed.Size;
            return computed;
        })!;
}

/// <summary>
/// A SHA-256 over a canonical binary writing of a computation's inputs: fixed-width numbers, length-prefixed UTF-8
/// strings, a marker for null, so two different input lists can never write the same bytes.
/// </summary>
public sealed class InputKey
{
    private readonly MemoryStream bytes = new();
    private readonly BinaryWriter writer;

    public InputKey(string kind)
    {
        writer = new BinaryWriter(bytes, Encoding.UTF8, leaveOpen: true);
        Add(kind);
    }

    public InputKey Add(int value) { writer.Write(value); return this; }

    public InputKey Add(bool value) { writer.Write(value); return this; }

    public InputKey Add(double value) { writer.Write(value); return this; }

    public InputKey Add(double? value)
    {
        writer.Write(value.HasValue);
        if (value is { } v) writer.Write(v);
        return this;
    }

    public InputKey Add(string? value)
    {
        writer.Write(value is not null);
        if (value is not null) writer.Write(value);
        return this;
    }

    public string Finish()
    {
        writer.Flush();
        return Convert.ToHexString(SHA256.HashData(bytes.GetBuffer().AsSpan(0, (int)bytes.Length)));
    }
}
