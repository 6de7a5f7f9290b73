using System.Diagnostics;

namespace BrandStoryContest.Tests.Infrastructure;

/// <summary>
/// Waits for what the app does in the background (a worker, another instance) by asking again until a clear
/// timeout, instead of sleeping for a guessed time; a timeout fails the test and says what was awaited.
/// </summary>
public static class Eventually
{
    private static readonly TimeSpan Every = TimeSpan.FromMilliseconds(50);

    /// <summary>Returns as soon as <paramref name="condition"/> holds.</summary>
    public static async Task Async(Func<Task<bool>> condition, TimeSpan timeout, string because) =>
        await Async(condition, done => done, timeout, because);

    /// <summary>Reads until <paramref name="done"/> holds for what was read, and returns that.</summary>
    public static async Task<T> Async<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, string because)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var value = await read();
            if (done(value)) return value;
            if (Stopwatch.GetElapsedTime(started) >= timeout)
                Assert.Fail($"Not within {timeout.TotalSeconds:0.#} s: {because} (last seen: {value})");
            await Task.Delay(Every);
        }
    }
}
