using System.Security.Claims;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace BrandStoryContest.Tests.Infrastructure;

/// <summary>
/// The real app over a fresh SQLite file and its own container and queue in the shared real Azurite.
/// One per test class (xunit class fixture); each test still makes its own data.
/// </summary>
public class AppFactory : WebApplicationFactory<Program>
{
    private static readonly Lazy<Azurite> SharedAzurite = new(Azurite.FromEnvironmentOrStart);
    public string DataFolder { get; init; } = Directory.CreateTempSubdirectory("bsc-test-").FullName;
    public string ContainerName { get; init; } = "media-" + Guid.NewGuid().ToString("N")[..12];
    public string QueueName { get; init; } = "jobs-" + Guid.NewGuid().ToString("N")[..12];
    /// <summary>Extra settings for one instance, e.g. to switch the media worker off.</summary>
    public Dictionary<string, string?> Overrides { get; init; } = [];
    /// <summary>False for an instance that shares its data with a later one (a restart).</summary>
    public bool DeleteDataOnDispose { get; init; } = true;
    /// <summary>The shared Azurite unless a test brings its own (to kill and restart it).</summary>
    public string? OwnStorage { get; init; }
    public string StorageConnectionString => OwnStorage ?? SharedAzurite.Value.ConnectionString;
    public string DatabasePath => Path.Combine(DataFolder, "contest.db");
    /// <summary>The SQLite connection's keywords after its file, e.g. a short busy timeout for a test that holds the write lock.</summary>
    public string SqliteKeywords { get; init; } = "Default Timeout=30";

