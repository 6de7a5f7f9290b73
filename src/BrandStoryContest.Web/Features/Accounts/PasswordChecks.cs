namespace BrandStoryContest.Web.Features.Accounts;

/// <summary>
/// How many password hashes run at once (a sign-in's check, a new account's hash). A hash is one PBKDF2 derivation
/// (Identity's default, deliberately tens of milliseconds of CPU) computed synchronously on a thread-pool thread. In a
/// deadline surge 100 sign-ins at once would each hold a pool thread for it, and every other request's work (saves,
/// submits, page reads) would wait in the pool's queue behind them. Hashes beyond the limit wait here asynchronously
/// instead, holding no thread. By default one core fewer than the machine has (at least one at a time), so the rest of
/// the site keeps a core. Set with <c>Accounts:ConcurrentPasswordChecks</c>. The counters below are what the gate saw,
/// for its tests and for reading a surge.
/// </summary>
public sealed class PasswordChecks(IConfiguration config)
{
    private readonly SemaphoreSlim slots = new(LimitOf(config));
    private int running, waiting, mostAtOnce, mostWaiting;

    public int Limit { get; } = LimitOf(config);

    /// <summary>The most hashes that ran at once since start-up: never above <see cref="Limit"/>.</summary>
    public int MostAtOnce => Volatile.Read(ref mostAtOnce);

    /// <summary>Hashes waiting for a slot now.</summary>
    public int Waiting => Volatile.Read(ref waiting);

    /// <summary>The most hashes that waited for a slot at once since start-up.</summary>
    public int MostWaiting => Volatile.Read(ref mostWaiting);

    public async ValueTask<T> RunAsync<T>(Func<Task<T>> hash, CancellationToken ct)
    {
        Raise(ref mostWaiting, Interlocked.Increment(ref waiting));
        try { await slots.WaitAsync(ct); }
        finally { Interlocked.Decrement(ref waiting); }
        try
        {
            Raise(ref mostAtOnce, Interlocked.Increment(ref running));
            return await hash();
        }
        finally
        {
            Interlocked.Decrement(ref running);
            slots.Release();
        }
    }

    private static int LimitOf(IConfiguration config) =>
        Math.Max(1, config.GetValue("Accounts:ConcurrentPasswordChecks", Environment.ProcessorCount - 1));

    private static void Raise(ref int most, int now)
    {
        for (var seen = Volatile.Read(ref most); now > seen; seen = Volatile.Read(ref most))
            if (Interlocked.CompareExchange(ref most, now, seen) == seen) return;
    }
}
