using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using BrandStoryContest.EndToEnd.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BrandStoryContest.EndToEnd;

/// <summary>The pages a writer meets, read in Chinese as sent (UTF-8, no mojibake), then in English through the visible switch.</summary>
[Collection(BrowserCollection.Name)]
public sealed partial class LanguageTests(BrowserFixture fx) : IAsyncLifetime
{
    private readonly string code = "LANG" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
    private readonly string title = "匠心品牌故事征文" + Guid.NewGuid().ToString("N")[..4];
    private const string TitleEn = "Craftsmanship brand stories";
    private IPage writer = null!;

    [Fact]
    public async Task A_writer_reads_every_page_in_Chinese_and_the_switch_turns_them_to_English()
    {
        await using var steps = new Steps(fx, nameof(LanguageTests));
        var organizer = await fx.NewPersonAsync();
        var email = $"reader-{code.ToLowerInvariant()}@e2e.local";

        await steps.RunAsync("organizer-opens-contest", async () =>
        {
            await Site.SignInAsync(organizer, fx.OrganizerEmail, BrowserFixture.Password);
            var now = Site.NowInShanghai();
            var id = await Site.CreateContestAsync(organizer, new Site.ContestInput(code, title, TitleEn, "匠心协会", now.AddHours(-1), now.AddDays(5)));
            await Site.AddCategoryAsync(organizer, id, "Story", "匠心征文", new Dictionary<string, string> { ["NameEn"] = "Craft essay", ["MinLength"] = "20", ["MaxLength"] = "300" });
            return organizer;
        });

        await steps.RunAsync("home-in-chinese", async () =>
        {
            writer = await fx.NewPersonAsync();
            await ChineseAsync(writer, await writer.GotoAsync("/"), "讲好质量品牌故事。", title, "登录", "注册");
            return writer;
        });

        await steps.RunAsync("register-in-chinese", async () =>
        {
            await ChineseAsync(writer, await writer.GotoAsync("/account/register"), "注册账号", "真实姓名", "首选语言");
            await Site.RegisterAsync(writer, email, "欧阳文心");
            await ChineseAsync(writer, null, "请查收邮件", email);
            await Site.ConfirmFromMailAsync(fx.Mail, writer, email, fx.App.BaseUrl);
            await ChineseAsync(writer, null, "邮箱已确认。");
            return writer;
        });

        await steps.RunAsync("sign-in-in-chinese", async () =>
        {
            await ChineseAsync(writer, await writer.GotoAsync("/account/login"), "登录", "保持登录");
            await Site.SignInAsync(writer, email, BrowserFixture.Password);
            await ChineseAsync(writer, await writer.GotoAsync("/entries"), "我的作品", "你还没有作品。");
            return writer;
        });

        await steps.RunAsync("contest-and-entry-in-chinese", async () =>
        {
            await Site.StartEntryAsync(writer, title, "撰写征文");
            await ChineseAsync(writer, await writer.ReloadAsync(), "你的故事", "正文（支持 Markdown）", "声明", title, "匠心征文");
            return writer;
        });

        await steps.RunAsync("switch-to-english", async () =>
        {
            await writer.Locator("select#culture").SelectOptionAsync("en");
            await Expect(writer.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await Expect(writer).ToHaveURLAsync(new Regex(@"/entries/\d+/edit$"));
            await Expect(writer.Locator("main h1")).ToHaveTextAsync("Your story");
            await Expect(writer.Locator("main")).ToContainTextAsync("Declarations");
            await Expect(writer.Locator("main")).ToContainTextAsync(TitleEn);
            await Expect(writer.Locator("main")).ToContainTextAsync("Craft essay");
            await Expect(writer.Locator("nav.navbar")).ToContainTextAsync("My entries");
            await Expect(writer.Locator("select#culture")).ToHaveValueAsync("en");
            return writer;
        });

        await steps.RunAsync("english-stays-and-is-remembered", async () =>
        {
            await writer.GotoAsync($"/contests");
            await Expect(writer.Locator("main h1")).ToHaveTextAsync("Contests");
            await Expect(writer.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = TitleEn })).ToBeVisibleAsync();
            // Signed in, the choice is saved to the profile too.
            await writer.GotoAsync("/account/profile");
            await Expect(writer.Locator("#PreferredLanguage")).ToHaveValueAsync("en");
            return writer;
        });

        await steps.RunAsync("switch-back-to-chinese", async () =>
        {
            await writer.Locator("select#culture").SelectOptionAsync("zh-CN");
            await Expect(writer.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
            await Expect(writer.Locator("#PreferredLanguage")).ToHaveValueAsync("zh-CN");
            await ChineseAsync(writer, await writer.GotoAsync("/entries"), "我的作品", title);
            return writer;
        });
    }

    /// <summary>
    /// The page is Chinese as the browser shows it and as the server sent it: declared and valid UTF-8, the
    /// characters themselves rather than &amp;#x...; entities, and none of the Latin-1 look of UTF-8 read wrongly.
    /// </summary>
    private static async Task ChineseAsync(IPage page, IResponse? response, params string[] expected)
    {
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
        foreach (var text in expected) await Expect(page.Locator("body")).ToContainTextAsync(text);
        Assert.Equal("UTF-8", await page.EvaluateAsync<string>("() => document.characterSet"));
        var shown = await page.Locator("body").InnerTextAsync();
        Assert.DoesNotContain('\uFFFD', shown);
        Assert.DoesNotMatch(Mojibake(), shown);

        if (response is null) return;
        Assert.Equal(200, response.Status);
        Assert.Contains("charset=utf-8", (await response.AllHeadersAsync())["content-type"], StringComparison.OrdinalIgnoreCase);
        var html = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(await response.BodyAsync());
        foreach (var text in expected) Assert.Contains(text, html);
        var entities = Entity().Matches(html).Select(m => int.Parse(m.Groups[1].Value, NumberStyles.HexNumber)).Where(c => c >= 0x2E80).ToList();
        Assert.Empty(entities);
    }

    // UTF-8 lead bytes of Chinese (E2–EF) read as Latin-1/Windows-1252, followed by a continuation byte read the same way.
    [GeneratedRegex(@"[\u00E2-\u00EF][\u0080-\u00BF\u0152-\u0178\u02C6\u02DC\u2013-\u203A\u20AC\u2122]")]
    private static partial Regex Mojibake();

    [GeneratedRegex(@"&#x([0-9a-fA-F]+);")]
    private static partial Regex Entity();

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fx.ClosePeopleAsync();
}
