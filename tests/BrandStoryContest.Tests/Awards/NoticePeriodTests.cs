using System.Net;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Tests.Judging;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Features.Awards;
using BrandStoryContest.Web.Features.Results;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Features.Objections;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Awards;

/// <summary>公示: proposed winners on public notice, objections filed and decided, results final only afterwards.</summary>
public sealed class NoticePeriodTests(AwardsApp app) : IClassFixture<AwardsApp>
{
    /// <summary>Five stories scored 9, 8, 7, 5, 3; tiers 1/1/1 so entries 0, 1, 2 are proposed; a 7-day notice period.</summary>
    private async Task<(JudgingScene Scene, List<AwardTier> Tiers)> ProposedAsync()
    {
        var scene = await JudgingScenes.FinalizedAsync(app, 9, 8, 7, 5, 3);
        Assert.True((await app.SendAsync(scene.Organizer, new EnsureAwardTiersCommand(scene.Contest.Id))).IsOk);
        var tiers = await app.DbAsync(async db =>
        {
            var t = await db.AwardTiers.Where(x => x.CategoryId == scene.Stories.Id).OrderBy(x => x.Order).ToListAsync();
            t[0].Quota = 1; t[1].Quota = 1; t[2].Quota = 1; t[3].Quota = 0;
            (await db.Contests.SingleAsync(c => c.Id == scene.Contest.Id)).NoticeDays = 7;
            await db.SaveChangesAsync();
            return t;
        });
        var proposal = await app.SendAsync(scene.Organizer, new ProposeAwardsCommand(scene.Stories.Id));
        Assert.True(proposal.IsOk);
        Assert.Equal(3, proposal.Value.Awarded);
        return (scene, tiers);
    }

    private Task<Dictionary<int, int>> AwardsAsync(JudgingScene scene) =>
        app.DbAsync(db => db.Awards.Where(a => a.CategoryId == scene.Stories.Id).ToDictionaryAsync(a => a.EntryId, a => a.TierId));

    /// <summary>Time passes: the notice period ends (the app's clock is the real one).</summary>
    private Task EndNoticeAsync(JudgingScene scene) => app.DbAsync(async db =>
    {
        var c = await db.Contests.SingleAsync(x => x.Id == scene.Contest.Id);
        c.NoticeEndsAt = DateTimeOffset.UtcNow.AddMinutes(-1);
        return await db.SaveChangesAsync();
    });

    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"u8.ToArray();

