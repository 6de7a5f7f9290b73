using BrandStoryContest.EndToEnd.Infrastructure;
using BrandStoryContest.Tests.ScaleOut;
using BrandStoryContest.Web.Domain;

namespace BrandStoryContest.Tests.Infrastructure;

/// <summary>
/// Two app instances on one database, for "a write on one instance shows at once on the other": <see cref="There"/> is the
/// app in a process of its own (its memory is not this test's), <see cref="Here"/> an in-process app on the same data
/// folder that makes the scene and the writes. On SQLite one file; on PostgreSQL (BSC_TEST_PROVIDER=Postgres) one fresh
/// database. Background workers are off on both, so only the test writes.
/// </summary>
public sealed class SecondInstance : IAsyncDisposable
{
    private SecondInstance(AppProcess there, AppFactory here) => (There, Here) = (there, here);

    public AppProcess There { get; }
    public AppFactory Here { get; }

    /// <param name="storageConnectionString">The test class's Azurite (both instances use it).</param>
    /// <param name="name">Names the other instance's log file in the temp folder.</param>
    public static async Task<SecondInstance> StartAsync(string storageConnectionString, string name)
    {
        var database = AppFactory.AllOnPostgres ? await Postgres.CreateDatabaseAsync() : null;
        var settings = new Dictionary<string, string> { ["Media__WorkerEnabled"] = "false", ["Certificates__WorkerEnabled"] = "false", ["Maintenance__SweeperEnabled"] = "false" };
        if (database is not null) (settings["Database__Provider"], settings["ConnectionStrings__Contest"]) = ("Postgres", database);
        var there = await AppProcess.StartAsync(storageConnectionString, Path.Combine(Path.GetTempPath(), $"bsc-{name}-{Guid.NewGuid():N}.log"), settings);
        var here = new AppFactory
        {
            DataFolder = there.DataFolder, DeleteDataOnDispose = false,
            Overrides = PostgresSliceTests.WorkersOff(database is null ? new() : Postgres.Settings(database)),
        };
        return new SecondInstance(there, here);
    }

    /// <summary>A browser on the other instance, signed in as <paramref name="account"/> (made through <see cref="Here"/>).</summary>
    public async Task<Browserless> SignedInThereAsync(Account account)
    {
        var browser = new Browserless(new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(There.BaseUrl) });
        await browser.SignInAsync(account.Email!, AppFactory.TestPassword);
        return browser;
    }

    /// <summary>The in-process app first: it only borrows the other's data folder, which goes with the other.</summary>
    public async ValueTask DisposeAsync()
    {
        await Here.DisposeAsync();
        await There.DisposeAsync();
    }
}
