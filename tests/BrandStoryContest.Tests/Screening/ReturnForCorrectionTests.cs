using System.Net;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Tests.Judging;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Contests;
using BrandStoryContest.Web.Features.Entries;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Features.Screening;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Screening;

/// <summary>The app delivering to a real SMTP catcher, on a clock the tests move past the contest's and the correction's deadlines.</summary>
public sealed class CorrectionApp : MailAppFactory
{
    public CorrectionApp() => Clock = new TestClock();
    public TestClock Time => Clock!;
}

public sealed class ReturnForCorrectionTests(CorrectionApp app) : IClassFixture<CorrectionApp>
{
    // Within the test contest's story limits (20–200 characters).
    private const string Story = "江城电器三十年如一日坚持质量第一，每一台产品都经过严格检验，这就是我们的品牌故事。";
    private const string CorrectedStory = "江城电器三十年如一日坚持质量第一，每一台产品都经过严格检验，附上修改后的原创承诺，这就是我们的品牌故事。";

    private async Task<(Contest Contest, Account Organizer, Account Entrant, Entry Entry)> SubmittedAsync()
    {
        // Each test starts at the real time, whatever the one before did to the clock.
        app.Time.Set(DateTimeOffset.UtcNow);
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var entrant = await app.CreateUserAsync(Roles.Entrant, realName: "林晓");
        var stories = contest.Categories.Single(c => c.Kind == CategoryKind.Story);
        var entry = await app.DbAsync(async db =>
        {
            var e = new Entry
            {
                ContestId = contest.Id, CategoryId = stories.Id, EntrantId = entrant.Id, State = EntryState.Submitted, QuotaSlot = 1,
                Number = $"{contest.Code}-S-0001", Title = "三十年的承诺", Body = Story, PledgedOriginality = true, DeclaredRights = true,
                CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow, SubmittedAt = DateTimeOffset.UtcNow,
            };
            db.Entries.Add(e);
            await db.SaveChangesAsync();
            return e;
        });
        return (contest, organizer, entrant, entry);
    }

    private static DateTime Local(DateTimeOffset at, Contest contest) => ContestTime.ToLocal(at, contest.TimeZoneId).DateTime;

    private Task<Entry> EntryAsync(int id) => app.DbAsync(db => db.Entries.AsNoTracking().SingleAsync(e => e.Id == id));

    private async Task<Result<SaveEntryResult>> ResubmitAsync(Account entrant, int entryId, string body) =>
        await app.SendAsync(entrant, new SaveEntryCommand
        {
            EntryId = entryId, Version = (await EntryAsync(entryId)).Version, Title = "三十年的承诺", Body = body,
            PledgedOriginality = true, DeclaredRights = true, ConsentsToPublication = true, Submit = true,
        });

