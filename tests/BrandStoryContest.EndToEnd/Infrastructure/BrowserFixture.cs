using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using Microsoft.Playwright;

namespace BrandStoryContest.EndToEnd.Infrastructure;

/// <summary>
/// One real app process, one real Azurite and one headless Debian Chromium for all browser tests
/// (they share the xunit collection below, so they run one after another). Each test makes its own data.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-quic",
    ];

    private Azurite? azurite;
    private AppProcess? app;
    private IPlaywright? playwright;
    private IBrowser? browser;

    public AppProcess App => app ?? throw new InvalidOperationException("Not started.");
    /// <summary>The SMTP server the app delivers to: the scenario reads confirmation and invitation mails here.</summary>
    public SmtpCatcher Mail => mail ?? throw new InvalidOperationException("Not started.");
    private SmtpCatcher? mail;
    public IBrowser Browser => browser ?? throw new InvalidOperationException("Not started.");
    /// <summary>The shared Azurite, for a test that starts an app process of its own (the demo tour).</summary>
    public string StorageConnectionString => azurite?.ConnectionString ?? throw new InvalidOperationException("Not started.");

    /// <summary>test-output/e2e at the repository root (gitignored): screenshots, page HTML of failures, the app's log.</summary>
    public string OutputFolder { get; } = Path.Combine(RepoRoot.Path, "test-output", "e2e");

    /// <summary>The organizer every test may use; created once with Identity (see <see cref="FirstAccounts"/>).</summary>
    public string OrganizerEmail { get; } = $"organizer-{Guid.NewGuid().ToString("N")[..8]}@e2e.local";
    public const string Password = "E2e#pass2026";

    public async Task InitializeAsync()
    {
        if (Directory.Exists(OutputFolder)) Directory.Delete(OutputFolder, recursive: true);
        Directory.CreateDirectory(OutputFolder);
        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: run scripts/install-deps.sh --browser (apt-get install chromium).");

        azurite = Azurite.FromEnvironmentOrStart();
        mail = new SmtpCatcher().Start();
        app = await AppProcess.StartAsync(azurite.ConnectionString, Path.Combine(OutputFolder, "app.log"),
            mail.Settings.ToDictionary(s => s.Key.Replace(":", "__"), s => s.Value!));
        await FirstAccounts.CreateAsync(app.DatabasePath, OrganizerEmail, Password, "王主办", Roles.Organizer);

        // Generous for a 2-core CI machine that runs the other test project at the same time.
        Assertions.SetDefaultExpectTimeout(15_000);
        playwright = await Playwright.CreateAsync();
        browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs,
        });
    }

    /// <summary>A fresh browser profile (own cookies): one per person in a test.</summary>
    public async Task<IPage> NewPersonAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseUrl, Locale = "zh-CN", TimezoneId = "Asia/Shanghai", ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        // Every page the person's browser loads, for the accessibility check after each step (see Accessibility).
        context.Response += (_, response) =>
        {
            if (response is { Status: 200, Request: { IsNavigationRequest: true, Method: "GET" } } && response.Frame.ParentFrame is null
                && response.Frame.Page is { } page && !checkerTabs.Contains(page))
                lock (visits) visits.Add((page, response.Url));
        };
        return await context.NewPageAsync();
    }

    private readonly List<(IPage Page, string Url)> visits = [];
    private readonly HashSet<IPage> checkerTabs = [];

    /// <summary>The pages loaded since the last call, in order.</summary>
    public IReadOnlyList<(IPage Page, string Url)> TakeVisits()
    {
        lock (visits)
        {
            var taken = visits.ToList();
            visits.Clear();
            return taken;
        }
    }

    /// <summary>A tab in a person's profile for a check (accessibility, phone size); its own loads are not visits.</summary>
    public async Task<IPage> NewCheckerTabAsync(IBrowserContext context)
    {
        var tab = await context.NewPageAsync();
        lock (visits) checkerTabs.Add(tab);
        return tab;
    }

    /// <summary>Closes every browser profile a test opened; tests call it when they end.</summary>
    public async Task ClosePeopleAsync()
    {
        foreach (var context in Browser.Contexts.ToList()) await context.CloseAsync();
    }

    public async Task DisposeAsync()
    {
        if (browser is not null) await browser.CloseAsync();
        playwright?.Dispose();
        if (app is not null) await app.DisposeAsync();
        if (azurite is not null) await azurite.DisposeAsync();
        if (mail is not null) await mail.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
