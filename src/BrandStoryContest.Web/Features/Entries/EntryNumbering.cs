using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
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
    /// judged category) before <see cref="LockAndNumberAsync"/>; a recommendation into a final, which writes the final's row
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
    /// Stands for the number in a receipt rendered before the number is known (<see cref="LockAndNumberAsync"/> writes the
    /// number over it): new for every submit, so no title or text an entrant types can contain it, and only hex digits, so
    /// the HTML part's encoding leaves it as it is.
    /// </summary>
    public static string NewSlot() => $"#{Guid.NewGuid():N}#";

    /// <summary>
    /// <see cref="LockAsync"/>, the next number, and that number written into the entry and over <paramref name="slot"/> in
    /// its receipt (already saved in this transaction with the slot in place of the number), as a submit takes them at the
    /// end of its save. Every other submit of the surge waits for whatever runs under the lock, and under a full CPU each
    /// round trip is a wake-up of the app and of the server; so the receipt is rendered before the lock, and on PostgreSQL
    /// the lock, the number and both writes go in one batch: only the COMMIT remains after it. The batch's later statements
    /// still read after the lock is granted: the server runs a batch's statements one after the other, and in READ
    /// COMMITTED each takes its snapshot when it starts. The number reaches the organizer's list with the submit's own
    /// state change, which the save before bumped the entry list for (<see cref="DataVersions"/>), in this transaction.
    /// </summary>
    public static async Task LockAndNumberAsync(ContestDb db, Entry entry, OutboxMessage receipt, string slot, CancellationToken ct)
    {
        // The context's type, not IsNpgsql(): that extension lives in the Npgsql provider, which SQLite then never loads.
        var stored = db is PostgresContestDb;
        string number;
        if (!stored)
        {
            // SQLite's one writer already holds its lock for the whole transaction: the caller's save writes both.
            await LockAsync(db, entry.CategoryId, ct);
            number = await NextAsync(db, entry.ContestId, entry.Contest.Code, entry.Category.Code, ct);
        }
        else number = await LockAndWriteNumberAsync(db, entry, receipt, slot, ct);
        // The number into the tracked entry and receipt; on PostgreSQL the batch wrote them already, so the tracker takes
        // them as the stored values too and the caller's save sends them no more.
        var written = db.Entry(entry).Property(e => e.Number);
        written.CurrentValue = number;
        if (stored) written.OriginalValue = number;
        var mail = db.Entry(receipt);
        foreach (var text in new[] { mail.Property(m => m.Subject), mail.Property(m => m.Text), mail.Property(m => m.Html) })
        {
            text.CurrentValue = text.CurrentValue.Replace(slot, number);
            if (stored) text.OriginalValue = text.CurrentValue;
        }
    }

    /// <summary>PostgreSQL: the lock, the next number into the entry and over the receipt's slot, in one batch; the number.</summary>
    private static async Task<string> LockAndWriteNumberAsync(ContestDb db, Entry entry, OutboxMessage receipt, string slot, CancellationToken ct)
    {
        var tx = db.Database.CurrentTransaction
            ?? throw new InvalidOperationException("An entry number is taken inside a transaction: the lock is held until it commits.");
        var prefix = $"{entry.Contest.Code}-{entry.Category.Code}-";
        var connection = db.Database.GetDbConnection();
        await using var batch = connection.CreateBatch();
        batch.Transaction = tx.GetDbTransaction();
        batch.BatchCommands.Add(Command(batch, $"SELECT pg_advisory_xact_lock({Lock}, $1)", entry.CategoryId));
        // NextAsync's query (the same order: longest, then greatest) and Format's arithmetic, in the server: the highest
        // number's sequence (0 when there is none, or it is not digits) + 1, at least four digits.
        batch.BatchCommands.Add(Command(batch, """
            UPDATE "Entries" SET "Number" = $3 || lpad(n.next::text, greatest(4, length(n.next::text)), '0')
            FROM (SELECT coalesce((
                SELECT CASE WHEN s ~ '^[0-9]{1,9}$' THEN s::int ELSE 0 END
                FROM (SELECT substr(e."Number", length($3) + 1) AS s FROM "Entries" e
                      WHERE e."ContestId" = $2 AND e."Number" IS NOT NULL AND left(e."Number", length($3)) = $3
                      ORDER BY length(e."Number") DESC, e."Number" DESC LIMIT 1) last), 0) + 1 AS next) n
            WHERE "Id" = $1
            RETURNING "Number"
            """, entry.Id, entry.ContestId, prefix));
        batch.BatchCommands.Add(Command(batch, """
            UPDATE "Outbox" SET "Subject" = replace("Subject", $2, e."Number"), "Text" = replace("Text", $2, e."Number"),
                "Html" = replace("Html", $2, e."Number")
            FROM (SELECT "Number" FROM "Entries" WHERE "Id" = $3) e
            WHERE "Outbox"."Id" = $1
            """, receipt.Id, slot, entry.Id));
        string number;
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(ct);
            await reader.NextResultAsync(ct);
            number = await reader.ReadAsync(ct) ? reader.GetString(0)
                : throw new InvalidOperationException($"Entry {entry.Id} was not there to be numbered.");
            while (await reader.NextResultAsync(ct)) { }
        }
        catch (Npgsql.PostgresException e) when (e.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation)
        {
            // As SaveChanges would report it: the caller counts again (a number written outside this lock).
            throw new DbUpdateException("The entry's number was taken.", e);
        }
        return number;
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