    protected virtual IDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>
    /// True: a new SQLite file starts as a copy of one migrated once per test run, so start-up finds the schema and
    /// roles in place (it still runs its migrate step, which then has nothing to do). False: start-up migrates an
    /// empty file, as on a fresh install.
    /// </summary>
    protected virtual bool StartsFromMigratedCopy => true;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("ConnectionStrings:Contest", $"Data Source={DatabasePath};{SqliteKeywords}");
        builder.UseSetting("Storage:ConnectionString", StorageConnectionString);
        builder.UseSetting("Storage:MediaContainer", ContainerName);
        builder.UseSetting("Storage:MediaQueue", QueueName);
        builder.UseSetting("App:SeedDemo", "false");
        builder.UseSetting("App:DataFolder", DataFolder);
        builder.UseSetting("RateLimits:AccountsPerMinute", "10000");
        builder.UseSetting("RateLimits:UploadStartsPerMinute", "10000");
        builder.UseSetting("Media:PollMilliseconds", "200");
        builder.UseSetting("Maintenance:SweeperEnabled", "false");
        // Reminder tests run the scheduler's pass themselves, on their own clock.
        builder.UseSetting("Reminders:Enabled", "false");
        if (AllOnPostgres && !Overrides.ContainsKey("Database:Provider"))
        {
            postgresDatabase = Postgres.CreateDatabaseAsync().GetAwaiter().GetResult();
            foreach (var (k, v) in Postgres.Settings(postgresDatabase)) builder.UseSetting(k, v);
        }
        foreach (var (k, v) in Settings) builder.UseSetting(k, v);
        foreach (var (k, v) in Overrides) builder.UseSetting(k, v);
    }

    /// <summary>
    /// BSC_TEST_STARTUP_LOG names a file that gets one line per app start (class, milliseconds), so the cost of
    /// start-up in a whole run can be added up; nothing is asserted on it.
    /// </summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        if (StartsFromMigratedCopy && OnSqlite && !File.Exists(DatabasePath))
            File.Copy(MigratedTemplate.Value, DatabasePath);
        var host = base.CreateHost(builder);
        if (Environment.GetEnvironmentVariable("BSC_TEST_STARTUP_LOG") is { Length: > 0 } log)
            lock (StartupLogLock)
                File.AppendAllText(log, $"{GetType().Name}\t{System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds:F0}\n");
        return host;
    }
    private static readonly Lock StartupLogLock = new();

    private bool OnSqlite => !AllOnPostgres && !Overrides.ContainsKey("Database:Provider") && !Settings.ContainsKey("Database:Provider")
        && !Overrides.ContainsKey("ConnectionStrings:Contest") && !Settings.ContainsKey("ConnectionStrings:Contest");

    /// <summary>
    /// Migrated through the app's own <see cref="DatabaseSetup.MigrateAsync"/> (schema, WAL, roles) on the first app
    /// of the run; the folder goes when the test process ends.
    /// </summary>
    private static readonly Lazy<string> MigratedTemplate = new(() => Task.Run(async () =>
    {
        var folder = Directory.CreateTempSubdirectory("bsc-template-").FullName;
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(folder, recursive: true); } catch (IOException) { } };
        var path = Path.Combine(folder, "contest.db");
        var services = new ServiceCollection().AddLogging();
        services.AddDbContext<ContestDb>(o => o.UseSqlite($"Data Source={path};Pooling=False"));
        services.AddIdentityCore<Account>().AddRoles<IdentityRole>().AddEntityFrameworkStores<ContestDb>();
        await using (var provider = services.BuildServiceProvider())
        using (var scope = provider.CreateScope())
            await DatabaseSetup.MigrateAsync(scope.ServiceProvider, CancellationToken.None);
        return path;
    }).GetAwaiter().GetResult());

    /// <summary>
    /// BSC_TEST_PROVIDER=Postgres (with BSC_TEST_POSTGRES) runs every app test on a fresh PostgreSQL database
    /// instead of a SQLite file; tests that open the SQLite file themselves do not apply there.
    /// </summary>
    public static bool AllOnPostgres =>
        string.Equals(Environment.GetEnvironmentVariable("BSC_TEST_PROVIDER"), "Postgres", StringComparison.OrdinalIgnoreCase) && Postgres.Server is not null;
    private string? postgresDatabase;
    /// <summary>The PostgreSQL database this instance made (all-on-PostgreSQL runs), for a second instance to share.</summary>
    public string? PostgresDatabase => postgresDatabase;

    /// <summary>Runs one use case as the given person, the way a controller would.</summary>
    public async Task<T> SendAsync<T>(Account? user, IRequest<T> request) => await RunAsAsync(user, sp => sp.GetRequiredService<IMediator>().Send(request).AsTask());
    public async Task<T> SendAsync<T>(Account? user, ICommand<T> request) => await RunAsAsync(user, sp => sp.GetRequiredService<IMediator>().Send(request).AsTask());
    public async Task<T> SendAsync<T>(Account? user, IQuery<T> request) => await RunAsAsync(user, sp => sp.GetRequiredService<IMediator>().Send(request).AsTask());

    public async Task<T> RunAsAsync<T>(Account? user, Func<IServiceProvider, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        var principal = new ClaimsPrincipal();
        if (user is not null)
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
            var factory = scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<Account>>();
            principal = await factory.CreateAsync((await users.FindByIdAsync(user.Id))!);
        }
        var accessor = scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = new DefaultHttpContext { User = principal, RequestServices = scope.ServiceProvider };
        try { return await work(scope.ServiceProvider); }
        finally { accessor.HttpContext = null; }
    }

    public async Task<T> DbAsync<T>(Func<ContestDb, Task<T>> work)
    {
        using var scope = Services.CreateScope();
        return await work(scope.ServiceProvider.GetRequiredService<ContestDb>());
    }

    /// <summary>A confirmed account with the given roles, named uniquely for this test.</summary>
    public async Task<Account> CreateUserAsync(string role, string? realName = null, string? organization = null, string? email = null)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.local";
        var account = new Account
        {
            UserName = email, Email = email, EmailConfirmed = true, RealName = realName ?? $"{role} {Random.Shared.Next(1000, 9999)}",
            Organization = organization,
        };
        var result = await users.CreateAsync(account, TestPassword);
        if (!result.Succeeded) throw new InvalidOperationException(string.Join(";", result.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(account, role);
        return account;
    }

    public const string TestPassword = "Test#2026pass";

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (postgresDatabase is not null) Postgres.DropDatabaseAsync(postgresDatabase).GetAwaiter().GetResult();
        if (DeleteDataOnDispose)
            try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The real app on an empty SQLite file that its start-up migrates, as on a fresh install.</summary>
public sealed class FreshInstallApp : AppFactory
{
    protected override bool StartsFromMigratedCopy => false;
}
