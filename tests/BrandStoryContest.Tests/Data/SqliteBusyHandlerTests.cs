using BrandStoryContest.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Data;

/// <summary>
/// The app's SQLite connections wait for a taken write lock in SQLite's own busy handler, bounded by the connection's
/// busy timeout (Data/SqliteBusyHandler.cs), not only in Microsoft.Data.Sqlite's 150-ms sleeping loop. That the bound still
/// ends in a 503 is IdempotentSubmitTests.A_save_that_waits_past_the_busy_timeout_gets_503_and_the_same_form_sent_again_goes_through.
/// </summary>
public sealed class SqliteBusyHandlerTests
{
    [Fact]
    public async Task Every_connection_the_app_opens_has_sqlites_busy_handler_set_to_its_busy_timeout()
    {
        await using var app = new AppFactory { SqliteKeywords = "Default Timeout=7;Pooling=true" };

        // Twice: the second open takes the pooled connection back, which must still (or again) have the handler.
        for (var open = 0; open < 2; open++)
        {
            var milliseconds = await app.DbAsync(async db =>
            {
                await db.Database.OpenConnectionAsync();
                try
                {
                    await using var cmd = db.Database.GetDbConnection().CreateCommand();
                    cmd.CommandText = "PRAGMA busy_timeout;";
                    return Convert.ToInt64(await cmd.ExecuteScalarAsync());
                }
                finally { await db.Database.CloseConnectionAsync(); }
            });
            Assert.Equal(7_000, milliseconds);
        }
    }
}
