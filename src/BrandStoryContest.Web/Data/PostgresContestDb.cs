using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace BrandStoryContest.Web.Data;

/// <summary>
/// The same model on PostgreSQL. Its own type only so EF Core keeps a separate migrations set
/// (Data/PostgresMigrations); handlers still ask for <see cref="ContestDb"/>.
/// </summary>
public sealed class PostgresContestDb(DbContextOptions<PostgresContestDb> options) : ContestDb(options);

/// <summary>
/// For <c>dotnet ef migrations add … --context PostgresContestDb</c>: generating a migration needs the
/// provider, not a server, so no connection is opened.
/// </summary>
public sealed class PostgresContestDbDesignTime : IDesignTimeDbContextFactory<PostgresContestDb>
{
    public PostgresContestDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresContestDb>()
            .UseNpgsql(Environment.GetEnvironmentVariable("ConnectionStrings__Contest") ?? "Host=127.0.0.1;Database=bsc_design")
            .Options);
}

/// <summary>For <c>dotnet ef migrations add … --context ContestDb</c> (the SQLite set in Data/Migrations).</summary>
public sealed class SqliteContestDbDesignTime : IDesignTimeDbContextFactory<ContestDb>
{
    public ContestDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<ContestDb>().UseSqlite("Data Source=design.db").Options);
}
