using BrandStoryContest.Web.Data;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>Any fixed number, the same in every instance: the first key of the numbering advisory locks ("BSCN").</summary>
    private const int Lock = 0x4253_434E;

    /// <summary>The next free number of the category, to be read under <see cref="LockAsync"/>.</summary>
    public static async Task<string> NextAsync(ContestDb db, int contestId, string contestCode, string categoryCode, CancellationToken ct)
    {
        var prefix = $"{contestCode}-{categoryCode}-";
        // The highest number so far, found by the database: longest first (0001..9999, then 10000), then the greatest.
        // Reading every number of the category on each submit made the deadline surge slower with every entry.
        var last = await db.Entries.Where(e => e.ContestId == contestId && e.Number != null && e.Number.StartsWith(prefix))
            .OrderByDescending(e => e.Number!.Length).ThenByDescending(e => e.Number).Select(e => e.Number!).FirstOrDefaultAsync(ct);
        var next = (last is not null && int.TryParse(last[prefix.Length..], out var i) ? i : 0) + 1;
        return $"{prefix}{next:D4}";
    }
}
