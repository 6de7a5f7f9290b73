using System.Data;
using System.Text;
using BrandStoryContest.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>
/// The judge's data versions (<see cref="DataVersions.ForJudgeAsync"/>) read on every view of /judging and of each score
/// sheet, on SQLite through a few connections of their own that stay open with the statement prepared on them.
/// </summary>
/// <remarks>
/// Why: on a repeat view (the list or sheet kept under those versions) this one statement is the only database work, and
/// Microsoft.Data.Sqlite prepares a command anew on every request, because closing the request's pooled connection
/// drops its prepared statements; preparing the statement was most of the read, and the read about a quarter of the
/// view (docs/performance.md, "Judges' pages"). Kept open here, each connection steps its prepared statement only.
/// What it keeps: nothing but a prepared statement. The versions themselves are read from the database on every view,
/// so a write (a removed assignment, a revoked judge, a new conflict) shows at once as before; it is the same statement
/// with the same reasoning (read before the rows, in autocommit: it sees every write committed before it started, and
/// the rows, read after it, at least as much). Inside a transaction, and on PostgreSQL, the request's own connection is
/// used as before.
/// </remarks>
public sealed class JudgeVersionReads : IDisposable
{
    // Slots taken and given back with one interlocked exchange each: a ConcurrentBag's Count takes all of its locks, and
    // under load the views queued on them (a third of a /judging view's samples were waiting in Monitor.Enter).
    private readonly Reader?[] idle = new Reader?[8];
    private volatile bool disposed;

    public async Task<string> ForJudgeAsync(ContestDb db, string judgeId, CancellationToken ct)
    {
        if (db is PostgresContestDb || db.Database.CurrentTransaction is not null || db.Database.GetConnectionString() is not { } connection)
            return await DataVersions.ForJudgeAsync(db, judgeId, ct);
        var reader = Take(connection) ?? new Reader(connection);
        string key;
        try { key = reader.Read(judgeId); }
        catch
        {
            reader.Dispose();
            throw;
        }
        GiveBack(reader);
        return key;
    }

    private Reader? Take(string connection)
    {
        for (var i = 0; i < idle.Length; i++)
        {
            if (Volatile.Read(ref idle[i]) is null) continue;
            if (Interlocked.Exchange(ref idle[i], null) is not { } reader) continue;
            if (reader.ConnectionString == connection) return reader;
            reader.Dispose();
        }
        return null;
    }

    /// <summary>Into a free slot; when all are taken (more views at once than slots), closed.</summary>
    private void GiveBack(Reader reader)
    {
        if (!disposed)
            for (var i = 0; i < idle.Length; i++)
                if (Interlocked.CompareExchange(ref idle[i], reader, null) is null)
                {
                    // Disposed meanwhile: take it out again, so nothing stays open after the app stops.
                    if (disposed && Interlocked.Exchange(ref idle[i], null) is { } late) late.Dispose();
                    return;
                }
        reader.Dispose();
    }

    public void Dispose()
    {
        disposed = true;
        for (var i = 0; i < idle.Length; i++) Interlocked.Exchange(ref idle[i], null)?.Dispose();
    }

    /// <summary>One open connection and its prepared statement, used by one view at a time.</summary>
    private sealed class Reader : IDisposable
    {
        private readonly SqliteConnection connection;
        private readonly SqliteCommand command;
        private readonly SqliteParameter judge;

        public Reader(string connectionString)
        {
            ConnectionString = connectionString;
            connection = new SqliteConnection(connectionString);
            connection.Open();
            command = connection.CreateCommand();
            command.CommandText = DataVersions.VersionsSql;
            judge = command.Parameters.Add("@judge", SqliteType.Text);
            DataVersions.Add(command, "round", DbType.Int32, null);
            DataVersions.Add(command, "votes", DbType.Boolean, false);
            command.Prepare();
        }

        public string ConnectionString { get; }

        /// <summary>Synchronous: Microsoft.Data.Sqlite's async methods run synchronously anyway.</summary>
        public string Read(string judgeId)
        {
            judge.Value = judgeId;
            var key = new StringBuilder(32);
            // Disposing the reader resets the statement, so no read transaction stays open between views.
            using var rows = command.ExecuteReader();
            while (rows.Read()) DataVersions.AppendRow(key, rows);
            return key.ToString();
        }

        public void Dispose()
        {
            command.Dispose();
            connection.Dispose();
        }
    }
}
