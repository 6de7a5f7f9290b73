using System.Text.RegularExpressions;
using BrandStoryContest.EndToEnd.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BrandStoryContest.EndToEnd;

/// <summary>
/// Custom entry fields (issue 17.1) in a real browser: the organizer adds two fields to a category on its page,
/// the entrant fills the custom-field form (refused once with a message naming the field), and submits. Every
/// step's pages go through axe (Steps), and the entry form is checked on its own too.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class CustomFieldScenario(BrowserFixture fx) : IAsyncLifetime
{
    private const string Story = "江城电器三十年如一日，坚持“质量第一”。每台产品都经过严格检验——这就是我们的品牌故事！";
    private readonly string code = "CF" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
    private readonly string title = "老字号报名表测试" + Guid.NewGuid().ToString("N")[..4];
    private IPage organizer = null!, writer = null!;
    private int contestId;

    [Fact]
    public async Task An_organizer_adds_two_fields_and_an_entrant_fills_them_and_submits()
    {
        await using var steps = new Steps(fx, nameof(CustomFieldScenario));
        await steps.RunAsync("organizer-opens-a-contest-with-a-story-category", OrganizerOpensAContest);
        await steps.RunAsync("organizer-adds-a-phone-and-a-choice-field", OrganizerAddsTwoFields);
        await steps.RunAsync("writer-fills-the-custom-field-form", WriterFillsTheForm);
        await steps.RunAsync("writer-is-refused-a-bad-phone-then-submits", WriterIsRefusedThenSubmits);
        await steps.RunAsync("organizer-reads-the-answers-in-full", OrganizerReadsTheAnswers);
    }

    private async Task<IPage> OrganizerOpensAContest()
    {
        organizer = await fx.NewPersonAsync();
        await Site.SignInAsync(organizer, fx.OrganizerEmail, BrowserFixture.Password);
        var now = Site.NowInShanghai();
        contestId = await Site.CreateContestAsync(organizer,
            new Site.ContestInput(code, title, "Heritage brands entry form", "江城市商务局", now.AddHours(-1), now.AddDays(3)));
        await Site.AddCategoryAsync(organizer, contestId, "Story", "品牌故事征文", new Dictionary<string, string>
        {
            ["NameEn"] = "Brand story essay", ["MinLength"] = "20", ["MaxLength"] = "300",
        });
        return organizer;
    }

    private async Task<IPage> OrganizerAddsTwoFields()
    {
        await organizer.GotoAsync($"/manage/contests/{contestId}");
        await organizer.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "编辑规则" }).First.ClickAsync();
        await Expect(organizer.Locator("#category-fields")).ToContainTextAsync("还没有字段。");

        await organizer.Locator("#add-field").ClickAsync();
        await organizer.Locator("#Kind").SelectOptionAsync("MobilePhone");
        await organizer.Locator("#LabelZh").FillAsync("手机号");
        await organizer.Locator("#LabelEn").FillAsync("Mobile number");
        await organizer.Locator("#HelpZh").FillAsync("获奖时主办方与您联系，评委看不到。");
        await organizer.Locator("#Required").CheckAsync();
        await organizer.Locator("#Identifying").CheckAsync();
        await organizer.Locator("#field-form button[type=submit]").ClickAsync();
        await Expect(organizer).ToHaveURLAsync(new Regex(@"/manage/categories/\d+/edit$"));

        await organizer.Locator("#add-field").ClickAsync();
        await organizer.Locator("#Kind").SelectOptionAsync("SingleChoice");
        await organizer.Locator("#LabelZh").FillAsync("学历");
        await organizer.Locator("#Choices").FillAsync("本科\n硕士\n博士");
        await organizer.Locator("#Required").CheckAsync();
        await organizer.Locator("#field-form button[type=submit]").ClickAsync();
        await Expect(organizer.Locator("#category-fields tbody tr")).ToHaveCountAsync(2);
        await Expect(organizer.Locator("#category-fields tbody tr").First).ToContainTextAsync("手机号");
        await Expect(organizer.Locator("#category-fields tbody tr").Nth(1)).ToContainTextAsync("学历");
        return organizer;
    }

    private async Task<IPage> WriterFillsTheForm()
    {
        writer = await fx.NewPersonAsync();
        await Site.RegisterConfirmAndSignInAsync(fx.Mail, writer, $"writer-{code.ToLowerInvariant()}@e2e.local", "张晓雨", fx.App.BaseUrl);
        await Site.StartEntryAsync(writer, title, "撰写征文");
        await Expect(writer.Locator("#entry-fields")).ToContainTextAsync("获奖时主办方与您联系，评委看不到。");
        await writer.Locator("#Title").FillAsync("百年酱园的第四代传人");
        await writer.Locator("#Body").FillAsync(Story);
        await writer.Locator("[data-field-kind=MobilePhone] input[type=tel]").FillAsync("1381234567");
        await writer.GetByLabel("硕士").CheckAsync();
        await writer.Locator("#PledgedOriginality").CheckAsync();
        await writer.Locator("#DeclaredRights").CheckAsync();
        // The custom-field form on its own, filled in: no serious or critical axe violations.
        Assert.Empty(await Accessibility.SeriousViolationsAsync(writer));
        return writer;
    }

    private async Task<IPage> WriterIsRefusedThenSubmits()
    {
        await writer.Locator("#submit-entry").ClickAsync();
        await Expect(writer.Locator("#violations")).ToContainTextAsync("手机号：请填写以13–19开头的11位中国大陆手机号。");
        // What was typed and chosen is still there.
        await Expect(writer.Locator("[data-field-kind=MobilePhone] input[type=tel]")).ToHaveValueAsync("1381234567");
        await Expect(writer.GetByLabel("硕士")).ToBeCheckedAsync();
        Assert.Empty(await Accessibility.SeriousViolationsAsync(writer));

        await writer.Locator("[data-field-kind=MobilePhone] input[type=tel]").FillAsync("13812345678");
        await writer.Locator("#PledgedOriginality").CheckAsync();
        await writer.Locator("#DeclaredRights").CheckAsync();
        await writer.Locator("#submit-entry").ClickAsync();
        await Expect(writer.Locator("#receipt-ok")).ToBeVisibleAsync();
        await Expect(writer.Locator("#entry-number")).ToHaveTextAsync($"{code}-S-0001");
        return writer;
    }

    private async Task<IPage> OrganizerReadsTheAnswers()
    {
        await organizer.GotoAsync($"/manage/contests/{contestId}");
        await organizer.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "报名表", Exact = true }).First.ClickAsync();
        await Expect(organizer.Locator("#answers")).ToContainTextAsync("13812345678");
        await Expect(organizer.Locator("#answers")).ToContainTextAsync("硕士");
        return organizer;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fx.ClosePeopleAsync();
}
