using System.Security.Claims;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Demo;

/// <summary>Where the demo seed is, for the log, the home page and the start page.</summary>
public sealed class DemoSeedProgress
{
    private volatile string? label;
    public bool Enabled { get; set; }
    public int Stage { get; private set; }
    public int Stages => DemoSeeder.StageNames.Length;
    /// <summary>The English name of the stage running now (a localizer key).</summary>
    public string? Label => label;
    public bool Done { get; private set; }
    public string? Failure { get; private set; }

    public void Start(int stage) { Stage = stage; label = DemoSeeder.StageNames[stage - 1]; }
    public void Finish() { Done = true; Stage = Stages; label = null; }
    public void Fail(string why) => Failure = why;
}

/// <summary>
/// Seeds the demo in the background, after the web host has started: three contests that show every stage of the
/// product (last year's finished edition, this year's in judging, an open call). Every step is the app's own use
/// case sent through <see cref="IMediator"/> as the demo account it belongs to, on a clock set to when it happened
/// (<see cref="DemoClock"/>). Each finished stage leaves a marker row in the audit log, so a restart with the same
/// data goes on with the first unfinished stage, and a stage that was cut short picks up what it had made.
/// </summary>
public sealed partial class DemoSeeder(IServiceScopeFactory scopes, DemoClock clock, DemoSeedProgress progress, ILogger<DemoSeeder> log)
    : BackgroundService
{
    public static readonly string[] StageNames =
    [
        "demo accounts", "last year's contest, films and stories", "last year's films: checks and posters", "last year's judging", "last year's awards and certificates",
        "this year's contest in judging", "the open call", "the national final and its divisions",
    ];

    public const string MarkerAction = "DemoSeedStage";

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        // Off the start-up path: the web host serves pages while the demo fills up.
        await Task.Yield();
        try
        {
            await RunAsync(stop);
            IdleMemory.GiveBack();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested) { }
        catch (Exception e)
        {
            progress.Fail(e.Message);
            log.LogError(e, "Demo: seeding stopped at stage {Stage}/{Stages} ({Label})", progress.Stage, progress.Stages, progress.Label);
        }
    }

    /// <summary>Runs every stage that has no marker yet; safe to call again (it then does nothing).</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        var markers = await ReadAsync(db => db.Audit.AsNoTracking().Where(a => a.Action == MarkerAction).ToListAsync(ct));
        var done = markers.Select(m => m.EntityId).ToHashSet();
        if (markers.FirstOrDefault(m => m.EntityId == "1") is { } first) now = first.At;
        Func<CancellationToken, Task>[] stages =
        [
            SeedAccountsAsync, SeedLastYearStoriesAsync, SeedLastYearFilmsAsync, SeedLastYearJudgingAsync, SeedLastYearAwardsAsync,
            SeedThisYearAsync, SeedOpenCallAsync, SeedFinalAsync,
        ];
        for (var i = 1; i <= stages.Length; i++)
        {
            if (done.Contains(i.ToString())) continue;
            progress.Start(i);
            log.LogInformation("Demo: seeding {Stage}/{Stages} — {Label}", i, stages.Length, StageNames[i - 1]);
            var started = TimeProvider.System.GetTimestamp();
            await stages[i - 1](ct);
            log.LogInformation("Demo: stage {Stage}/{Stages} done in {Seconds:0.0} s", i, stages.Length, TimeProvider.System.GetElapsedTime(started).TotalSeconds);
            // The seed's own bookkeeping, written directly: no use case records "a demo stage is done".
            await WriteAsync(db =>
            {
                db.Record(TimeProvider.System, "demo-seed", MarkerAction, "DemoSeed", i, newValue: StageNames[i - 1]);
                return Task.CompletedTask;
            }, ct);
        }
        progress.Finish();
        log.LogInformation("Demo: seeding complete");
    }

    // ---- running a step as a demo account -------------------------------------------------------------------

    // Who each demo account is, as a sign-in would make them (roles included); the seed never changes roles.
    private readonly Dictionary<string, ClaimsPrincipal> principals = [];

    /// <summary>
    /// One use case in its own scope, as <paramref name="email"/> signed in and, when <paramref name="at"/> is given,
    /// at that moment. <paramref name="withCookie"/> also sends the sign-in cookie, as a browser would, for a handler
    /// that reads the sign-in again (accepting a judge invitation refreshes it).
    /// </summary>
    private async Task<T> AsAsync<T>(string email, DateTimeOffset? at, Func<IMediator, Task<T>> work, bool withCookie = false)
    {
        using var travel = at is { } when ? clock.TravelTo(when) : null;
        var cookie = withCookie ? await SignInCookieAsync(email) : null;
        using var scope = scopes.CreateScope();
        var sp = scope.ServiceProvider;
        if (!principals.TryGetValue(email, out var principal))
        {
            var account = await sp.GetRequiredService<UserManager<Account>>().FindByEmailAsync(email)
                ?? throw new InvalidOperationException($"Demo account {email} is missing.");
            principals[email] = principal = await sp.GetRequiredService<IUserClaimsPrincipalFactory<Account>>().CreateAsync(account);
        }
        var accessor = sp.GetRequiredService<IHttpContextAccessor>();
        var http = new DefaultHttpContext { RequestServices = sp, User = principal };
        if (cookie is not null) http.Request.Headers.Cookie = cookie;
        accessor.HttpContext = http;
        try { return await work(sp.GetRequiredService<IMediator>()); }
        finally { accessor.HttpContext = null; }
    }

    /// <summary>Signs <paramref name="email"/> in on a request of its own and returns the cookie it set.</summary>
    private async Task<string> SignInCookieAsync(string email)
    {
        using var scope = scopes.CreateScope();
        var sp = scope.ServiceProvider;
        var account = await sp.GetRequiredService<UserManager<Account>>().FindByEmailAsync(email)
            ?? throw new InvalidOperationException($"Demo account {email} is missing.");
        var accessor = sp.GetRequiredService<IHttpContextAccessor>();
        var http = new DefaultHttpContext { RequestServices = sp };
        accessor.HttpContext = http;
        try
        {
            await sp.GetRequiredService<SignInManager<Account>>().SignInAsync(account, isPersistent: false);
            return string.Join("; ", http.Response.Headers.SetCookie.Select(c => c!.Split(';')[0]));
        }
        finally { accessor.HttpContext = null; }
    }

    private Task<T> SendAsync<T>(string email, DateTimeOffset? at, ICommand<T> command) => AsAsync(email, at, m => m.Send(command).AsTask());
    private Task<T> QueryAsync<T>(string email, IQuery<T> query) => AsAsync(email, null, m => m.Send(query).AsTask());

    private async Task<T> ReadAsync<T>(Func<ContestDb, Task<T>> read)
    {
        using var scope = scopes.CreateScope();
        return await read(scope.ServiceProvider.GetRequiredService<ContestDb>());
    }

    private async Task WriteAsync(Func<ContestDb, Task> write, CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestDb>();
        await write(db);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Polls <paramref name="check"/> until it holds; the worker that makes it true runs elsewhere.</summary>
    private static async Task WaitForAsync(string what, TimeSpan timeout, Func<Task<bool>> check, CancellationToken ct)
    {
        var until = DateTime.UtcNow + timeout;
        while (!await check())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Demo: gave up waiting for {what} after {timeout.TotalSeconds:0} s.");
            await Task.Delay(TimeSpan.FromMilliseconds(250), ct);
        }
    }

    private static T Check<T>(Result<T> result, string step) => result.Outcome switch
    {
        Outcome.Ok => result.Value,
        Outcome.NotFound => throw new InvalidOperationException($"Demo: {step} found nothing."),
        _ => throw new InvalidOperationException($"Demo: {step} was refused: {string.Join("; ", result.Violations.Select(v => v.Key))}"),
    };

    private static void Check(RuleViolation? refusal, string step)
    {
        if (refusal is not null) throw new InvalidOperationException($"Demo: {step} was refused: {refusal.Key} ({refusal.Encode()})");
    }
}
