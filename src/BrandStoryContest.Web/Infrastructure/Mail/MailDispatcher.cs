using System.Data.Common;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Microsoft.Extensions.Options;

namespace BrandStoryContest.Web.Infrastructure.Mail;

/// <summary>
/// Delivers saved outbox rows. Each round claims a batch of due rows under a lease in ONE conditional UPDATE
/// (so two instances, or two loops, never hold the same row), sends them through <see cref="IMailSender"/>, and
/// records each outcome only where it still holds the lease: sent; or pending again after a backoff that doubles
/// with each attempt; or failed with its last error after <see cref="MailOptions.MaxAttempts"/>. A dispatcher that
/// dies mid-batch leaves its rows "sending"; when the lease runs out another claims and sends them again, with the
/// same Message-Id (at least once; docs/reliability.md).
/// </summary>
public sealed class MailDispatcher(IServiceScopeFactory scopes, IMailSender sender, IOptions<MailOptions> options, TimeProvider clock,
    ILogger<MailDispatcher> log)
{
    private static readonly ValueConverter<DateTimeOffset, long> Ticks = new DateTimeOffsetToBinaryConverter();

    /// <summary>This process's name in lease owners, for the outbox page and the logs.</summary>
    public string Instance { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Claims, sends and records one batch; returns how many rows it took (0 = nothing due).</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var o = options.Value;
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestDb>();
        // A fresh owner per claim: a row re-claimed after its lease ran out is no longer this batch's to record.
        var lease = $"{Instance}/{Guid.NewGuid().ToString("N")[..12]}";
        var now = clock.GetUtcNow();
        var ids = await ClaimAsync(db, lease, now, now.AddSeconds(o.LeaseSeconds), Math.Max(1, o.BatchSize), ct);
        if (ids.Count == 0) return 0;

        var batch = await db.Outbox.AsNoTracking().Where(m => ids.Contains(m.Id) && m.LeaseOwner == lease).OrderBy(m => m.Id).ToListAsync(ct);
        IReadOnlyList<string?> outcomes;
        try { outcomes = await sender.SendAsync(batch, ct); }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            outcomes = batch.Select(_ => (string?)e.Message).ToList();
        }

        var done = clock.GetUtcNow();
        var sent = batch.Where((_, i) => outcomes[i] is null).Select(m => m.Id).ToList();
        if (sent.Count > 0)
            await db.Outbox.Where(m => sent.Contains(m.Id) && m.LeaseOwner == lease).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.State, OutboxState.Sent).SetProperty(m => m.SentAt, done).SetProperty(m => m.LastError, (string?)null)
                .SetProperty(m => m.LeaseOwner, (string?)null).SetProperty(m => m.LeaseExpiresAt, (DateTimeOffset?)null), ct);
        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i] is not { } error) continue;
            var row = batch[i];
            var giveUp = row.Attempts >= o.MaxAttempts;
            var next = done + Backoff(row.Attempts, o);
            error = error.Length > 2000 ? error[..2000] : error;
            log.LogWarning("Mail {MessageId} to {To}: attempt {Attempt} failed ({Error}){GiveUp}", row.MessageId, row.To, row.Attempts, error,
                giveUp ? "; giving up" : "");
            await db.Outbox.Where(m => m.Id == row.Id && m.LeaseOwner == lease).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.State, giveUp ? OutboxState.Failed : OutboxState.Pending).SetProperty(m => m.NextAttemptAt, next)
                .SetProperty(m => m.LastError, error).SetProperty(m => m.LeaseOwner, (string?)null)
                .SetProperty(m => m.LeaseExpiresAt, (DateTimeOffset?)null), ct);
        }
        return batch.Count;
    }

    /// <summary>RetrySeconds after the first failure, doubling after each further one, at most MaxRetrySeconds.</summary>
    public static TimeSpan Backoff(int attempts, MailOptions o) =>
        TimeSpan.FromSeconds(Math.Min(o.MaxRetrySeconds, o.RetrySeconds * Math.Pow(2, Math.Max(0, attempts - 1))));

    /// <summary>
    /// One statement on both providers. The CTE picks due rows; the outer WHERE repeats the condition, so
    /// a row another instance claimed between the two is skipped: on PostgreSQL the second UPDATE waits for the
    /// first's row lock and then re-checks the condition on the new row version (SKIP LOCKED just saves the wait);
    /// on SQLite writers are serialized, so the second sees the first's claim.
    /// </summary>
    private static async Task<List<int>> ClaimAsync(ContestDb db, string lease, DateTimeOffset now, DateTimeOffset until, int limit, CancellationToken ct)
    {
        const string due = """("State" = 0 AND "NextAttemptAt" <= @now) OR ("State" = 1 AND "LeaseExpiresAt" <= @now)""";
        // The pick is a materialized CTE: PostgreSQL may run a sub-select under IN once per candidate row, and with
        // SKIP LOCKED each run can pick other rows, so one claim would take far more than the batch size.
        var (materialized, skipLocked) = db is PostgresContestDb ? (" MATERIALIZED", " FOR UPDATE SKIP LOCKED") : ("", "");
        var sql = $"""
            WITH picked AS{materialized} (SELECT "Id" FROM "Outbox" WHERE {due} ORDER BY "Id" LIMIT @limit{skipLocked})
            UPDATE "Outbox" SET "State" = 1, "LeaseOwner" = @lease, "LeaseExpiresAt" = @until, "Attempts" = "Attempts" + 1
            WHERE "Id" IN (SELECT "Id" FROM picked) AND ({due})
            RETURNING "Id"
            """;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            Add(command, "@lease", lease);
            Add(command, "@until", Ticks.ConvertToProvider(until)!);
            Add(command, "@now", Ticks.ConvertToProvider(now)!);
            Add(command, "@limit", limit);
            var ids = new List<int>();
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) ids.Add(reader.GetInt32(0));
            return ids;
        }
        finally { await db.Database.CloseConnectionAsync(); }
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}

/// <summary>Runs the dispatcher: as fast as rows are due, then a short idle wait. Every instance runs one.</summary>
public sealed class MailDispatcherService(MailDispatcher dispatcher, IOptions<MailOptions> options, ILogger<MailDispatcherService> log)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        // The idle wait is real time on purpose: when rows are due is decided by the injected clock in RunOnceAsync.
        var idle = TimeSpan.FromMilliseconds(Math.Max(10, options.Value.PollMilliseconds));
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (await dispatcher.RunOnceAsync(stop) == 0) await Task.Delay(idle, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                // The database was unreachable: nothing was claimed, or the lease brings it back.
                log.LogWarning(e, "Mail dispatch failed; trying again.");
                await Task.Delay(idle, stop).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }
}
