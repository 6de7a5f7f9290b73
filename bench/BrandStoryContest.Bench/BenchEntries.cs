using Microsoft.Data.Sqlite;

namespace BrandStoryContest.Bench;

/// <summary>
/// Submitted story entries written straight into the app's SQLite file: the benchmarks need tens of thousands,
/// and going through the forms would measure the seeding instead of the pages. One statement, so a new
/// required column is added in one place.
/// </summary>
internal static class BenchEntries
{
    public static readonly string Body = string.Concat(Enumerable.Repeat("品牌故事。Quality builds brands. ", 60));

    /// <summary>Entries number <paramref name="from"/>+1 to <paramref name="to"/> (B-00001, or 6 digits when <paramref name="digits"/> says), by the demo writer; answers their ids.</summary>
    public static long[] AddSubmitted(SqliteConnection db, long contest, long category, int from, int to, int digits)
    {
        var writer = AppUnderTest.UserId(db, "writer@demo.local");
        var now = AppUnderTest.Ticks(DateTimeOffset.UtcNow);
        using var entry = db.CreateCommand();
        entry.CommandText = """
            INSERT INTO Entries (ContestId, CategoryId, EntrantId, Number, State, Title, Body, AttachmentUnreadable, FilmStatus, FilmBytes,
                PledgedOriginality, DeclaredRights, ConsentsToPublication, CreatedAt, UpdatedAt, SubmittedAt, Version)
            VALUES ($contest, $category, $writer, $number, 'Submitted', $title, $body, 0, 'None', 0, 1, 1, 1, $now, $now, $now, 1)
            RETURNING Id
            """;
        var number = entry.Parameters.Add("$number", SqliteType.Text);
        var title = entry.Parameters.Add("$title", SqliteType.Text);
        entry.Parameters.AddWithValue("$contest", contest);
        entry.Parameters.AddWithValue("$category", category);
        entry.Parameters.AddWithValue("$writer", writer);
        entry.Parameters.AddWithValue("$body", Body);
        entry.Parameters.AddWithValue("$now", now);
        var ids = new long[to - from];
        for (var i = from; i < to; i++)
        {
            number.Value = "B-" + (i + 1).ToString(new string('0', digits));
            title.Value = $"Benchmark story {i + 1}";
            ids[i - from] = (long)entry.ExecuteScalar()!;
        }
        return ids;
    }
}
