using System.Text.RegularExpressions;
using BrandStoryContest.EndToEnd.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BrandStoryContest.EndToEnd;

/// <summary>
/// What scripts write on a page is in the reader's language, taken from the page: the time left before a deadline
/// (wwwroot/js/countdown.js) reads in Chinese, and in English after the visible switch.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScriptTextsScenario(BrowserFixture fx)
{
    [Fact]
    public async Task The_time_left_before_a_deadline_follows_the_readers_language()
    {
        await using var steps = new Steps(fx, nameof(ScriptTextsScenario));
        var code = "CD" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        IPage organizer = null!;

        await steps.RunAsync("countdown-in-chinese", async () =>
        {
            organizer = await fx.NewPersonAsync();
            await Site.SignInAsync(organizer, fx.OrganizerEmail, BrowserFixture.Password);
            var now = Site.NowInShanghai();
            var id = await Site.CreateContestAsync(organizer, new Site.ContestInput(code, "倒计时征文" + code, "Countdown stories", "倒计时协会",
                now.AddHours(-1), now.AddDays(5)));
            await organizer.GotoAsync($"/manage/contests/{id}");
            await Expect(organizer.Locator(".countdown-left").First).ToHaveTextAsync(new Regex(@"^（剩余 \d+ 天 \d+ 小时 \d+ 分）$"));
            return organizer;
        });

        await steps.RunAsync("countdown-in-english", async () =>
        {
            await organizer.Locator("select#culture").SelectOptionAsync("en");
            await Expect(organizer.Locator("html")).ToHaveAttributeAsync("lang", "en");
            await Expect(organizer.Locator(".countdown-left").First).ToHaveTextAsync(new Regex(@"^\(\d+ d \d+ h \d+ min left\)$"));
            await organizer.Locator("select#culture").SelectOptionAsync("zh-CN");
            await Expect(organizer.Locator("html")).ToHaveAttributeAsync("lang", "zh-CN");
            return organizer;
        });
    }
}
