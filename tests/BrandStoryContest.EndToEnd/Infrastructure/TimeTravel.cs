using Microsoft.Data.Sqlite;

namespace BrandStoryContest.EndToEnd.Infrastructure;

/// <summary>
/// The other thing a browser cannot do: wait a week. The app runs on the real clock, so the end of a notice
/// period is brought forward in the running app's SQLite file, exactly as if the seven days had passed.
/// </summary>
public static class TimeTravel
{
    public static async Task EndNoticePeriodAsync(string databasePath, int contestId)
    {
        await using var db = new SqliteConnection($"Data Source={databasePath};Default Timeout=30");
        await db.OpenAsync();
        var cmd = db.CreateCommand();
        cmd.CommandText = "UPDATE Contests SET NoticeEndsAt = $ended WHERE Id = $id AND NoticeEndsAt IS NOT NULL";
        // Stored the way the app's model stores every DateTimeOffset (see ContestDb.ConfigureConventions).
        var ended = new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter().ConvertToProvider(DateTimeOffset.UtcNow.AddMinutes(-1));
        cmd.Parameters.AddWithValue("$ended", ended);
        cmd.Parameters.AddWithValue("$id", contestId);
        if (await cmd.ExecuteNonQueryAsync() != 1) throw new InvalidOperationException($"Contest {contestId} has no notice period to end.");
        SqliteConnection.ClearAllPools();
    }
}
