using System.Collections.Concurrent;

namespace BrandStoryContest.Web.Features.Accounts;

/// <summary>
/// Wrong passwords counted per (email typed, client address). After <see cref="MaxFailures"/> within
/// <see cref="Window"/> that address may not try that email again until the window ends, while the owner
/// signing in from anywhere else is not affected: knowing someone's email is not enough to lock them out.
/// Unknown emails are counted the same way, so the answer never tells whether an account exists. The
/// per-address request limit ("accounts") bounds guessing across many emails. Kept in each instance's
/// memory, like the rate limits (docs/deployment.md).
/// </summary>
public sealed class SignInThrottle(TimeProvider clock)
{
    public const int MaxFailures = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private const int PruneAbove = 50_000;

    private sealed record Failures(int Count, DateTimeOffset Since);
    private readonly ConcurrentDictionary<(string Email, string Address), Failures> failures = new();

    public bool IsThrottled(string email, string address) =>
        failures.TryGetValue(Key(email, address), out var f) && f.Count >= MaxFailures && clock.GetUtcNow() - f.Since < Window;

    public void Failed(string email, string address)
    {
        var now = clock.GetUtcNow();
        failures.AddOrUpdate(Key(email, address), _ => new Failures(1, now),
            (_, f) => now - f.Since >= Window ? new Failures(1, now) : f with { Count = f.Count + 1 });
        if (failures.Count > PruneAbove)
            foreach (var (key, f) in failures)
                if (now - f.Since >= Window) failures.TryRemove(key, out _);
    }

    public void Succeeded(string email, string address) => failures.TryRemove(Key(email, address), out _);

    private static (string, string) Key(string email, string address) => (email.Trim().ToUpperInvariant(), address);
}
