using BrandStoryContest.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace BrandStoryContest.Web.Features.Entries;

/// <summary>
/// Entry numbers (BSC2026-S-0001: contest code, category code, the next free sequence in that category), taken by a
/// submit (SaveEntry) and by a recommendation into a final (Recommender), the same way for both.
/// </summary>
public static class EntryNumbering
{
    /// <summary>
    /// Holds the category's numbering to this transaction until it commits; call it inside a transaction
    /// (db.Database.BeginTransactionAsync), as late as it can be: after everything else of the save is written, just
    /// before <see cref="NextAsync"/>, the number's own write and the commit. On SQLite the transaction already holds the
    /// one write lock (Microsoft.Data.Sqlite begins with BEGIN IMMEDIATE, waiting up to the busy timeout); on PostgreSQL
    /// it takes a transaction-scoped advisory lock on the category. Reading "highest + 1" outside such a lock let 100
    /// submits in the deadline surge take the same number, and each lost race could lose again. Every submit of a surge
    /// queues on this one lock, so what runs while it is held (DataVersions' round queries and share lock, the entry's
    /// own row) is the submit p99 (docs/performance.md, "Deadline surge").
    /// </summary>
    public static async Task LockAsync(ContestDb db, int categoryId, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null)
            throw new InvalidOperationException("An entry number is taken inside a transaction: the lock is held until it commits.");
        if (db is PostgresContestDb)
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({Lock}, {categoryId})", ct);
    }

    /// <summary>
    /// The one lock order of the transactions that take entry numbers: the contest's judging data-version row first, then
    /// the category's numbering lock. A submit's first save share-locks its contest's row (DataVersions.ResolveAsync, in a
    /// judged category) before <see cref="LockAndNextAsync"/>; a recommendation into a final, which writes the final's row
    /// anyway (a recommendation bumps it), takes that row here before the lock, so the two never wait on each other crosswise.
    /// </summary>
    public static async Task LockAfterVersionRowAsync(ContestDb db, int contestId, int categoryId, CancellationToken ct)
    {
        await DataVersions.BumpAsync(db, [(contestId, VersionKind.Judging)], ct);
        await LockAsync(db, categoryId, ct);
    }

    /// <summary>Any fixed number, the same in every instance: the first key of the numbering advisory locks ("BSCN").</summary>
    private const int Lock = 0x4253_434E;

    /// <summary>
    /// <see cref="LockAsync"/> and then <see cref="NextAsync"/>, as a submit takes them at the end of its save. On PostgreSQL
    /// both go in one batch, one round trip instead of two: while a submit holds the lock, every other submit of the
    /// surge waits for each of its round trips (under a full CPU each is a wake-up of the app and of the server). The
    /// batch's second statement still reads after the lock is granted: the server runs a batch's statements one after
    /// the other, and in READ COMMITTED each takes its snapshot when it starts.
    /// </summary>
    public static async Task<string> LockAndNextAsync(ContestDb db, int categoryId, int contestId, string contestCode, string categoryCode, CancellationToken ct)
    {
        // The context's type, not IsNpgsql(): that extension lives in the Npgsql provider, which SQLite then never loads.
        if (db is not PostgresContestDb)
        {
            await LockAsync(db, categoryId, ct);
            return await NextAsync(db, contestId, contestCode, categoryCode, ct);
        }
        var tx = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("An entry number is taken inside a transaction: the lock is held until it commits.");
        var prefix = $"{contestCode}-{categoryCode}-";
        var connection = db.Database.GetDbConnection();
        await using var batch = connection.CreateBatch();
        batch.Transaction = tx.GetDbTransaction();
        batch.BatchCommands.Add(Command(batch, $"SELECT pg_advisory_xact_lock({Lock}, $1)", categoryId));
        // NextAsync's query: the same order (longest, then greatest) over the numbers with this prefix.
        batch.BatchCommands.Add(Command(batch, """
            SELECT "Number" FROM "Entries" WHERE "ContestId" = $1 AND "Number" IS NOT NULL AND left("Number", length($2)) = $2
            ORDER BY length("Number") DESC, "Number" DESC LIMIT 1
            """, contestId, prefix));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.NextResultAsync(ct);
        var last = await reader.ReadAsync(ct) ? reader.GetString(0) : null;
        return Format(prefix, last);
    }

    private static System.Data.Common.DbBatchCommand Command(System.Data.Common.DbBatch batch, string sql, params object[] values)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = sql;
        foreach (var value in values)
        {
            var parameter = command.CreateParameter();
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }
        return command;
    }

    private static string Format(string prefix, string? last) =>
        $"{prefix}{(last is not null && int.TryParse(last[prefix.Length..], out var i) ? i : 0) + 1:D4}";

    /// <summary>The next free number of the category, to be read under <see cref="LockAsync"/>.</summary>
    public static async Task<string> NextAsync(ContestDb db, int contestId, string contestCode, string categoryCode, CancellationToken ct)
    {
        var prefix = $"{contestCode}-{categoryCode}-";
        // The highest number so far, found by the database: longest first (0001..9999, then 10000), then the greatest.
        // Reading every number of the category on each submit made the deadline surge slower with every entry.
        var last = await db.Entries.Where(e => e.ContestId == contestId && e.Number != null && e.Number.StartsWith(prefix))
            .OrderByDescending(e => e.Number!.Length).ThenByDescending(e => e.Number).Select(e => e.Number!).FirstOrDefaultAsync(ct);
        return Format(prefix, last);
    }
}
