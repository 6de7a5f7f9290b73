using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>
/// What a page computed, kept in this instance's memory under a key that ends in the data versions it read
/// (<see cref="Data.DataVersions"/>): any write the page reads bumps a version in its own transaction, so a kept value is
/// only reused while nothing it shows has changed, on any instance, and nothing is invalidated by hand; an older version's
/// value is left to fall out (30 minutes unused, or the size bound). A first view computes once per key, however many
/// views ask at the same time: the others wait for it (50 organizers opening a national round's ranking at once used to
/// rank it 50 times).
/// </summary>
/// <param name="sizeLimit">The bound, in the units the callers' size functions count (rows held).</param>
public sealed class KeptUnderVersions(long sizeLimit)
{
    private readonly MemoryCache kept = new(new MemoryCacheOptions { SizeLimit = sizeLimit });
    private readonly ConcurrentDictionary<string, Lazy<Task<object?>>> inFlight = new();

    /// <summary>The key under which <paramref name="db"/>'s value is kept: every kept value is of one database.</summary>
    public static string InDatabase(DbContext db, string key) => $"{db.Database.GetConnectionString()}|{key}";

    /// <summary>Raised with the key each time a value is computed: a test counts that 50 first views computed one.</summary>
    public event Action<string>? Computing;

    /// <param name="compute">Runs with the first caller's context. That caller waits for it to finish even when its own
    /// request is cancelled, so its context is never returned to the pool mid-read; the others stop waiting when theirs is.
    /// When the first caller's cancellation ends the computation, a waiter whose own request goes on computes it again.</param>
    public async Task<T> GetOrComputeAsync<T>(string key, Func<Task<T>> compute, Func<T, long> size, CancellationToken ct = default)
    {
        while (true)
        {
            if (kept.TryGetValue(key, out object? done)) return (T)done!;
            var mine = new Lazy<Task<object?>>(async () =>
            {
                // One that finished between the look above and this entry taking its place.
                if (kept.TryGetValue(key, out object? finished)) return finished;
                Computing?.Invoke(key);
                var computed = await compute();
                kept.Set(key, computed, new MemoryCacheEntryOptions { Size = Math.Max(1, size(computed)), SlidingExpiration = TimeSpan.FromMinutes(30) });
                return computed;
            });
            var shared = inFlight.GetOrAdd(key, mine);
            if (!ReferenceEquals(shared, mine))
            {
                try { return (T)(await shared.Value.WaitAsync(ct))!; }
                catch (OperationCanceledException) when (!ct.IsCancellationRequested)
                {
                    // Not this view's cancellation but the first caller's: take the failed one out of flight and compute again.
                    inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<object?>>>(key, shared));
                    continue;
                }
            }
            try { return (T)(await mine.Value)!; }
            // Once it is kept (or failed, to be tried again by the next view) it is no longer in flight.
            finally { inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<object?>>>(key, mine)); }
        }
    }
}

/// <summary>
/// Reads kept under data versions (<see cref="KeptUnderVersions"/>): a judge's list and score sheets, kept per judge
/// under the data versions of the judge's contests (<see cref="Data.DataVersions.ForJudgeAsync"/>): reading and checking
/// 150 assignments through five joins and the conflict rule was most of a /judging request; and the organizer's round
/// page order of assignments (<see cref="RoundAssignmentsHandler"/>) and a round's vote tally
/// (<see cref="PublicVote.PublicVoteReviewHandler"/>). Nothing on these pages depends on the clock (a round opens and
/// closes by the organizer's hand, its state is a row). Bounded by rows and story size held.
/// </summary>
public static class VersionedMemo
{
    public static KeptUnderVersions Kept { get; } = new(200_000);

    /// <param name="db">Whose data the value is: the key is scoped by its database here, not by each caller. Versions are
    /// small counters, so two databases in one process (the tests) would otherwise share a key and show each other's rows.</param>
    public static Task<T> GetOrComputeAsync<T>(DbContext db, string key, Func<Task<T>> compute, Func<T, long> size, CancellationToken ct = default) =>
        Kept.GetOrComputeAsync(KeptUnderVersions.InDatabase(db, key), compute, size, ct);
}
