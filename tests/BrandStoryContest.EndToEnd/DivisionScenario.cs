using System.Text.RegularExpressions;
using BrandStoryContest.EndToEnd.Infrastructure;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BrandStoryContest.EndToEnd;

/// <summary>
/// Issue 20.6 in the browser: the final's organizer creates two divisions (赛区) and sets their quotas and the
/// recommendation deadline; an entrant submits in each; 江城赛区 recommends its story by choice, with a reason, and
/// 海滨赛区 judges its story and recommends from the finalized ranking; the final's organizer sees both on the
/// dashboard (also at phone width); the final's judge scores the carried entries without any division name or number
/// in sight; the final's organizer finalizes, decides the awards, holds them on public notice and publishes; the
/// public results show the final's winners and the winner's certificate verifies.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class DivisionScenario(BrowserFixture fx) : IAsyncLifetime
{
    private static readonly string Suffix = Guid.NewGuid().ToString("N")[..5].ToUpperInvariant();
    private readonly string finalCode = "FIN" + Suffix;
    private readonly string finalTitle = "全国品牌故事大赛总决赛" + Suffix;
    private readonly Division jiangcheng = new("JC" + Suffix, "江城赛区", "Jiangcheng", $"jc-organizer-{Suffix.ToLowerInvariant()}@e2e.local", "江城赛区主办赵敏",
        $"jc-writer-{Suffix.ToLowerInvariant()}@e2e.local", "江城作者孙悦", "江城电器的三十年");
    private readonly Division haibin = new("HB" + Suffix, "海滨赛区", "Haibin", $"hb-organizer-{Suffix.ToLowerInvariant()}@e2e.local", "海滨赛区主办钱进",
        $"hb-writer-{Suffix.ToLowerInvariant()}@e2e.local", "海滨作者周航", "渔港边的老船厂");
    private const string Reason = "讲述真实，品牌细节突出，赛区评委会一致推荐。";
    private IPage finalOrganizer = null!;
    private int finalId;

    private sealed record Division(string Code, string NameZh, string NameEn, string OrganizerEmail, string OrganizerName,
        string WriterEmail, string WriterName, string StoryTitle)
    {
        public IPage Organizer { get; set; } = null!;
        public IPage Writer { get; set; } = null!;
        public int ContestId { get; set; }
        public string Number { get; set; } = "";
    }

    [Fact]
    public async Task Two_divisions_recommend_and_the_final_judges_and_publishes()
    {
        await using var steps = new Steps(fx, nameof(DivisionScenario));

        await steps.RunAsync("final-organizer-creates-two-divisions", async () =>
        {
            // Division organizers are organizer accounts; like the first organizer, only an admin could grant the role.
            foreach (var d in new[] { jiangcheng, haibin })
                await FirstAccounts.CreateAsync(fx.App.DatabasePath, d.OrganizerEmail, BrowserFixture.Password, d.OrganizerName, Roles.Organizer);
            finalOrganizer = await fx.NewPersonAsync();
            await Site.SignInAsync(finalOrganizer, fx.OrganizerEmail, BrowserFixture.Password);
            var now = Site.NowInShanghai();
            finalId = await Site.CreateContestAsync(finalOrganizer, new Site.ContestInput(finalCode, finalTitle, "National brand story final", "全国品牌故事大赛组委会", now.AddHours(-1), now.AddDays(5)));
            await Site.AddCategoryAsync(finalOrganizer, finalId, "Story", "品牌征文", new Dictionary<string, string> { ["NameEn"] = "Brand story", ["MinLength"] = "20", ["MaxLength"] = "300" });
            await finalOrganizer.Locator("#divisions-link").ClickAsync();
            await Expect(finalOrganizer).ToHaveURLAsync(new Regex($"/manage/finals/{finalId}/divisions$"));
            foreach (var d in new[] { jiangcheng, haibin })
            {
                await finalOrganizer.Locator("#new-division").ClickAsync();
                await finalOrganizer.Locator("#NameZh").FillAsync(d.NameZh);
                await finalOrganizer.Locator("#NameEn").FillAsync(d.NameEn);
                await finalOrganizer.Locator("#Code").FillAsync(d.Code);
                await finalOrganizer.Locator("#OrganizerEmail").FillAsync(d.OrganizerEmail);
                await finalOrganizer.Locator("#SubmissionOpensAt").FillAsync(Site.LocalInput(now.AddHours(-1)));
                await finalOrganizer.Locator("#SubmissionClosesAt").FillAsync(Site.LocalInput(now.AddDays(5)));
                await finalOrganizer.Locator("#create-division").ClickAsync();
                await Expect(finalOrganizer).ToHaveURLAsync(new Regex($"/manage/finals/{finalId}/divisions$"));
                await Expect(Row(d)).ToContainTextAsync(d.NameZh);
                await Expect(Row(d)).ToContainTextAsync(d.OrganizerName);
            }
            return finalOrganizer;
        });

        await steps.RunAsync("final-organizer-sets-quotas-and-deadline", async () =>
        {
            var deadline = Site.NowInShanghai().AddDays(3);
            deadline = new DateTime(deadline.Year, deadline.Month, deadline.Day, deadline.Hour, deadline.Minute, 0);
            await finalOrganizer.Locator("#RecommendationClosesAt").FillAsync(Site.LocalInput(deadline));
            foreach (var d in new[] { jiangcheng, haibin }) await Row(d).Locator(".quota input[type=number]").FillAsync("1");
            await finalOrganizer.Locator("#save-quotas").ClickAsync();
            await Expect(finalOrganizer.Locator("#recommendation-deadline")).ToContainTextAsync(deadline.ToString("yyyy-MM-dd HH:mm"));
            foreach (var d in new[] { jiangcheng, haibin })
            {
                await Expect(Row(d).Locator(".quota input[type=number]")).ToHaveValueAsync("1");
                await Expect(Row(d).Locator(".made")).ToHaveTextAsync("已推荐 0，尚缺 1");
            }
            return finalOrganizer;
        });

        await steps.RunAsync("division-organizers-open-their-calls", async () =>
        {
            // A division starts unlisted, like any copied contest: its organizer looks it over and makes it public.
            foreach (var d in new[] { jiangcheng, haibin })
            {
                d.Organizer = await fx.NewPersonAsync();
                await Site.SignInAsync(d.Organizer, d.OrganizerEmail, BrowserFixture.Password);
                await d.Organizer.GotoAsync("/manage");
                await Expect(d.Organizer.Locator("a.list-group-item")).ToHaveCountAsync(1);
                await d.Organizer.Locator("a.list-group-item", new PageLocatorOptions { HasText = d.Code }).ClickAsync();
                await Expect(d.Organizer).ToHaveURLAsync(new Regex(@"/manage/contests/\d+$"));
                d.ContestId = int.Parse(d.Organizer.Url.Split('/')[^1]);
                await d.Organizer.GotoAsync($"/manage/contests/{d.ContestId}/edit");
                await d.Organizer.Locator("#IsPublic").CheckAsync();
                await d.Organizer.Locator("#contest-form button[type=submit]").ClickAsync();
                await Expect(d.Organizer).ToHaveURLAsync(new Regex($"/manage/contests/{d.ContestId}$"));
            }
            return haibin.Organizer;
        });

        await steps.RunAsync("entrants-submit-in-each-division", async () =>
        {
            foreach (var d in new[] { jiangcheng, haibin })
            {
                d.Writer = await fx.NewPersonAsync();
                await Site.RegisterConfirmAndSignInAsync(fx.Mail, d.Writer, d.WriterEmail, d.WriterName, fx.App.BaseUrl);
                await Site.StartEntryAsync(d.Writer, $"{finalTitle} {d.NameZh}", "撰写征文");
                await d.Writer.Locator("#Title").FillAsync(d.StoryTitle);
                await d.Writer.Locator("#Body").FillAsync($"《{d.StoryTitle}》：这家企业三十年如一日坚持质量第一，每一件产品出厂前都经过严格检验。");
                await d.Writer.Locator("#PledgedOriginality").CheckAsync();
                await d.Writer.Locator("#DeclaredRights").CheckAsync();
                await d.Writer.Locator("#ConsentsToPublication").CheckAsync();
                await d.Writer.Locator("#submit-entry").ClickAsync();
                await Expect(d.Writer.Locator("#receipt-ok")).ToBeVisibleAsync();
                await Expect(d.Writer.Locator("#entry-number")).ToHaveTextAsync($"{d.Code}-S-0001");
                d.Number = $"{d.Code}-S-0001";
            }
            return haibin.Writer;
        });

        await steps.RunAsync("jiangcheng-closes-and-recommends-by-choice", async () =>
        {
            await OpenDivisionAsync(jiangcheng);
            var section = jiangcheng.Organizer.Locator(".quota-section");
            await Expect(section).ToContainTextAsync("已推荐 0 / 1");
            // No round was judged here: the organizer picks the entry and says why.
            await Expect(section.Locator("form[action$='/from-ranking']")).ToHaveCountAsync(0);
            await section.Locator("select[name=EntryId]").SelectOptionAsync(new SelectOptionValue { Label = $"{jiangcheng.Number} {jiangcheng.StoryTitle}" });
            await section.Locator("input[name=Reason]").FillAsync(Reason);
            await section.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "自主推荐" }).ClickAsync();
            await Expect(jiangcheng.Organizer.Locator("main")).ToContainTextAsync("已推荐至决赛，并已邮件通知参赛者。");
            await Expect(section).ToContainTextAsync("已推荐 1 / 1");
            await Expect(section.Locator("tbody tr")).ToContainTextAsync(Reason);
            await Expect(section.Locator("tbody tr")).ToContainTextAsync(new Regex($"{finalCode}-S-000\\d"));
            return jiangcheng.Organizer;
        });

        await steps.RunAsync("haibin-judges-and-recommends-from-the-ranking", async () =>
        {
            await OpenDivisionAsync(haibin);
            var judge = await InviteJudgeAsync(haibin.Organizer, haibin.ContestId, $"hb-judge-{Suffix.ToLowerInvariant()}@e2e.local", "海滨评委吴涛");
            var round = await OpenRoundAsync(haibin.Organizer, haibin.ContestId);
            await judge.GotoAsync("/judging");
            await judge.Locator("a.assignment-link").First.ClickAsync();
            foreach (var input in await judge.Locator("input.criterion").AllAsync()) await input.FillAsync("7");
            await judge.Locator("#save-scores").ClickAsync();
            await Expect(judge.Locator("#score-total")).ToHaveTextAsync("70.0");
            await FinalizeRoundAsync(haibin.Organizer, round);

            await haibin.Organizer.GotoAsync($"/manage/divisions/{haibin.ContestId}");
            var section = haibin.Organizer.Locator(".quota-section");
            await section.Locator("form[action$='/from-ranking'] button").ClickAsync();
            await Expect(haibin.Organizer.Locator("main")).ToContainTextAsync("已推荐至决赛，并已邮件通知参赛者。");
            await Expect(section).ToContainTextAsync("已推荐 1 / 1");
            await Expect(section.Locator("tbody tr")).ToContainTextAsync("来自已定稿的排名");
            await Expect(section.Locator("tbody tr")).ToContainTextAsync(haibin.StoryTitle);
            // The entrant is told by mail, with the division number and the final's.
            await SmtpCatcher.WaitUntilAsync(() => fx.Mail.To(haibin.WriterEmail).Any(m => (m.TextBody ?? "").Contains(haibin.Number) && (m.TextBody ?? "").Contains($"{finalCode}-S-")),
                TimeSpan.FromSeconds(30), "the recommendation mail to the Haibin entrant");
            return haibin.Organizer;
        });

        await steps.RunAsync("final-organizer-sees-both-divisions-recommendations", async () =>
        {
            await finalOrganizer.GotoAsync($"/manage/finals/{finalId}/divisions");
            foreach (var d in new[] { jiangcheng, haibin })
            {
                await Expect(Row(d).Locator(".entries")).ToHaveTextAsync("1");
                await Expect(Row(d).Locator(".made")).ToHaveTextAsync("已推荐 1，尚缺 0");
            }
            await Expect(Row(haibin)).ToContainTextAsync("已定稿");
            // Counts only: the final's organizer never reads a division's entries.
            await Expect(finalOrganizer.Locator("main")).Not.ToContainTextAsync(jiangcheng.StoryTitle);
            await Phone.CheckAsync(fx, finalOrganizer, "final-dashboard", $"/manage/finals/{finalId}/divisions");
            await finalOrganizer.GotoAsync($"/manage/contests/{finalId}");
            await Expect(finalOrganizer.Locator("#entry-total")).ToHaveTextAsync("2");
            return finalOrganizer;
        });

        IPage finalJudge = null!;
        await steps.RunAsync("final-judge-scores-the-carried-entries-blind", async () =>
        {
            finalJudge = await InviteJudgeAsync(finalOrganizer, finalId, $"final-judge-{Suffix.ToLowerInvariant()}@e2e.local", "决赛评委郑洁");
            finalRound = await OpenRoundAsync(finalOrganizer, finalId);
            await finalJudge.GotoAsync("/judging");
            var sheets = await finalJudge.Locator("a.assignment-link").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
            Assert.Equal(2, sheets.Length);
            await AssertBlindAsync(finalJudge);
            foreach (var sheet in sheets)
            {
                await finalJudge.GotoAsync(sheet);
                await AssertBlindAsync(finalJudge);
                // 江城's story scores higher: it takes the final's First prize.
                var score = (await finalJudge.Locator("main").InnerTextAsync()).Contains(jiangcheng.StoryTitle) ? 9 : 6;
                foreach (var input in await finalJudge.Locator("input.criterion").AllAsync()) await input.FillAsync(score.ToString());
                await finalJudge.Locator("#save-scores").ClickAsync();
                await Expect(finalJudge.Locator("#score-total")).ToHaveTextAsync((score * 10.0).ToString("0.0"));
            }
            await finalJudge.GotoAsync("/judging");
            await AssertBlindAsync(finalJudge);
            return finalJudge;
        });

        await steps.RunAsync("final-organizer-finalizes-decides-holds-and-publishes", async () =>
        {
            await FinalizeRoundAsync(finalOrganizer, finalRound);
            finalOrganizer.Dialog += async (_, dialog) => await dialog.AcceptAsync(); // the confirmations of notice and publication
            await finalOrganizer.GotoAsync($"/manage/contests/{finalId}/awards");
            await finalOrganizer.Locator("form[action$='/awards/propose'] button").ClickAsync();
            await Expect(finalOrganizer.Locator(".category-awards").First).ToContainTextAsync(jiangcheng.StoryTitle);
            await Expect(finalOrganizer.Locator(".category-awards").First).ToContainTextAsync(haibin.StoryTitle);
            // Held on public notice (公示) first, then published once it ended.
            await finalOrganizer.Locator("form[action$='/notice/open'] button").ClickAsync();
            await Expect(finalOrganizer.Locator("#in-notice")).ToBeVisibleAsync();
            await TimeTravel.EndNoticePeriodAsync(fx.App.DatabasePath, finalId);
            await finalOrganizer.Locator("form[action$='/awards/publish'] button").ClickAsync();
            await Expect(finalOrganizer.Locator("#published")).ToBeVisibleAsync();
            await finalOrganizer.Locator("form[action$='/certificates/issue'] button").ClickAsync();
            await Expect(finalOrganizer.Locator("#certificate-progress")).ToHaveAttributeAsync("data-state", "Done", new LocatorAssertionsToHaveAttributeOptions { Timeout = 60_000 });
            return finalOrganizer;
        });

        await steps.RunAsync("public-results-show-the-finals-winners-and-a-certificate-verifies", async () =>
        {
            var visitor = await fx.NewPersonAsync();
            await visitor.GotoAsync($"/contests/{finalId}/results");
            var results = visitor.Locator("main");
            await Expect(results).ToContainTextAsync(finalTitle);
            await Expect(results).ToContainTextAsync(jiangcheng.StoryTitle);
            await Expect(results).ToContainTextAsync(haibin.StoryTitle);
            await Expect(results).ToContainTextAsync("一等奖");

            // The winner's certificate is the final's award of the carried entry.
            await jiangcheng.Writer.GotoAsync("/entries");
            var link = jiangcheng.Writer.Locator(".my-award a[href$='.pdf']");
            await Expect(link).ToHaveCountAsync(1);
            var number = (await link.GetAttributeAsync("href"))!.Split('/')[^1].Replace(".pdf", "");
            await visitor.GotoAsync($"/certificates/verify/{number}");
            await Expect(visitor.Locator("#verification")).ToHaveAttributeAsync("data-status", "valid");
            await Expect(visitor.Locator("main")).ToContainTextAsync(jiangcheng.WriterName);
            await Expect(visitor.Locator("main")).ToContainTextAsync(jiangcheng.StoryTitle);
            await Expect(visitor.Locator("main")).ToContainTextAsync("一等奖");
            return visitor;
        });
    }

    private int finalRound;

    private ILocator Row(Division d) => finalOrganizer.Locator($"#divisions tr[data-division='{d.Code}']");

    /// <summary>Nothing on the final judge's page names a division, its number, its people or the entrants.</summary>
    private async Task AssertBlindAsync(IPage judge)
    {
        var html = await judge.ContentAsync();
        foreach (var d in new[] { jiangcheng, haibin })
            foreach (var word in new[] { d.NameZh, d.NameEn, d.Code, d.Number, d.OrganizerName, d.WriterName, d.WriterEmail })
                Assert.False(html.Contains(word, StringComparison.Ordinal), $"The final judge's page {judge.Url} shows \"{word}\".");
    }

    /// <summary>The division's organizer closes its call (its entries can be recommended only then) and opens its recommendations.</summary>
    private async Task OpenDivisionAsync(Division d)
    {
        await d.Organizer.GotoAsync($"/manage/contests/{d.ContestId}/edit");
        await d.Organizer.Locator("#SubmissionClosesAt").FillAsync(Site.LocalInput(Site.NowInShanghai().AddMinutes(-1)));
        await d.Organizer.Locator("#contest-form button[type=submit]").ClickAsync();
        await d.Organizer.GotoAsync($"/manage/contests/{d.ContestId}");
        // The contest page's Divisions link takes a division's own organizer to its recommendations.
        await d.Organizer.Locator("#divisions-link").ClickAsync();
        await Expect(d.Organizer).ToHaveURLAsync(new Regex($"/manage/divisions/{d.ContestId}$"));
        await Expect(d.Organizer.Locator("main")).ToContainTextAsync(finalTitle);
    }

    private async Task<IPage> InviteJudgeAsync(IPage organizer, int contestId, string email, string name)
    {
        await organizer.GotoAsync($"/contests/{contestId}");
        await organizer.Locator("#invite-email").FillAsync(email);
        await organizer.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "邀请评委" }).ClickAsync();
        var judge = await fx.NewPersonAsync();
        await Site.RegisterConfirmAndSignInAsync(fx.Mail, judge, email, name, fx.App.BaseUrl);
        await judge.GotoAsync(await Site.LinkFromMailAsync(fx.Mail, email, "/judges/accept?"));
        await judge.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "接受邀请" }).ClickAsync();
        await Expect(judge.Locator("nav.navbar")).ToContainTextAsync("评审");
        return judge;
    }

    /// <summary>The contest's one category: its judge on the panel, a round of one judge per entry, assigned and open.</summary>
    private static async Task<int> OpenRoundAsync(IPage organizer, int contestId)
    {
        await organizer.GotoAsync($"/manage/contests/{contestId}");
        await organizer.Locator("#category-counts a[href$='/judging']").ClickAsync();
        foreach (var box in await organizer.Locator("#panel-form input[type=checkbox]").AllAsync()) await box.CheckAsync();
        await organizer.Locator("#save-panel").ClickAsync();
        await organizer.Locator("#new-round").ClickAsync();
        await organizer.Locator("#JudgesPerEntry").FillAsync("1");
        await organizer.Locator("#round-form button[type=submit]").ClickAsync();
        await Expect(organizer).ToHaveURLAsync(new Regex(@"/manage/rounds/\d+$"));
        var round = int.Parse(organizer.Url.Split('/')[^1]);
        await organizer.Locator("#auto-assign").ClickAsync();
        await Expect(organizer.Locator("#judge-progress li")).ToHaveCountAsync(1);
        await organizer.Locator("#state-Open").ClickAsync();
        await Expect(organizer.Locator("#round-state")).ToHaveTextAsync("进行中");
        return round;
    }

    private static async Task FinalizeRoundAsync(IPage organizer, int round)
    {
        await organizer.GotoAsync($"/manage/rounds/{round}");
        await organizer.Locator("#state-Closed").ClickAsync();
        await Expect(organizer.Locator("#round-state")).ToHaveTextAsync("已结束");
        await organizer.Locator("#state-Finalized").ClickAsync();
        await Expect(organizer.Locator("#round-state")).ToHaveTextAsync("已定稿");
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fx.ClosePeopleAsync();
}
