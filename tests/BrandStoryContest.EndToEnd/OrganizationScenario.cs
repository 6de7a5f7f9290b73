using System.Text.RegularExpressions;
using BrandStoryContest.EndToEnd.Infrastructure;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BrandStoryContest.EndToEnd;

/// <summary>
/// A unit (单位) sends a colleague's story: its contact registers the unit, the colleague chooses it on her entry and
/// submits, the contact sees the entry, and the organizer sees the unit's figures and gives it the 优秀组织奖.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class OrganizationScenario(BrowserFixture fx) : IAsyncLifetime
{
    private readonly string code = "ORG" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
    private readonly string title = "单位报送征文" + Guid.NewGuid().ToString("N")[..4];
    private readonly string unit = "江城电器有限公司" + Guid.NewGuid().ToString("N")[..4];
    private IPage organizer = null!, contact = null!, staff = null!;
    private int contestId;

    [Fact]
    public async Task A_unit_sends_a_colleagues_story_and_the_organizer_awards_the_unit()
    {
        await using var steps = new Steps(fx, nameof(OrganizationScenario));

        await steps.RunAsync("organizer-opens-contest", async () =>
        {
            organizer = await fx.NewPersonAsync();
            await Site.SignInAsync(organizer, fx.OrganizerEmail, BrowserFixture.Password);
            var now = Site.NowInShanghai();
            contestId = await Site.CreateContestAsync(organizer, new Site.ContestInput(code, title, "Unit entries", "江城市总工会", now.AddHours(-1), now.AddDays(5)));
            await Site.AddCategoryAsync(organizer, contestId, "Story", "职工征文", new Dictionary<string, string> { ["NameEn"] = "Staff essay", ["MinLength"] = "20", ["MaxLength"] = "300" });
            return organizer;
        });

        await steps.RunAsync("contact-registers-the-unit", async () =>
        {
            contact = await fx.NewPersonAsync();
            await Site.RegisterConfirmAndSignInAsync(fx.Mail, contact, $"contact-{code.ToLowerInvariant()}@e2e.local", "工会干事周敏", fx.App.BaseUrl);
            await contact.GotoAsync("/organizations");
            await contact.Locator("#register-organization #ContestId").SelectOptionAsync(contestId.ToString());
            await contact.Locator("#register-organization #Name").FillAsync(unit);
            await contact.Locator("#register-organization #CreditCode").FillAsync("91350100M000100Y43");
            await contact.Locator("#register-organization button[type=submit]").ClickAsync();
            await Expect(contact.Locator("#my-organizations")).ToContainTextAsync(unit);
            return contact;
        });

        await steps.RunAsync("colleague-sends-her-story-for-the-unit", async () =>
        {
            staff = await fx.NewPersonAsync();
            await Site.RegisterConfirmAndSignInAsync(fx.Mail, staff, $"staff-{code.ToLowerInvariant()}@e2e.local", "装配工王芳", fx.App.BaseUrl);
            var id = await Site.StartEntryAsync(staff, title, "撰写征文");
            await staff.Locator("#entry-organization select").SelectOptionAsync(new SelectOptionValue { Label = unit });
            await staff.Locator("#entry-organization button[type=submit]").ClickAsync();
            await Expect(staff).ToHaveURLAsync(new Regex($"/entries/{id}/edit$"));
            await Expect(staff.Locator("#entry-organization select")).ToHaveValueAsync(new Regex(@"^\d+$"));
            await staff.Locator("#Title").FillAsync("流水线上的三十秒");
            await staff.Locator("#Body").FillAsync("每台电器下线前，我有三十秒检查它。三十年来，这三十秒从未省略过一次。");
            await staff.Locator("#PledgedOriginality").CheckAsync();
            await staff.Locator("#DeclaredRights").CheckAsync();
            await staff.Locator("#ConsentsToPublication").CheckAsync();
            await staff.Locator("#submit-entry").ClickAsync();
            await Expect(staff.Locator("#receipt-ok")).ToBeVisibleAsync();
            await staff.GotoAsync($"/entries/{id}/edit");
            await Expect(staff.Locator("#entry-organization")).ToContainTextAsync(unit);
            return staff;
        });

        await steps.RunAsync("contact-sees-the-entry", async () =>
        {
            await contact.GotoAsync("/organizations");
            await contact.Locator("#my-organizations").GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "作品" }).ClickAsync();
            await Expect(contact.Locator("#organization-entries")).ToContainTextAsync("流水线上的三十秒");
            await Expect(contact.Locator("#organization-entries")).ToContainTextAsync("装配工王芳");
            await contact.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "流水线上的三十秒" }).ClickAsync();
            await Expect(contact.Locator(".story-body")).ToContainTextAsync("三十秒检查它");
            return contact;
        });

        await steps.RunAsync("organizer-sees-the-figures-and-awards-the-unit", async () =>
        {
            await organizer.GotoAsync($"/manage/contests/{contestId}");
            await organizer.Locator("#organizations-link").ClickAsync();
            var row = organizer.Locator("#organization-figures tr", new PageLocatorOptions { HasText = unit });
            await Expect(row.Locator("[data-figure=started]")).ToHaveTextAsync("1");
            await Expect(row.Locator("[data-figure=submitted]")).ToHaveTextAsync("1");
            await row.Locator(".organization-award-form button[type=submit]").ClickAsync();
            await Expect(organizer.Locator("#organization-figures tr", new PageLocatorOptions { HasText = unit })).ToContainTextAsync("优秀组织奖");
            return organizer;
        });
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fx.ClosePeopleAsync();
}
