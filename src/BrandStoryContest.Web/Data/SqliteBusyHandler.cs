using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace BrandStoryContest.Web.Data;

/// <summary>
/// Turns on SQLite's own busy handler on every connection EF Core opens, for the connection's busy timeout.
/// </summary>
/// <remarks>
/// Why: when a statement finds the write lock taken, Microsoft.Data.Sqlite retries it in a loop that sleeps the thread
/// 150 ms between tries (SqliteDataReader.NextResult); it does not set SQLite's handler. In the deadline surge every
/// writer a moment too late lost at least 150 ms, and the write steps' p99 was 0.5–1.6 s. SQLite's handler waits inside
/// the statement 1, 2, 5, 10 … 100 ms between tries, so a writer behind a save of a few milliseconds goes on a few
/// milliseconds later: the surge's story steps went to p99 ≤ 122 ms (docs/performance.md, "Quiet re-run at the end of
/// stop 26"). The bound stays the same: the handler gives up after the connection's DefaultTimeout, and the library's
/// loop, which then finds that time used up, ends in the same SQLITE_BUSY (DatabaseBusyFilter's 503). A FIFO async gate
/// in front of the file lock (branch sqlitegate) was measured and made the tail longer, so the waiting stays in SQLite.
/// Pooled connections keep the setting; it is set again on each open because the call costs nothing and a connection
/// opened outside the pool needs it too.
/// </remarks>
public sealed class SqliteBusyHandler : DbConnectionInterceptor
{
    public static readonly SqliteBusyHandler Instance = new();

    private SqliteBusyHandler() { }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Set(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Set(connection);
        return Task.CompletedTask;
    }

    private static void Set(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } sqlite)
            SQLitePCL.raw.sqlite3_busy_timeout(handle, sqlite.DefaultTimeout * 1000);
    }
}
