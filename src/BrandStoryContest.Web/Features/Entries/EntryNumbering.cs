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
    /// The transaction in which a number is taken, holding the category's numbering to itself until it commits:
    /// on SQLite the transaction starts with BEGIN IMMEDIATE (the write lock, waiting up to the busy timeout); on
    /// PostgreSQL a transaction-scoped advisory lock on the category. Reading "highest + 1" outside such a lock let
    /// 100 submits in the deadline surge take the same number, and each lost race could lose again.
    /// </summary>
    public static async Task<IDbContextTransaction> LockAsync(ContestDb db, int categoryId, CancellationToken ct)
    {
        var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({Lock}, {categoryId})", ct);
        return tx;
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
