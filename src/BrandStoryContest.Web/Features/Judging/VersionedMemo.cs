using Microsoft.Extensions.Caching.Memory;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>
/// Reads kept under data versions (<see cref="Data.DataVersions"/>): the round page's order of assignments (see
/// <see cref="RoundAssignmentsHandler"/>), and a judge's list and score sheets, kept per judge under the data versions of the judge's contests
/// (<see cref="Data.DataVersions.ForJudgeAsync"/>): reading and checking 150 assignments through five joins and the
/// conflict rule was most of a /judging request. Any write a judge page reads bumps a version in its own transaction, so
/// a kept page is only reused while nothing it shows has changed, on any instance. Nothing on these pages depends on the
/// clock (a round opens and closes by the organizer's hand, its state is a row). Bounded by rows and story size held.
/// </summary>
public static class VersionedMemo
{
    private static readonly MemoryCache Kept = new(new MemoryCacheOptions { SizeLimit = 200_000 });

    public static async Task<T> GetOrComputeAsync<T>(string key, Func<Task<T>> compute, Func<T, long> size)
    {
        if (Kept.TryGetValue(key, out T? kept)) return kept!;
        var computed = await compute();
        Kept.Set(key, computed, new MemoryCacheEntryOptions { Size = Math.Max(1, size(computed)), SlidingExpiration = TimeSpan.FromMinutes(30) });
        return computed;
    }
}