    [Fact]
    public async Task An_upheld_objection_disqualifies_the_winner_and_promotes_the_next_entries()
    {
        var (scene, tiers) = await ProposedAsync();
        Assert.True((await app.SendAsync(scene.Organizer, new OpenNoticePeriodCommand(scene.Contest.Id))).IsOk);
        var citizen = await app.CreateUserAsync(Roles.Entrant, realName: "市民李四");
        var filed = await app.SendAsync(citizen, new FileObjectionCommand(scene.Contest.Id, scene.Entries[0].Id, "该作品抄袭了往届获奖作品",
            "证据.pdf", Pdf.Length, new MemoryStream(Pdf)));
        Assert.True(filed.IsOk);
        var objection = await app.DbAsync(db => db.Objections.SingleAsync(o => o.EntryId == scene.Entries[0].Id));

        Assert.True((await app.SendAsync(scene.Organizer, new DecideObjectionCommand { ObjectionId = objection.Id, Uphold = true, Decision = "经核查，抄袭属实" })).IsOk);

        // First goes to the 8, Second to the 7, and the 5 (no award before) takes Third.
        var awards = await AwardsAsync(scene);
        Assert.Equal(new Dictionary<int, int>
        {
            [scene.Entries[1].Id] = tiers[0].Id, [scene.Entries[2].Id] = tiers[1].Id, [scene.Entries[3].Id] = tiers[2].Id,
        }, awards);
        var (entry, decided) = await app.DbAsync(async db => (await db.Entries.SingleAsync(e => e.Id == scene.Entries[0].Id),
            await db.Objections.SingleAsync(o => o.Id == objection.Id)));
        Assert.Equal(EntryState.Disqualified, entry.State);
        Assert.Contains("抄袭属实", entry.DisqualificationReason);
        Assert.Equal(ObjectionState.Upheld, decided.State);
        Assert.Equal(scene.Organizer.Id, decided.DecidedById);

        var audit = await app.DbAsync(db => db.Audit.Where(a => a.Action == "RefillAward" || a.Action == "DecideObjection" || a.Action == "FileObjection")
            .Select(a => new { a.Action, a.EntityId, a.OldValue, a.NewValue }).ToListAsync());
        Assert.Contains(audit, a => a.Action == "FileObjection" && a.EntityId == scene.Entries[0].Id.ToString());
        Assert.Contains(audit, a => a.Action == "DecideObjection" && a.NewValue == "Upheld");
        Assert.Contains(audit, a => a.Action == "RefillAward" && a.EntityId == scene.Entries[1].Id.ToString() && a.OldValue == "二等奖" && a.NewValue == "一等奖");
        Assert.Contains(audit, a => a.Action == "RefillAward" && a.EntityId == scene.Entries[3].Id.ToString() && a.OldValue == "no award" && a.NewValue == "三等奖");

        // The entrant sees the objection and the decision (never who objected); the objector and the promoted entrant are told.
        var mine = (await app.SendAsync(scene.Entrants[0], new ObjectionsToMyEntriesQuery())).Value;
        var seen = Assert.Single(mine);
        Assert.Equal((ObjectionState.Upheld, "该作品抄袭了往届获奖作品", "经核查，抄袭属实"), (seen.State, seen.Reason, seen.Decision));
        var mail = await app.DbAsync(db => db.Outbox.Select(m => new { m.To, Body = m.Text }).ToListAsync());
        Assert.Contains(mail, m => m.To == scene.Entrants[0].Email && m.Body.Contains("异议成立"));
        Assert.DoesNotContain(mail, m => m.To == scene.Entrants[0].Email && m.Body.Contains("市民李四"));
        Assert.Contains(mail, m => m.To == citizen.Email && m.Body.Contains("经核查，抄袭属实"));
        Assert.Contains(mail, m => m.To == scene.Entrants[3].Email && m.Body.Contains("三等奖"));

        // The public notice now lists the promoted entry and not the disqualified one.
        var board = await app.SendAsync(null, new NoticeBoardQuery(scene.Contest.Id));
        Assert.True(board.IsOk);
        Assert.Equal([scene.Entries[1].Id, scene.Entries[2].Id, scene.Entries[3].Id], board.Value.Winners.Select(w => w.EntryId).Order().ToArray());
    }