    private static async Task<HttpResponseMessage> SaveFormAsync(Browserless web, int entryId, string body, bool submit)
    {
        var html = await web.GetHtmlAsync($"/entries/{entryId}/edit");
        var version = System.Text.RegularExpressions.Regex.Match(html, "name=\"Version\" value=\"(\\d+)\"").Groups[1].Value;
        return await web.Client.PostAsync($"/entries/{entryId}/edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Browserless.AntiforgeryToken(html), ["Version"] = version, ["Title"] = "三十年的承诺", ["Body"] = body,
            ["PledgedOriginality"] = "true", ["DeclaredRights"] = "true", ["ConsentsToPublication"] = "true", ["Submit"] = submit ? "true" : "false",
        }));
    }

    [Fact]
    public async Task A_returned_entry_is_mailed_and_can_be_corrected_and_resubmitted_after_the_contest_deadline_with_its_number()
    {
        var (contest, organizer, entrant, entry) = await SubmittedAsync();
        // Screening happens after the call closed.
        app.Time.Set(contest.SubmissionClosesAt.AddDays(1));
        var due = app.Time.GetUtcNow().AddDays(3);
        var returned = await app.SendAsync(organizer, new ReturnEntryCommand(entry.Id, "  缺少签字的原创承诺书，请补充。 ", Local(due, contest)));
        Assert.True(returned.IsOk);

        var mail = await app.Smtp.WaitForAsync(entrant.Email!);
        Assert.Contains(entry.Number!, mail.Subject);
        Assert.Contains("缺少签字的原创承诺书，请补充。", mail.TextBody);
        Assert.Contains(ContestTime.Format(due, contest.TimeZoneId), mail.TextBody);
        Assert.Contains($"{MailAppFactory.PublicUrl}/entries/{entry.Id}/edit", mail.TextBody);
        var stored = await EntryAsync(entry.Id);
        Assert.Equal(EntryState.Returned, stored.State);
        Assert.Equal("缺少签字的原创承诺书，请补充。", stored.ReturnReason);

        // The contest closed two days ago, yet the entrant may correct it, save it, and resubmit it.
        var web = Browserless.For(app);
        await web.SignInAsync(entrant.Email!, AppFactory.TestPassword);
        var edit = await web.GetHtmlAsync($"/entries/{entry.Id}/edit");
        Assert.Contains("returned-for-correction", edit);
        Assert.DoesNotContain("id=\"locked\"", edit);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveFormAsync(web, entry.Id, CorrectedStory[..30], submit: false)).StatusCode);
        Assert.Equal(EntryState.Returned, (await EntryAsync(entry.Id)).State);
        var resubmitted = await SaveFormAsync(web, entry.Id, CorrectedStory, submit: true);
        Assert.Equal(HttpStatusCode.Redirect, resubmitted.StatusCode);

        stored = await EntryAsync(entry.Id);
        Assert.Equal(EntryState.Submitted, stored.State);
        Assert.Equal(entry.Number, stored.Number);
        Assert.Equal(CorrectedStory, stored.Body);
        await SmtpCatcher.WaitUntilAsync(() => app.Smtp.To(entrant.Email!).Count == 2, TimeSpan.FromSeconds(30), "the resubmission receipt");
        var receipt = app.Smtp.To(entrant.Email!).Single(m => m.MessageId != mail.MessageId);
        Assert.Contains(entry.Number!, receipt.Subject);
        Assert.Contains("修改后", receipt.TextBody);

        // Once resubmitted it is an ordinary submitted entry again: the contest's deadline locks it.
        Assert.Contains("id=\"locked\"", await web.GetHtmlAsync($"/entries/{entry.Id}/edit"));

        var audit = await app.DbAsync(db => db.Audit.Where(a => a.EntityType == "Entry" && a.EntityId == entry.Id.ToString()).OrderBy(a => a.Id).ToListAsync());
        Assert.Collection(audit,
            a => { Assert.Equal("ReturnEntry", a.Action); Assert.Equal(organizer.Id, a.ActorId); Assert.Equal("Submitted", a.OldValue); Assert.Equal("缺少签字的原创承诺书，请补充。", a.Reason); },
            a => { Assert.Equal("ResubmitEntry", a.Action); Assert.Equal(entrant.Id, a.ActorId); Assert.Equal("Submitted", a.NewValue); });
    }

    [Fact]
    public async Task After_the_correction_deadline_the_entry_is_locked_stays_returned_and_the_dashboard_counts_it_overdue()
    {
        var (contest, organizer, entrant, entry) = await SubmittedAsync();
        var due = app.Time.GetUtcNow().AddHours(2);
        Assert.True((await app.SendAsync(organizer, new ReturnEntryCommand(entry.Id, "附件无法打开", Local(due, contest)))).IsOk);
        var dashboard = (await app.SendAsync(organizer, new ContestDashboardQuery(contest.Id))).Value;
        Assert.Equal(new ReturnedCounts(1, 0), dashboard.Returned);
        Assert.Equal(0, dashboard.Categories.Sum(c => c.Submitted));

        app.Time.Advance(TimeSpan.FromHours(3));
        var late = await ResubmitAsync(entrant, entry.Id, CorrectedStory);
        Assert.Equal(Outcome.Refused, late.Outcome);
        Assert.Contains("correction deadline passed", late.Violations.Single().Key);
        var stored = await EntryAsync(entry.Id);
        Assert.Equal(EntryState.Returned, stored.State);
        Assert.Equal(Story, stored.Body);
        Assert.Equal(new ReturnedCounts(1, 1), (await app.SendAsync(organizer, new ContestDashboardQuery(contest.Id))).Value.Returned);

        // The organizer sees it overdue on the screening list and the dashboard, and may return it again with a new deadline.
        var web = Browserless.For(app);
        await web.SignInAsync(organizer.Email!, AppFactory.TestPassword);
        Assert.Contains("correction-overdue", await web.GetHtmlAsync($"/screening/contests/{contest.Id}"));
        Assert.Contains("returned-figures", await web.GetHtmlAsync($"/manage/contests/{contest.Id}/dashboard"));
        Assert.True((await app.SendAsync(organizer, new ReturnEntryCommand(entry.Id, "附件无法打开", Local(app.Time.GetUtcNow().AddDays(1), contest)))).IsOk);
        Assert.True((await ResubmitAsync(entrant, entry.Id, CorrectedStory)).IsOk);
        Assert.Equal(new ReturnedCounts(0, 0), (await app.SendAsync(organizer, new ContestDashboardQuery(contest.Id))).Value.Returned);
    }

    [Fact]
    public async Task Returned_entries_are_neither_assigned_nor_ranked_until_resubmitted()
    {
        app.Time.Set(DateTimeOffset.UtcNow);
        var scene = await JudgingScenes.CreateAsync(app, judges: 1, entries: 3, judgesPerEntry: 1);
        var due = Local(app.Time.GetUtcNow().AddDays(2), scene.Contest);
        var early = scene.Entries[0];
        Assert.True((await app.SendAsync(scene.Organizer, new ReturnEntryCommand(early.Id, "标题含有作者单位", due))).IsOk);

        var assignments = await JudgingScenes.OpenAsync(app, scene);
        Assert.DoesNotContain(assignments, a => a.EntryId == early.Id);
        Assert.Equal(2, assignments.Count);
        foreach (var a in assignments) Assert.True((await JudgingScenes.ScoreAsync(app, scene.Judges[0], a, 8)).IsOk);

        var late = scene.Entries[1];
        Assert.True((await app.SendAsync(scene.Organizer, new ReturnEntryCommand(late.Id, "正文缺少品牌名称", due))).IsOk);
        var ranking = (await app.SendAsync(scene.Organizer, new RoundRankingQuery(scene.RoundId))).Value;
        Assert.Equal([scene.Entries[2].Id], ranking.Rows.Select(r => r.Ranked.EntryId));
        // The judge no longer reaches it either.
        Assert.DoesNotContain((await app.SendAsync(scene.Judges[0], new MyAssignmentsQuery())).Value!.SelectMany(g => g.Assignments), i => i.EntryId == late.Id);

        Assert.True((await ResubmitAsync(scene.Entrants[1], late.Id, CorrectedStory)).IsOk);
        ranking = (await app.SendAsync(scene.Organizer, new RoundRankingQuery(scene.RoundId))).Value;
        Assert.Contains(late.Id, ranking.Rows.Select(r => r.Ranked.EntryId));
    }

    [Fact]
    public async Task A_screener_returns_entries_of_their_contest_only_and_sees_no_scores_judges_or_entrants()
    {
        app.Time.Set(DateTimeOffset.UtcNow);
        var scene = await JudgingScenes.CreateAsync(app, judges: 1, entries: 2, judgesPerEntry: 1);
        await JudgingScenes.OpenAsync(app, scene);
        var screener = await app.CreateUserAsync(Roles.Entrant, realName: "初审甲");
        Assert.True((await app.SendAsync(scene.Organizer, new NameScreenerCommand(scene.Contest.Id, screener.Email!.ToUpperInvariant()))).IsOk);
        Assert.True(await app.DbAsync(db => db.Audit.AnyAsync(a => a.Action == "NameScreener" && a.EntityId == scene.Contest.Id.ToString() && a.NewValue == screener.Id)));
        Assert.Contains($"{MailAppFactory.PublicUrl}/screening/contests/{scene.Contest.Id}", (await app.Smtp.WaitForAsync(screener.Email!)).TextBody);

        var list = (await app.SendAsync(screener, new ScreeningPageQuery(scene.Contest.Id, new PageRequest()))).Value;
        Assert.Equal(2, list.Entries.Info.Total);
        Assert.False(list.CanManage);
        Assert.Empty(list.Screeners);
        var due = Local(app.Time.GetUtcNow().AddDays(2), scene.Contest);
        Assert.True((await app.SendAsync(screener, new ReturnEntryCommand(scene.Entries[0].Id, "缺少报名表", due))).IsOk);
        Assert.True(await app.DbAsync(db => db.Audit.AnyAsync(a => a.Action == "ReturnEntry" && a.ActorId == screener.Id)));

        // The organizer's pages, scores and rounds are out of reach: by policy over HTTP, and in the handlers too.
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(screener, new ContestDashboardQuery(scene.Contest.Id))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(screener, new ContestEntriesQuery(scene.Contest.Id, new EntryFilter(), new PageRequest()))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(screener, new RoundRankingQuery(scene.RoundId))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(screener, new JudgingSetupQuery(scene.Stories.Id))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(screener, new DisqualifyEntryCommand(scene.Entries[1].Id, "x"))).Outcome);
        var web = Browserless.For(app);
        await web.SignInAsync(screener.Email!, AppFactory.TestPassword);
        var page = await web.GetHtmlAsync($"/screening/contests/{scene.Contest.Id}");
        Assert.Contains(scene.Entries[1].Number!, page);
        Assert.DoesNotContain(scene.Entrants[0].RealName, page);
        Assert.DoesNotContain(scene.Judges[0].RealName, page);
        Assert.Contains(scene.Contest.TitleZh, await web.GetHtmlAsync("/screening"));
        foreach (var path in new[] { $"/manage/contests/{scene.Contest.Id}", $"/manage/rounds/{scene.RoundId}" })
        {
            var denied = await web.Client.GetAsync(path);
            Assert.True(denied.StatusCode == HttpStatusCode.Redirect && denied.Headers.Location!.ToString().Contains("/account/denied"), path);
        }

        // Another contest, even one with entries, is "not found" to this screener.
        var other = await SubmittedAsync();
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(screener, new ScreeningPageQuery(other.Contest.Id, new PageRequest()))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(screener, new ReturnEntryCommand(other.Entry.Id, "缺少报名表", due))).Outcome);
        Assert.Equal(HttpStatusCode.NotFound, (await web.Client.GetAsync($"/screening/contests/{other.Contest.Id}")).StatusCode);

        // Taken off the contest, they can return nothing more.
        Assert.True((await app.SendAsync(scene.Organizer, new RemoveScreenerCommand(scene.Contest.Id, screener.Id))).IsOk);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(screener, new ReturnEntryCommand(scene.Entries[1].Id, "缺少报名表", due))).Outcome);
        Assert.Equal(EntryState.Submitted, (await EntryAsync(scene.Entries[1].Id)).State);
    }

    [Fact]
    public async Task Another_organizer_gets_not_found_and_bad_input_is_refused_with_nothing_changed()
    {
        var (contest, organizer, entrant, entry) = await SubmittedAsync();
        var due = Local(app.Time.GetUtcNow().AddDays(2), contest);
        var stranger = await app.CreateUserAsync(Roles.Organizer);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(stranger, new ReturnEntryCommand(entry.Id, "缺少报名表", due))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(stranger, new ScreeningPageQuery(contest.Id, new PageRequest()))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(stranger, new NameScreenerCommand(contest.Id, stranger.Email!))).Outcome);
        var strangerWeb = Browserless.For(app);
        await strangerWeb.SignInAsync(stranger.Email!, AppFactory.TestPassword);
        var token = Browserless.AntiforgeryToken(await strangerWeb.GetHtmlAsync("/"));
        var forged = await strangerWeb.Client.PostAsync($"/screening/entries/{entry.Id}/return", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["reason"] = "缺少报名表", ["correctionDue"] = due.ToString("yyyy-MM-ddTHH:mm"),
        }));
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);

        await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(organizer, new ReturnEntryCommand(entry.Id, "  ", due)));
        await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(organizer, new ReturnEntryCommand(entry.Id, new string('长', 1001), due)));
        await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(organizer, new ReturnEntryCommand(entry.Id, "缺少报名表", null)));
        var past = await app.SendAsync(organizer, new ReturnEntryCommand(entry.Id, "缺少报名表", Local(app.Time.GetUtcNow().AddMinutes(-1), contest)));
        Assert.Equal(Outcome.Refused, past.Outcome);
        Assert.Equal("CorrectionDue", past.Violations.Single().Field);
        Assert.Equal(Outcome.Refused, (await app.SendAsync(organizer, new NameScreenerCommand(contest.Id, "nobody-here@test.local"))).Outcome);

        var web = Browserless.For(app);
        await web.SignInAsync(organizer.Email!, AppFactory.TestPassword);
        token = Browserless.AntiforgeryToken(await web.GetHtmlAsync($"/screening/contests/{contest.Id}"));
        foreach (var fields in new[]
        {
            new Dictionary<string, string> { ["correctionDue"] = due.ToString("yyyy-MM-ddTHH:mm") },
            new Dictionary<string, string> { ["reason"] = "缺少报名表", ["correctionDue"] = Local(app.Time.GetUtcNow().AddDays(-1), contest).ToString("yyyy-MM-ddTHH:mm") },
            new Dictionary<string, string> { ["reason"] = "缺少报名表", ["correctionDue"] = "not a date" },
            new Dictionary<string, string> { ["reason"] = "缺少报名表", ["correctionDue"] = "9999-12-31T23:59" },
            new Dictionary<string, string> { ["reason"] = new string('长', 1001), ["correctionDue"] = due.ToString("yyyy-MM-ddTHH:mm") },
        })
        {
            fields["__RequestVerificationToken"] = token;
            var response = await web.Client.PostAsync($"/screening/entries/{entry.Id}/return", new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        // A draft is the entrant's own business: it cannot be returned.
        var draft = await app.DbAsync(async db =>
        {
            var d = new Entry
            {
                ContestId = contest.Id, CategoryId = entry.CategoryId, EntrantId = entrant.Id, State = EntryState.Draft, QuotaSlot = 2,
                CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            };
            db.Entries.Add(d);
            await db.SaveChangesAsync();
            return d.Id;
        });
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(organizer, new ReturnEntryCommand(draft, "缺少报名表", due))).Outcome);

        Assert.Equal(EntryState.Submitted, (await EntryAsync(entry.Id)).State);
        Assert.False(await app.DbAsync(db => db.Audit.AnyAsync(a => a.EntityType == "Entry" && a.EntityId == entry.Id.ToString())));
        Assert.False(await app.DbAsync(db => db.Outbox.AnyAsync(m => m.To == entrant.Email)));
    }
}
