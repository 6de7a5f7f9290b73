using BrandStoryContest.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Data;

public static class DatabaseSetup
{
    public static string SqliteConnectionString(IConfiguration config, IWebHostEnvironment env)
    {
        var configured = config.GetConnectionString("Contest");
        if (!string.IsNullOrWhiteSpace(configured)) return configured;
        var folder = config["App:DataFolder"] is { Length: > 0 } f ? f : Path.Combine(env.ContentRootPath, "..", "..", "data");
        Directory.CreateDirectory(folder);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.GetFullPath(Path.Combine(folder, "contest.db")),
            DefaultTimeout = 30,
            Pooling = true,
        }.ToString();
    }

    /// <summary>Applies migrations, switches SQLite to WAL (readers never block the writer) and creates the roles.</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<ContestDb>();
        await db.Database.MigrateAsync(ct);
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
    }
}
