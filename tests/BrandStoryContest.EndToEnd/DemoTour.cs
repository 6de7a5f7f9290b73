using BrandStoryContest.EndToEnd.Infrastructure;
using BrandStoryContest.Tests.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BrandStoryContest.EndToEnd;

/// <summary>
/// The app as run.sh starts it, with the demo seed: once seeding is done (polled on the start page), every role's
/// main page is opened through the start page's one-click sign-in and links, and photographed into test-output/demo/.
/// docs/screenshots/ holds copies of some of them for the README.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DemoTour(BrowserFixture fx) : IAsyncLifetime
{
    private AppProcess app = null!;
    private readonly string folder = Path.Combine(RepoRoot.Path, "test-output", "demo");

    public async Task InitializeAsync()
    {
        if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        Directory.CreateDirectory(folder);
        app = await AppProcess.StartAsync(fx.StorageConnectionString, Path.Combine(folder, "app.log"), new Dictionary<string, string>
        {
            ["App__SeedDemo"] = "true", ["Certificates__PollMilliseconds"] = "200",
        });
    }

    public async Task DisposeAsync()
    {
        await fx.ClosePeopleAsync();
        await app.DisposeAsync();
    }

    private async Task<IPage> PersonAsync()
    {
        var context = await fx.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseUrl, Locale = "zh-CN", TimezoneId = "Asia/Shanghai", ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    private Task ShotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, name + ".png"), FullPage = true });

    /// <summary>Clicks the start page's sign-in button of <paramref name="email"/> and waits for the signed-in page.</summary>
    private static async Task OneClickAsync(IPage page, string email)
    {
        await page.GotoAsync("/demo");
        await page.Locator($"[data-email='{email}'] form[action='/demo/sign-in'] button").ClickAsync();
        await Expect(page.Locator("form[action='/account/logout']")).ToBeVisibleAsync();
    }

    private static async Task<string> LinkAsync(IPage page, string scope, int index)
    {
        await page.GotoAsync("/demo");
        return await page.Locator($"{scope} li a").Nth(index).GetAttributeAsync("href") ?? throw new InvalidOperationException($"No link {index} in {scope}.");
    }

    [Fact]
    public async Task Every_role_of_the_seeded_demo_has_its_main_page()
    {
        var visitor = await PersonAsync();
        await visitor.GotoAsync("/");
        await ShotAsync(visitor, "01-home");

        // Seeding runs after start-up; the start page shows its progress until it is done.
        var until = DateTime.UtcNow.AddMinutes(5);
        while (true)
        {
            await visitor.GotoAsync("/demo");
            if (await visitor.Locator("#demo-progress").CountAsync() == 0) break;
            Assert.DoesNotContain("alert-danger", await visitor.Locator("#demo-progress").GetAttributeAsync("class") ?? "");
            Assert.True(DateTime.UtcNow < until, "The demo seed did not finish within 5 minutes; see test-output/demo/app.log.");
            await visitor.WaitForTimeoutAsync(500);
        }
        await Expect(visitor.Locator(".demo-account")).ToHaveCountAsync(9);
        await ShotAsync(visitor, "02-demo-start");

        var organizer = await PersonAsync();
        await OneClickAsync(organizer, "organizer@demo.local");
        const string organizerLinks = "[data-email='organizer@demo.local']";
        await organizer.GotoAsync(await LinkAsync(organizer, organizerLinks, 0));
        await Expect(organizer.Locator("main")).ToContainTextAsync("质量月");
        await ShotAsync(organizer, "03-organizer-dashboard");
        await organizer.GotoAsync(await LinkAsync(organizer, organizerLinks, 1));
        await ShotAsync(organizer, "04-organizer-ranking");
        await organizer.GotoAsync(await LinkAsync(organizer, organizerLinks, 2));
        await Expect(organizer.Locator("main")).ToContainTextAsync("（续篇）");
        await ShotAsync(organizer, "05-organizer-integrity");

        var judge = await PersonAsync();
        await OneClickAsync(judge, "judge1@demo.local");
        await ShotAsync(judge, "06-judge-assignments");
        await judge.GotoAsync(await LinkAsync(judge, "[data-email='judge1@demo.local']", 1));
        await Expect(judge.Locator("main")).ToContainTextAsync("初评");
        await ShotAsync(judge, "07-judge-score-sheet");

        var writer = await PersonAsync();
        await OneClickAsync(writer, "writer@demo.local");
        await Expect(writer.Locator("main")).ToContainTextAsync("百年酱园的第四代传人");
        await ShotAsync(writer, "08-entrant-entries");

        await visitor.GotoAsync(await LinkAsync(visitor, "#demo-public", 0));
        await Expect(visitor.Locator("main")).ToContainTextAsync("一等奖");
        await ShotAsync(visitor, "09-public-results");
        await visitor.GotoAsync(await LinkAsync(visitor, "#demo-public", 1));
        await Expect(visitor.Locator("main img").First).ToBeVisibleAsync();
        await ShotAsync(visitor, "10-public-gallery");
        var work = visitor.Locator("main a[href*='/gallery/']").First;
        await work.ClickAsync();
        await ShotAsync(visitor, "11-public-gallery-work");
        await visitor.GotoAsync(await LinkAsync(visitor, "#demo-public", 3));
        await Expect(visitor.Locator("main")).ToContainTextAsync("张晓雨");
        await ShotAsync(visitor, "12-certificate-verify");

        // The national final's organizer: every division's recommendations made and missing, and the time left.
        var finalOrganizer = await PersonAsync();
        await OneClickAsync(finalOrganizer, "final@demo.local");
        await finalOrganizer.GotoAsync(await LinkAsync(finalOrganizer, "[data-email='final@demo.local']", 0));
        await Expect(finalOrganizer.Locator("#divisions")).ToContainTextAsync("海滨赛区");
        await Expect(finalOrganizer.Locator("#divisions")).ToContainTextAsync("尚缺 1");
        await ShotAsync(finalOrganizer, "13-final-dashboard");
    }
}
