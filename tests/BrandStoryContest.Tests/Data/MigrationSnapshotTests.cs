using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace BrandStoryContest.Tests.Data;

/// <summary>
/// Start-up migrates without diffing the model against the migrations' snapshot (DatabaseSetup.NoModelDiffAtStartup:
/// an idle instance kept that code for nothing), so a model change without its migration is caught here, on both
/// databases. Generating a migration needs the provider, not a server: no connection is opened.
/// </summary>
public sealed class MigrationSnapshotTests(FreshInstallApp app) : IClassFixture<FreshInstallApp>
{
    [Fact]
    public void The_sqlite_migrations_match_the_model()
    {
        using var db = new SqliteContestDbDesignTime().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: add one to Data/Migrations (README, \"Database changes\").");
    }

    [Fact]
    public void The_postgres_migrations_match_the_model()
    {
        using var db = new PostgresContestDbDesignTime().CreateDbContext([]);
        Assert.False(db.Database.HasPendingModelChanges(), "The model changed without a migration: add one to Data/PostgresMigrations (README, \"Database changes\").");
    }

    [Fact]
    public async Task The_app_migrates_without_the_model_diff_and_on_the_compiled_model()
    {
        var (behavior, model) = await app.DbAsync(db => Task.FromResult((
            db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()!.WarningsConfiguration.GetBehavior(RelationalEventId.PendingModelChangesWarning),
            db.Model.GetType())));
        Assert.Equal(WarningBehavior.Ignore, behavior);
        Assert.Equal(typeof(BrandStoryContest.Web.Data.CompiledModels.Sqlite.ContestDbModel), model);
        Assert.Empty(await app.DbAsync(db => db.Database.GetPendingMigrationsAsync()));
    }
}
