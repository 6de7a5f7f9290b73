using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace BrandStoryContest.Web.Data;

/// <summary>
/// SQLite has one write lock per file. When a statement finds it taken, Microsoft.Data.Sqlite retries in a loop that
/// sleeps the thread for 150 ms between tries (SqliteDataReader.NextResult, and BEGIN IMMEDIATE through it) until the
/// command timeout: in the deadline surge every writer that came a moment too late held a thread-pool thread for at least
/// 150 ms, the write tail moved in 150-ms steps, and the blocked threads slowed the reads too (docs/performance.md,
/// "SQLite write gate"). So the writers of this process queue here first: one FIFO <see cref="SemaphoreSlim"/> per
/// database file, awaited (no thread held) before a transaction begins and released when it commits, rolls back or is
/// disposed without either. They then reach the file lock one at a time and never sleep in the retry loop, which is left
/// only for another process on the same file (a backup, a second app in the tests).
/// </summary>
/// <remarks>
/// Why this shape: the gate must be taken before BEGIN IMMEDIATE is sent, and an <see cref="IDbTransactionInterceptor"/>
/// is the one hook EF Core calls there, for an explicit BeginTransactionAsync and for the transaction SaveChanges opens
/// itself alike; it begins the transaction itself so a failed BEGIN gives the gate back at once. But no interceptor event
/// fires when a transaction is disposed without a commit or rollback (SqliteTransaction rolls back in Dispose), so the
/// release is in a <see cref="RelationalTransaction"/> subclass, made by <see cref="SqliteGatedTransactionFactory"/>.
/// Writes outside a transaction (SQLite's autocommit) would pass the gate: <see cref="ContestDb.SaveChangesAsync(bool, CancellationToken)"/>
/// always saves in a transaction on SQLite, and the few ExecuteUpdate / raw UPDATE writes open one with
/// <see cref="OwnWriteAsync"/>. Not re-entrant: a second context writing to the same file while the first holds the
/// gate waits out the timeout, exactly as it waited for the file lock before (no code path does that).
/// Registered on SQLite only: PostgreSQL has row locks and no busy loop.
/// </remarks>
public sealed class SqliteWriteGate : DbTransactionInterceptor
{
    public static readonly SqliteWriteGate Instance = new();

    private SqliteWriteGate() { }

    /// <summary>One gate per database file (its full path), shared by every context of the process.</summary>
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> Gates = new();

    /// <summary>The gate each open transaction holds, given back once by whichever of commit, rollback or dispose comes first.</summary>
    private static readonly ConditionalWeakTable<DbTransaction, SemaphoreSlim> Held = new();

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection,
        TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        if (result.HasResult) return result;
        var gate = For(connection);
        if (!await gate.WaitAsync(Timeout(connection), cancellationToken)) throw Busy(connection);
        try
        {
            var transaction = await connection.BeginTransactionAsync(eventData.IsolationLevel, cancellationToken);
            Held.Add(transaction, gate);
            return InterceptionResult<DbTransaction>.SuppressWithResult(transaction);
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData,
        InterceptionResult<DbTransaction> result)
    {
        if (result.HasResult) return result;
        var gate = For(connection);
        if (!gate.Wait(Timeout(connection))) throw Busy(connection);
        try
        {
            var transaction = connection.BeginTransaction(eventData.IsolationLevel);
            Held.Add(transaction, gate);
            return InterceptionResult<DbTransaction>.SuppressWithResult(transaction);
        }
        catch
        {
            gate.Release();
            throw;
        }
    }

    /// <summary>Gives the transaction's gate back; a second call (a commit, then the dispose) does nothing.</summary>
    internal static void Release(DbTransaction transaction)
    {
        if (Held.TryGetValue(transaction, out var gate) && Held.Remove(transaction)) gate.Release();
    }

    private static SemaphoreSlim For(DbConnection connection)
    {
        var file = connection.DataSource;
        var key = string.IsNullOrEmpty(file) ? connection.ConnectionString : Path.GetFullPath(file);
        return Gates.GetOrAdd(key, _ => new SemaphoreSlim(1, 1));
    }

    /// <summary>The same bound as the busy retry loop (the connection's default timeout, 0 = none).</summary>
    private static TimeSpan Timeout(DbConnection connection) =>
        connection is SqliteConnection { DefaultTimeout: > 0 and var seconds } ? TimeSpan.FromSeconds(seconds)
        : connection is SqliteConnection ? System.Threading.Timeout.InfiniteTimeSpan : TimeSpan.FromSeconds(30);

    /// <summary>SQLITE_BUSY, as the retry loop would have ended: DatabaseBusyFilter answers it with the same 503.</summary>
    private static SqliteException Busy(DbConnection connection) =>
        new($"database is locked: this process's other writers held {connection.DataSource} for the whole busy timeout", 5);

    /// <summary>
    /// For a write outside SaveChanges (ExecuteUpdate, a raw UPDATE; a raw command sets its Transaction to the context's
    /// current one): on SQLite it runs in a transaction of its own, so it queues on the gate instead of meeting the busy
    /// loop in autocommit; as it is on PostgreSQL or inside a transaction already.
    /// </summary>
    public static async Task<T> OwnWriteAsync<T>(ContestDb db, Func<Task<T>> write, CancellationToken ct)
    {
        if (db is PostgresContestDb || db.Database.CurrentTransaction is not null) return await write();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var result = await write();
        await transaction.CommitAsync(ct);
        return result;
    }
}

/// <summary>Makes EF Core's transactions on SQLite <see cref="SqliteGatedTransaction"/>s (see <see cref="SqliteWriteGate"/>).</summary>
public sealed class SqliteGatedTransactionFactory(RelationalTransactionFactoryDependencies dependencies)
    : RelationalTransactionFactory(dependencies)
{
    public override RelationalTransaction Create(IRelationalConnection connection, DbTransaction transaction, Guid transactionId,
        IDiagnosticsLogger<DbLoggerCategory.Database.Transaction> logger, bool transactionOwned) =>
        new SqliteGatedTransaction(connection, transaction, transactionId, logger, transactionOwned, Dependencies.SqlGenerationHelper);
}

/// <summary>An EF Core transaction that gives the write gate back when it ends, however it ends.</summary>
public sealed class SqliteGatedTransaction(IRelationalConnection connection, DbTransaction transaction, Guid transactionId,
    IDiagnosticsLogger<DbLoggerCategory.Database.Transaction> logger, bool transactionOwned, ISqlGenerationHelper sqlGenerationHelper)
    : RelationalTransaction(connection, transaction, transactionId, logger, transactionOwned, sqlGenerationHelper)
{
    private readonly DbTransaction _transaction = transaction;

    // A failed COMMIT keeps the gate: the transaction still holds the file lock until it is rolled back or disposed.
    public override void Commit()
    {
        base.Commit();
        SqliteWriteGate.Release(_transaction);
    }

    public override async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        await base.CommitAsync(cancellationToken);
        SqliteWriteGate.Release(_transaction);
    }

    public override void Rollback()
    {
        try { base.Rollback(); }
        finally { SqliteWriteGate.Release(_transaction); }
    }

    public override async Task RollbackAsync(CancellationToken cancellationToken = default)
    {
        try { await base.RollbackAsync(cancellationToken); }
        finally { SqliteWriteGate.Release(_transaction); }
    }

    public override void Dispose()
    {
        try { base.Dispose(); }
        finally { SqliteWriteGate.Release(_transaction); }
    }

    public override async ValueTask DisposeAsync()
    {
        try { await base.DisposeAsync(); }
        finally { SqliteWriteGate.Release(_transaction); }
    }
}
