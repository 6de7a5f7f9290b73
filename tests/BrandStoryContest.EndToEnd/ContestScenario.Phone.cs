using BrandStoryContest.EndToEnd.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BrandStoryContest.EndToEnd;

/// <summary>
/// The pages people mostly use on a phone (judges and voters in China read on one), each opened at 390×844 in a
/// tab of the person's own profile where the scenario reaches it: the story form, the film form with its upload
/// (checked in <see cref="FilmmakerUploadsFilm"/> itself, the whole upload at phone size), the judge's score sheet
/// with the film player and a note, the public vote and the gallery. <see cref="Phone"/> asserts that nothing
/// scrolls sideways and that tap targets are at least 44 px, and saves test-output/e2e/phone/phone-*.png.
/// </summary>
public sealed partial class ContestScenario
{
    private async Task<IPage> PhoneStoryForm()
    {
        await Phone.CheckAsync(fx, writer, "story-form", use: async tab =>
        {
            await tab.Locator("#Body").FillAsync(StoryStart + StoryEnd);
            await Expect(tab.Locator("#body-count")).ToHaveAttributeAsync("data-count", "44");
        });
        return writer;
    }

    private async Task<IPage> PhoneJudgeScoresAFilmWithNotes()
    {
        var judge = judges[0];
        await Phone.CheckAsync(fx, judge, "judge-assignments", "/judging");
        await judge.GotoAsync("/judging");
        var sheets = await judge.Locator("a.assignment-link").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        var film = "";
        foreach (var sheet in sheets)
        {
            await judge.GotoAsync(sheet);
            if (await judge.Locator("video").CountAsync() > 0) film = sheet;
        }
        Assert.NotEqual("", film);
        await Phone.CheckAsync(fx, judge, "judge-score-sheet", film, async tab =>
        {
            // The sheet as a judge uses it on a phone: a note at the current moment of the film, then the scores.
            await tab.Locator("#note-text").FillAsync("开头的品牌露出很自然。");
            await tab.Locator("#note-form button[type=submit]").ClickAsync();
            await Expect(tab.Locator("#film-notes")).ToContainTextAsync("开头的品牌露出很自然");
            await Expect(tab.Locator("video")).ToBeVisibleAsync();
            await Expect(tab.Locator("input.criterion")).ToHaveCountAsync(4);
            var box = await tab.Locator("video").BoundingBoxAsync();
            Assert.True(box is { Width: > 0 and <= Phone.Width }, "The film player fits the phone's width.");
        });
        await judge.GotoAsync(film);
        return judge;
    }

    private async Task<IPage> PhonePublicVote()
    {
        // A public vote on the story round, without weight, so the jury's ranking below stays as it is.
        var round = roundIds[0];
        await organizer.GotoAsync($"/manage/rounds/{round}/public-vote/settings");
        await organizer.Locator("#PublicWeightPercent").FillAsync("0");
        await organizer.Locator("#VotingOpens").FillAsync(Site.LocalInput(Site.NowInShanghai().AddHours(-1)));
        await organizer.Locator("#VotingCloses").FillAsync(Site.LocalInput(Site.NowInShanghai().AddDays(1)));
        await organizer.Locator("#public-vote-form button[type=submit]").ClickAsync();
        await Expect(organizer).Not.ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/settings$"));

        await Phone.CheckAsync(fx, filmmaker, "public-vote", $"/rounds/{round}/vote", async tab =>
            await Expect(tab.Locator("#voting-entries")).ToContainTextAsync("三十年的承诺"));
        await Phone.CheckAsync(fx, filmmaker, "public-vote-entry", $"/rounds/{round}/vote", async tab =>
        {
            await tab.Locator("#voting-entries a").First.ClickAsync();
            await Expect(tab.Locator(".voting-entry")).ToContainTextAsync("ISO 9001");
            await tab.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "投票" }).ClickAsync();
            await Expect(tab.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "已投票" })).ToBeDisabledAsync();
        });
        await filmmaker.GotoAsync($"/rounds/{round}/vote");
        return filmmaker;
    }

    private async Task<IPage> PhoneGallery()
    {
        var visitor = await fx.NewPersonAsync();
        await Phone.CheckAsync(fx, visitor, "gallery", $"/contests/{contestId}/gallery", async tab =>
            await Expect(tab.Locator(".gallery-item")).Not.ToHaveCountAsync(0));
        await Phone.CheckAsync(fx, visitor, "gallery-work", $"/contests/{contestId}/gallery", async tab =>
        {
            await tab.Locator(".gallery-item").First.ClickAsync();
            await Expect(tab.Locator(".gallery-work h1")).Not.ToBeEmptyAsync();
        });
        await visitor.GotoAsync($"/contests/{contestId}/gallery");
        return visitor;
    }
}
