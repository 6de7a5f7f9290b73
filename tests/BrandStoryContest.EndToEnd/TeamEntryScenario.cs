using BrandStoryContest.EndToEnd.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BrandStoryContest.EndToEnd;

/// <summary>
/// A team entry in the browser: the writer lists a co-author who has an account and an instructor who has none,
/// the co-author confirms through the link in their mail, and the writer submits the entry with its team.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class TeamEntryScenario(BrowserFixture fx) : IAsyncLifetime
{
    private readonly string code = "TEAM" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
    private readonly string title = "团队品牌故事征文" + Guid.NewGuid().ToString("N")[..4];

    [Fact]
    public async Task A_team_entry_with_a_confirmed_co_author_and_an_instructor_is_submitted()
    {
        await using var steps = new Steps(fx, nameof(TeamEntryScenario));
        var organizer = await fx.NewPersonAsync();
        var writer = await fx.NewPersonAsync();
        var coAuthor = await fx.NewPersonAsync();
        var writerEmail = $"team-writer-{code.ToLowerInvariant()}@e2e.local";
        var coAuthorEmail = $"team-coauthor-{code.ToLowerInvariant()}@e2e.local";

        await steps.RunAsync("organizer-opens-contest", async () =>
        {
            await Site.SignInAsync(organizer, fx.OrganizerEmail, BrowserFixture.Password);
            var now = Site.NowInShanghai();
            var id = await Site.CreateContestAsync(organizer, new Site.ContestInput(code, title, "Team brand stories", "匠心协会", now.AddHours(-1), now.AddDays(5)));
            await Site.AddCategoryAsync(organizer, id, "Story", "团队征文", new Dictionary<string, string>
            {
                ["MinLength"] = "20", ["MaxLength"] = "300", ["MaxAuthors"] = "3", ["MaxInstructors"] = "1",
            });
            return organizer;
        });

        await steps.RunAsync("co-author-has-an-account", async () =>
        {
            await Site.RegisterConfirmAndSignInAsync(fx.Mail, coAuthor, coAuthorEmail, "合作者李二", fx.App.BaseUrl);
            return coAuthor;
        });

        await steps.RunAsync("writer-drafts-and-lists-the-team", async () =>
        {
            await Site.RegisterConfirmAndSignInAsync(fx.Mail, writer, writerEmail, "队长王一", fx.App.BaseUrl);
            await Site.StartEntryAsync(writer, title, "撰写征文");
            await writer.Locator("#Title").FillAsync("车间里的三十年");
            await writer.Locator("#Body").FillAsync("我们在车间里守了三十年，每一台出厂的产品都经过我们的手，这是我们对质量的承诺。");
            await writer.Locator("#save-draft").ClickAsync();
            await Expect(writer.Locator("#Title")).ToHaveValueAsync("车间里的三十年");

            await writer.Locator("#author-name").FillAsync("合作者李二");
            await writer.Locator("#author-organization").FillAsync("远山小学");
            await writer.Locator("#author-email").FillAsync(coAuthorEmail);
            await writer.Locator("#add-author-button").ClickAsync();
            await Expect(writer.Locator("#co-authors")).ToContainTextAsync("合作者李二");
            await Expect(writer.Locator("#co-authors")).ToContainTextAsync("未确认");

            await writer.Locator("#author-name").FillAsync("刘老师");
            await writer.Locator("#author-organization").FillAsync("西岭大学");
            await writer.Locator("#author-role").SelectOptionAsync("Instructor");
            await writer.Locator("#add-author-button").ClickAsync();
            await Expect(writer.Locator("#instructors")).ToContainTextAsync("刘老师");

            // A second instructor is one more than the category allows: refused with the reason, nothing added.
            await writer.Locator("#author-name").FillAsync("第二位老师");
            await writer.Locator("#author-role").SelectOptionAsync("Instructor");
            await writer.Locator("#add-author-button").ClickAsync();
            await Expect(writer.Locator("main")).ToContainTextAsync("本类别每件作品最多1位指导老师。");
            await Expect(writer.Locator("#instructors")).Not.ToContainTextAsync("第二位老师");
            return writer;
        });

        await steps.RunAsync("co-author-confirms-from-the-mail", async () =>
        {
            var link = await Site.LinkFromMailAsync(fx.Mail, coAuthorEmail, "/co-authors/confirm?");
            Assert.StartsWith(fx.App.BaseUrl + "/co-authors/confirm?", link);
            await coAuthor.GotoAsync(link);
            await Expect(coAuthor.Locator("main")).ToContainTextAsync("车间里的三十年");
            await coAuthor.Locator("#confirm-co-author").ClickAsync();
            await Expect(coAuthor.Locator("#co-author-confirmed")).ToBeVisibleAsync();
            return coAuthor;
        });

        await steps.RunAsync("writer-submits-the-team-entry", async () =>
        {
            await writer.ReloadAsync();
            await Expect(writer.Locator("#co-authors")).ToContainTextAsync("已确认");
            await writer.Locator("#PledgedOriginality").CheckAsync();
            await writer.Locator("#DeclaredRights").CheckAsync();
            await writer.Locator("#submit-entry").ClickAsync();
            await Expect(writer.Locator("#receipt-ok")).ToBeVisibleAsync();
            await Expect(writer.Locator("#entry-number")).ToHaveTextAsync($"{code}-S-0001");
            return writer;
        });
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fx.ClosePeopleAsync();
}