    [Fact]
    public async Task Results_become_final_only_after_the_period_ends_and_every_objection_is_decided()
    {
        var (scene, _) = await ProposedAsync();
        Assert.Equal("Open the notice period before publishing the final results.",
            (await app.SendAsync(scene.Organizer, new PublishResultsCommand(scene.Contest.Id))).Violations.Single().Key);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(null, new NoticeBoardQuery(scene.Contest.Id))).Outcome);

        Assert.True((await app.SendAsync(scene.Organizer, new OpenNoticePeriodCommand(scene.Contest.Id))).IsOk);
        Assert.Equal("The notice period has already been opened.", (await app.SendAsync(scene.Organizer, new OpenNoticePeriodCommand(scene.Contest.Id))).Violations.Single().Key);
        var contest = await app.DbAsync(db => db.Contests.SingleAsync(c => c.Id == scene.Contest.Id));
        Assert.Equal(TimeSpan.FromDays(7), contest.NoticeEndsAt - contest.NoticeStartedAt);
        Assert.Equal("The notice period runs until {0}.", (await app.SendAsync(scene.Organizer, new PublishResultsCommand(scene.Contest.Id))).Violations.Single().Key);
        Assert.Equal("Publish the results before issuing certificates.", (await app.SendAsync(scene.Organizer, new IssueCertificatesCommand(scene.Contest.Id))).Violations.Single().Key);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(null, new ResultsQuery(scene.Contest.Id))).Outcome);

        var citizen = await app.CreateUserAsync(Roles.Entrant);
        Assert.True((await app.SendAsync(citizen, new FileObjectionCommand(scene.Contest.Id, scene.Entries[2].Id, "署名单位与实际不符"))).IsOk);
        await EndNoticeAsync(scene);
        var late = await app.SendAsync(await app.CreateUserAsync(Roles.Entrant), new FileObjectionCommand(scene.Contest.Id, scene.Entries[1].Id, "逾期异议"));
        Assert.Equal("Objections are accepted only during the notice period.", late.Violations.Single().Key);
        Assert.Equal("Decide every objection before publishing the final results.",
            (await app.SendAsync(scene.Organizer, new PublishResultsCommand(scene.Contest.Id))).Violations.Single().Key);

        var objection = await app.DbAsync(db => db.Objections.SingleAsync(o => o.ContestId == scene.Contest.Id));
        Assert.True((await app.SendAsync(scene.Organizer, new DecideObjectionCommand { ObjectionId = objection.Id, Uphold = false, Decision = "经核实，署名单位无误" })).IsOk);
        Assert.Equal("This objection is already decided.",
            (await app.SendAsync(scene.Organizer, new DecideObjectionCommand { ObjectionId = objection.Id, Uphold = true, Decision = "改判" })).Violations.Single().Key);
        Assert.Equal(EntryState.Submitted, await app.DbAsync(db => db.Entries.Where(e => e.Id == scene.Entries[2].Id).Select(e => e.State).SingleAsync()));

        Assert.True((await app.SendAsync(scene.Organizer, new PublishResultsCommand(scene.Contest.Id))).IsOk);
        Assert.True((await app.SendAsync(null, new ResultsQuery(scene.Contest.Id))).IsOk);
        Assert.True((await app.SendAsync(scene.Organizer, new IssueCertificatesCommand(scene.Contest.Id))).IsOk);
        var mine = Assert.Single((await app.SendAsync(scene.Entrants[2], new ObjectionsToMyEntriesQuery())).Value);
        Assert.Equal((ObjectionState.Dismissed, "经核实，署名单位无误"), (mine.State, mine.Decision));
    }

    [Fact]
    public async Task During_the_notice_period_awards_change_only_through_objections()
    {
        var (scene, tiers) = await ProposedAsync();
        Assert.True((await app.SendAsync(scene.Organizer, new OpenNoticePeriodCommand(scene.Contest.Id))).IsOk);
        const string frozen = "The notice period is running: awards change only by deciding objections.";
        Assert.Equal(frozen, (await app.SendAsync(scene.Organizer, new ProposeAwardsCommand(scene.Stories.Id))).Violations.Single().Key);
        Assert.Equal(frozen, (await app.SendAsync(scene.Organizer,
            new AdjustAwardCommand { CategoryId = scene.Stories.Id, EntryId = scene.Entries[4].Id, TierId = tiers[0].Id, Reason = "想改" })).Violations.Single().Key);
        Assert.Equal(frozen, (await app.SendAsync(scene.Organizer,
            new SaveTierCommand { TierId = tiers[2].Id, CategoryId = scene.Stories.Id, NameZh = "三等奖", Quota = 5, Order = 3 })).Violations.Single().Key);
        Assert.Equal(3, (await AwardsAsync(scene)).Count);
    }

    [Fact]
    public async Task Objections_are_refused_for_own_entries_entries_without_awards_twice_and_with_fake_evidence()
    {
        var (scene, _) = await ProposedAsync();
        var citizen = await app.CreateUserAsync(Roles.Judge);
        // Before the notice period the proposal is not public: the entry is not found.
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(citizen, new FileObjectionCommand(scene.Contest.Id, scene.Entries[0].Id, "太早"))).Outcome);
        Assert.True((await app.SendAsync(scene.Organizer, new OpenNoticePeriodCommand(scene.Contest.Id))).IsOk);

        Assert.Equal(Outcome.NotFound, (await app.SendAsync(citizen, new FileObjectionCommand(scene.Contest.Id, scene.Entries[4].Id, "未获奖作品"))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(citizen, new FileObjectionCommand(scene.Contest.Id + 1000, scene.Entries[0].Id, "别的比赛"))).Outcome);
        Assert.Equal("You cannot object to your own entry.",
            (await app.SendAsync(scene.Entrants[0], new FileObjectionCommand(scene.Contest.Id, scene.Entries[0].Id, "自己"))).Violations.Single().Key);
        await Assert.ThrowsAsync<FluentValidation.ValidationException>(() =>
            app.SendAsync(citizen, new FileObjectionCommand(scene.Contest.Id, scene.Entries[0].Id, "   ")));

        var fake = "MZ\x90\0 not a pdf at all"u8.ToArray();
        var refused = await app.SendAsync(citizen, new FileObjectionCommand(scene.Contest.Id, scene.Entries[0].Id, "附件是假的", "evidence.pdf", fake.Length, new MemoryStream(fake)));
        Assert.Equal("Evidence", refused.Violations.Single().Field);
        Assert.Equal(0, await app.DbAsync(db => db.Objections.CountAsync(o => o.EntryId == scene.Entries[0].Id)));

        Assert.True((await app.SendAsync(citizen, new FileObjectionCommand(scene.Contest.Id, scene.Entries[0].Id, "第一次", "证据.pdf", Pdf.Length, new MemoryStream(Pdf)))).IsOk);
        Assert.Equal("You have already objected to this entry.",
            (await app.SendAsync(citizen, new FileObjectionCommand(scene.Contest.Id, scene.Entries[0].Id, "第二次"))).Violations.Single().Key);

        // The evidence is the organizer's to read, not another organizer's, nor the entrant's.
        var id = await app.DbAsync(db => db.Objections.Where(o => o.EntryId == scene.Entries[0].Id).Select(o => o.Id).SingleAsync());
        var evidence = await app.SendAsync(scene.Organizer, new ReadObjectionEvidenceQuery(id));
        Assert.True(evidence.IsOk);
        using (var read = new MemoryStream()) { await evidence.Value.Content.CopyToAsync(read); Assert.Equal(Pdf, read.ToArray()); }
        Assert.Equal(("证据.pdf", "application/pdf"), (evidence.Value.FileName, evidence.Value.ContentType));
        var stranger = await app.CreateUserAsync(Roles.Organizer);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(stranger, new ReadObjectionEvidenceQuery(id))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(stranger, new ObjectionsPageQuery(scene.Contest.Id))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(stranger, new DecideObjectionCommand { ObjectionId = id, Uphold = true, Decision = "越权" })).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(stranger, new OpenNoticePeriodCommand(scene.Contest.Id))).Outcome);
        Assert.Equal(ObjectionState.Pending, await app.DbAsync(db => db.Objections.Where(o => o.Id == id).Select(o => o.State).SingleAsync()));
    }

    [Fact]
    public async Task The_notice_page_takes_objections_through_its_form_and_the_organizer_decides_through_hers()
    {
        var (scene, _) = await ProposedAsync();
        var organizer = Browserless.For(app);
        await organizer.SignInAsync(scene.Organizer.Email!, AppFactory.TestPassword);
        var opened = await organizer.PostFormAsync($"/manage/contests/{scene.Contest.Id}/awards", $"/manage/contests/{scene.Contest.Id}/notice/open", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);

        var visitor = Browserless.For(app);
        var board = await visitor.GetHtmlAsync($"/contests/{scene.Contest.Id}/notice");
        Assert.Contains("品牌故事第1篇", board);
        Assert.Contains("作者甲1号", board);
        Assert.DoesNotContain("品牌故事第5篇", board);
        Assert.DoesNotContain("objection-form", board); // signed out: a link to sign in instead

        var winner = Browserless.For(app);
        await winner.SignInAsync(scene.Entrants[0].Email!, AppFactory.TestPassword);
        var own = await winner.GetHtmlAsync($"/contests/{scene.Contest.Id}/notice");
        Assert.DoesNotContain($"/notice/entries/{scene.Entries[0].Id}/objections", own);
        Assert.Contains($"/notice/entries/{scene.Entries[1].Id}/objections", own);
        Assert.Contains("/notice\"", await visitor.GetHtmlAsync($"/contests/{scene.Contest.Id}"));

        var citizen = await app.CreateUserAsync(Roles.Entrant, realName: "王五");
        var browser = Browserless.For(app);
        await browser.SignInAsync(citizen.Email!, AppFactory.TestPassword);
        var page = await browser.GetHtmlAsync($"/contests/{scene.Contest.Id}/notice");
        var action = $"/contests/{scene.Contest.Id}/notice/entries/{scene.Entries[1].Id}/objections";
        Assert.Contains(action, page);

        // A forged post (no antiforgery token) is refused and records nothing.
        var forged = await browser.Client.PostAsync(action, new MultipartFormDataContent { { new StringContent("伪造"), "reason" } });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var form = new MultipartFormDataContent
        {
            { new StringContent(Browserless.AntiforgeryToken(page)), "__RequestVerificationToken" },
            { new StringContent("作品中的数据与公开资料不符"), "reason" },
            { new ByteArrayContent(Pdf), "evidence", "核查材料.pdf" },
        };
        var posted = await browser.Client.PostAsync(action, form);
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var after = await browser.GetHtmlAsync($"/contests/{scene.Contest.Id}/notice");
        Assert.Contains("my-objection", after);
        Assert.Contains("作品中的数据与公开资料不符", after);

        var list = await organizer.GetHtmlAsync($"/manage/contests/{scene.Contest.Id}/objections");
        Assert.Contains("作品中的数据与公开资料不符", list);
        Assert.Contains("核查材料.pdf", list);
        var id = await app.DbAsync(db => db.Objections.Where(o => o.ContestId == scene.Contest.Id).Select(o => o.Id).SingleAsync());
        var download = await organizer.Client.GetAsync($"/manage/objections/{id}/evidence");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.NotEqual(HttpStatusCode.OK, (await browser.Client.GetAsync($"/manage/objections/{id}/evidence")).StatusCode);

        // A decision without a reason goes back to the list with the message; nothing is decided.
        var listPage = $"/manage/contests/{scene.Contest.Id}/objections";
        var token = Browserless.AntiforgeryToken(list);
        using var empty = new HttpRequestMessage(HttpMethod.Post, $"/manage/objections/{id}/decide")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["Uphold"] = "false", ["Decision"] = " " }),
        };
        empty.Headers.Referrer = new Uri(organizer.Client.BaseAddress!, listPage);
        var refused = await organizer.Client.SendAsync(empty);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal(listPage, refused.Headers.Location?.OriginalString);
        Assert.Contains("page-error", await organizer.GetHtmlAsync(listPage));
        Assert.Equal(ObjectionState.Pending, await app.DbAsync(db => db.Objections.Where(o => o.Id == id).Select(o => o.State).SingleAsync()));

        var decided = await organizer.PostFormAsync(listPage, $"/manage/objections/{id}/decide",
            new Dictionary<string, string> { ["Uphold"] = "false", ["Decision"] = "数据来源经核实无误" });
        Assert.Equal(HttpStatusCode.Redirect, decided.StatusCode);
        Assert.Equal(ObjectionState.Dismissed, await app.DbAsync(db => db.Objections.Where(o => o.Id == id).Select(o => o.State).SingleAsync()));

        // The entrant concerned sees it on "My entries".
        var entrant = Browserless.For(app);
        await entrant.SignInAsync(scene.Entrants[1].Email!, AppFactory.TestPassword);
        var entries = await entrant.GetHtmlAsync("/entries");
        Assert.Contains("作品中的数据与公开资料不符", entries);
        Assert.Contains("数据来源经核实无误", entries);
        Assert.DoesNotContain("王五", entries);
    }
}
