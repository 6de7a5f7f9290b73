using BrandStoryContest.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace BrandStoryContest.Web.Data;

public static class DatabaseSetup
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    /// <summary>Database:Provider: Sqlite (default, one instance) or Postgres (several instances behind a load balancer).</summary>
    public static string Provider(IConfiguration config) => config["Database:Provider"] switch
    {
        null or "" => Sqlite,
        var p when p.Equals(Sqlite, StringComparison.OrdinalIgnoreCase) => Sqlite,
        var p when p.Equals(Postgres, StringComparison.OrdinalIgnoreCase) || p.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase) => Postgres,
        var p => throw new InvalidOperationException($"Database:Provider '{p}' is not known: use Sqlite or Postgres."),
    };

    /// <summary>
    /// Registers <see cref="ContestDb"/> on the configured provider; handlers never know which. Pooled: every
    /// signed-in page paid for building a context with the Identity model's services; a pooled one is reset
    /// (change tracker, connection, command timeout) when its request ends. Safe only because the context holds
    /// no per-request state of its own (no current user, no tenant, nothing injected but its options).
    /// The model is the compiled one of its provider (Data/CompiledModels, made by <c>dotnet ef dbcontext optimize</c>),
    /// which EF Core finds by the assembly attribute generated beside it: building the model from the configurations at
    /// start-up was the largest block of code the runtime JIT'd and kept (docs/performance.md, "Memory"). No UseModel
    /// here, so a stale compiled model can be deleted and generated again even when it no longer compiles;
    /// CompiledModelTests fails when it no longer matches the configurations, or is not the model the context runs on.
    /// </summary>
    public static IServiceCollection AddContestDb(this IServiceCollection services, IConfiguration config, IWebHostEnvironment env)
    {
        if (Provider(config) == Postgres)
        {
            var connection = config.GetConnectionString("Contest");
            if (string.IsNullOrWhiteSpace(connection))
                throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Contest is empty.");
            services.AddDbContextPool<ContestDb, PostgresContestDb>(o => NoModelDiffAtStartup(o.UseNpgsql(connection)));
        }
        else
        {
            services.AddDbContextPool<ContestDb>(o => NoModelDiffAtStartup(o.UseSqlite(SqliteConnectionString(config, env)).AddInterceptors(SqliteBusyHandler.Instance)));
        }
        // The judges' versions read on SQLite, over connections kept open with the statement prepared (a pass-through on PostgreSQL).
        services.AddSingleton<Features.Judging.JudgeVersionReads>();
        return services;
    }

    /// <summary>
    /// Migrate() would build the model from the configurations at every start (the compiled model does not serve it) and
    /// diff it against the migrations' snapshot, only to tell a developer who forgot a migration: the same check runs in
    /// the tests instead (MigrationSnapshotTests, on both databases), where a forgotten migration fails before a deployment.
    /// </summary>
    private static DbContextOptionsBuilder NoModelDiffAtStartup(DbContextOptionsBuilder o) =>
        o.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));

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

    /// <summary>
    /// Applies migrations, switches SQLite to WAL (readers never block the writer) and creates the roles.
    /// On PostgreSQL several instances may start at once: a session advisory lock lets one migrate and
    /// seed the roles while the others wait, then find nothing left to do.
    /// </summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<ContestDb>();
        if (db is not PostgresContestDb)
        {
            var migrating = (await db.Database.GetPendingMigrationsAsync(ct)).Any();
            await MigrateAndSeedAsync(services, db, ct);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
            // An index a migration adds has no statistics while the older ones have: SQLite then prefers the wrong one
            // (seen: the entry list's counts read through a sort index, 3 ms became 7). Sampled, so a big file stays quick.
            if (migrating) await db.Database.ExecuteSqlRawAsync("PRAGMA analysis_limit=1000; ANALYZE;", ct);
            return;
        }
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_lock({MigrationLock});", ct);
            try { await MigrateAndSeedAsync(services, db, ct); }
            finally { await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_unlock({MigrationLock});", CancellationToken.None); }
        }
        finally { await db.Database.CloseConnectionAsync(); }
    }

    /// <summary>Any fixed number, the same in every instance: the key of the migration advisory lock.</summary>
    private const long MigrationLock = 0x42_53_43_4D_49_47; // "BSCMIG"

    private static async Task MigrateAndSeedAsync(IServiceProvider services, ContestDb db, CancellationToken ct)
    {
        await db.Database.MigrateAsync(ct);
        var roles = services.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var role in Roles.All)
            if (!await roles.RoleExistsAsync(role)) await roles.CreateAsync(new IdentityRole(role));
    }

    /// <summary>True when saving failed on a unique index (a double vote, a certificate made twice), on either provider.</summary>
    public static bool IsUniqueViolation(DbUpdateException e) => e.InnerException switch
    {
        SqliteException { SqliteErrorCode: 19 } => true,
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => true,
        _ => false,
    };
}
