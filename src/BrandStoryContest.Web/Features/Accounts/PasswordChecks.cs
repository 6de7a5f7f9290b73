namespace BrandStoryContest.Web.Features.Accounts;

/// <summary>
/// How many password checks run at once. A check is one PBKDF2 hash (Identity's default, deliberately tens of
/// milliseconds of CPU) computed synchronously on a thread-pool thread. In a deadline surge 100 sign-ins at once
/// would each hold a pool thread for it, and every other request's work (saves, submits, page reads) would wait in
/// the pool's queue behind them. Sign-ins beyond the limit wait here asynchronously instead, holding no thread, so
/// the rest of the site keeps a core: by default one core fewer than the machine has (at least one check at a time).
/// Set with <c>Accounts:ConcurrentPasswordChecks</c>.
/// </summary>
public sealed class PasswordChecks(IConfiguration config)
{
    private readonly SemaphoreSlim slots = new(Math.Max(1, config.GetValue("Accounts:ConcurrentPasswordChecks", Environment.ProcessorCount - 1)));

    public async ValueTask<T> RunAsync<T>(Func<Task<T>> check, CancellationToken ct)
    {
        await slots.WaitAsync(ct);
        try { return await check(); }
        finally { slots.Release(); }
    }
}
