using System.Net;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Tests.Judging;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Features.Awards;
using BrandStoryContest.Web.Features.Broadcasts;
using BrandStoryContest.Web.Features.Objections;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Reminders;

/// <summary>Broadcasts at most two a minute, so the throttle shows with a handful of recipients.</summary>
public sealed class BroadcastApp : ClockedApp
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Broadcasts:PerMinute"] = "2" };
}

/// <summary>An organizer writes to one audience of her contest: preview and count, one row per recipient, throttled, audited.</summary>
public sealed class BroadcastTests(BroadcastApp app) : IClassFixture<BroadcastApp>
{
    private readonly DateTimeOffset now = Reset(app.Clock);

    private static DateTimeOffset Reset(TestClock clock)
    {
        clock.Set(DateTimeOffset.UtcNow);
        return clock.GetUtcNow();
    }

    private async Task<Account> EntrantAsync(Contest contest, EntryState state, string language = Languages.Chinese, bool optedOut = false)
    {
        var entrant = await app.CreateUserAsync(Roles.Entrant);
        await app.DbAsync(async db =>
        {
            var account = await db.Users.SingleAsync(u => u.Id == entrant.Id);
            account.PreferredLanguage = language;
            account.RemindersOptedOut = optedOut;
            db.Entries.Add(new Entry
            {
                ContestId = contest.Id, CategoryId = contest.Categories[0].Id, EntrantId = entrant.Id, State = state, Title = "故事",
                CreatedAt = now, UpdatedAt = now, SubmittedAt = state == EntryState.Submitted ? now : null,
            });
            return await db.SaveChangesAsync();
        });
        return entrant;
    }

    private Task<List<OutboxMessage>> BroadcastRowsAsync(int contestId) =>
        app.DbAsync(db => db.Outbox.AsNoTracking().Where(m => m.ContestId == contestId && m.Kind == "Broadcast").OrderBy(m => m.Id).ToListAsync());

    private const string Body = "请于 **12 月 10 日** 前补交授权书。\n\n<script>alert(1)</script> [说明](https://example.org/rules)";

    [Fact]
    public async Task The_preview_counts_who_it_reaches_and_the_send_queues_exactly_those_rows_in_each_recipients_language()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var zh = await EntrantAsync(contest, EntryState.Submitted);
        var en = await EntrantAsync(contest, EntryState.Submitted, Languages.English);
        var optedOut = await EntrantAsync(contest, EntryState.Submitted, optedOut: true);
        var drafter = await EntrantAsync(contest, EntryState.Draft);
        // An entry returned for correction was submitted and is being corrected: its entrant is still an entrant.
        var returned = await EntrantAsync(contest, EntryState.Returned);

        var preview = (await app.SendAsync(organizer, new PreviewBroadcastQuery(contest.Id, BroadcastAudience.Entrants, "补交材料", Body))).Value;
        Assert.NotNull(preview.Preview);
        Assert.Equal((3, 1), (preview.Preview.Recipients, preview.Preview.OptedOut));
        Assert.Null(preview.Preview.Refusal);
        Assert.Contains("<strong>12 月 10 日</strong>", preview.Preview.Html);
        Assert.DoesNotContain("<script", preview.Preview.Html);

        var sent = await app.SendAsync(organizer, new SendBroadcastCommand(contest.Id, BroadcastAudience.Entrants, "补交材料", Body, preview.Preview.Recipients));
        Assert.True(sent.IsOk);
        Assert.Equal(3, sent.Value);
        var rows = await BroadcastRowsAsync(contest.Id);
        Assert.Equal(preview.Preview.Recipients, rows.Count);
        Assert.Equal(new[] { en.Id, zh.Id, returned.Id }.Order(), rows.Select(r => r.RecipientId!).Order());
        Assert.DoesNotContain(rows, r => r.RecipientId == optedOut.Id || r.RecipientId == drafter.Id);
        var enRow = rows.Single(r => r.RecipientId == en.Id);
        var zhRow = rows.Single(r => r.RecipientId == zh.Id);
        // The frame is the recipient's language; the organizer's text is as written in both.
        Assert.Equal("补交材料", enRow.Subject);
        Assert.Contains("A message from the organizer", enRow.Text);
        Assert.Contains("主办方发送的消息", zhRow.Text);
        foreach (var r in rows)
        {
            Assert.Contains("请于 **12 月 10 日** 前补交授权书。", r.Text);
            Assert.Contains("<strong>12 月 10 日</strong>", r.Html);
            Assert.Contains("href=\"https://example.org/rules\"", r.Html);
            Assert.DoesNotContain("<script", r.Html);
            Assert.Contains("/reminders/opt-out?token=", r.Text);
        }
        var audit = await app.DbAsync(db => db.Audit.Where(a => a.Action == "Broadcast" && a.EntityId == contest.Id.ToString()).ToListAsync());
        Assert.Equal("Entrants: 3", Assert.Single(audit).NewValue);
        Assert.Equal(organizer.Id, audit[0].ActorId);
    }

    [Fact]
    public async Task Sending_is_throttled_to_the_setting_per_minute_even_across_two_broadcasts()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        for (var i = 0; i < 5; i++) await EntrantAsync(contest, EntryState.Draft);

        Assert.Equal(5, (await app.SendAsync(organizer, new SendBroadcastCommand(contest.Id, BroadcastAudience.Drafts, "别忘了提交", "草稿还没提交。", 5))).Value);
        Assert.Equal(5, (await app.SendAsync(organizer, new SendBroadcastCommand(contest.Id, BroadcastAudience.Drafts, "再提醒一次", "真的快截止了。", 5))).Value);
        var rows = await BroadcastRowsAsync(contest.Id);
        Assert.Equal(10, rows.Count);
        // The dispatcher takes a row once its NextAttemptAt has come: no minute has more than two becoming due.
        var perMinute = rows.GroupBy(r => (int)Math.Floor((r.NextAttemptAt - now).TotalMinutes)).ToDictionary(g => g.Key, g => g.Count());
        Assert.All(perMinute.Values, n => Assert.True(n <= 2, $"{n} in one minute"));
        Assert.Equal(2, rows.Count(r => r.NextAttemptAt <= now));
        Assert.True(rows.Max(r => r.NextAttemptAt) >= now.AddMinutes(4));
        // The second broadcast waits behind the first.
        Assert.True(rows.Where(r => r.Subject == "再提醒一次").Min(r => r.NextAttemptAt) > rows.Where(r => r.Subject == "别忘了提交").Max(r => r.NextAttemptAt));
    }

    [Fact]
    public async Task Another_organizer_can_neither_preview_nor_send_to_someone_elses_contest()
    {
        var owner = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, owner);
        await EntrantAsync(contest, EntryState.Submitted);
        var other = await app.CreateUserAsync(Roles.Organizer);
        await TestData.ContestAsync(app, other);

        Assert.Equal(Outcome.NotFound, (await app.SendAsync(other, new PreviewBroadcastQuery(contest.Id, BroadcastAudience.Entrants, "你好", "内容"))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(other, new SendBroadcastCommand(contest.Id, BroadcastAudience.Entrants, "你好", "内容", 1))).Outcome);

        var web = Browserless.For(app);
        await web.SignInAsync(other.Email!, AppFactory.TestPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await web.Client.GetAsync($"/manage/contests/{contest.Id}/broadcast")).StatusCode);
        var fields = new Dictionary<string, string> { ["Audience"] = "Entrants", ["Subject"] = "你好", ["Body"] = "内容", ["ExpectedCount"] = "1" };
        Assert.Equal(HttpStatusCode.NotFound, (await web.PostFormAsync("/account/profile", $"/manage/contests/{contest.Id}/broadcast/send", fields)).StatusCode);
        Assert.Empty(await BroadcastRowsAsync(contest.Id));
    }

    [Fact]
    public async Task The_owner_previews_and_sends_through_the_page_and_a_changed_audience_or_unannounced_winners_are_refused()
    {
        var owner = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, owner);
        await EntrantAsync(contest, EntryState.Submitted);
        var web = Browserless.For(app);
        await web.SignInAsync(owner.Email!, AppFactory.TestPassword);
        var page = $"/manage/contests/{contest.Id}/broadcast";
        var fields = new Dictionary<string, string> { ["Audience"] = "Entrants", ["Subject"] = "通知", ["Body"] = "颁奖典礼定于 **周五**。" };

        var empty = await web.PostFormAsync(page, page + "/preview", new Dictionary<string, string>(fields) { ["Subject"] = " " });
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("颁奖典礼定于", await empty.Content.ReadAsStringAsync());

        var preview = await web.PostFormAsync(page, page + "/preview", fields);
        var html = await preview.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, preview.StatusCode);
        Assert.Contains("data-count=\"1\"", html);
        Assert.Contains("id=\"send\"", html);

        // Someone submits between preview and send: the send refuses, queues nothing, and shows the new count.
        await EntrantAsync(contest, EntryState.Submitted);
        var stale = await web.PostFormAsync(page, page + "/send", new Dictionary<string, string>(fields) { ["ExpectedCount"] = "1" });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("data-count=\"2\"", await stale.Content.ReadAsStringAsync());
        Assert.Empty(await BroadcastRowsAsync(contest.Id));

        var sent = await web.PostFormAsync(page, page + "/send", new Dictionary<string, string>(fields) { ["ExpectedCount"] = "2" });
        Assert.Equal(HttpStatusCode.Redirect, sent.StatusCode);
        Assert.Equal(2, (await BroadcastRowsAsync(contest.Id)).Count);

        // Awards not yet on notice: "winners" would announce them early.
        var winners = await app.SendAsync(owner, new SendBroadcastCommand(contest.Id, BroadcastAudience.Winners, "恭喜", "恭喜获奖", 0));
        Assert.Equal("Winners can be written to once the awards are on the notice board or published.", winners.Violations.Single().Key);
    }

    [Fact]
    public async Task Winners_are_an_audience_only_once_the_awards_are_on_public_notice()
    {
        var scene = await JudgingScenes.ProposedAsync(app, 9, 8);
        var early = await app.SendAsync(scene.Organizer, new PreviewBroadcastQuery(scene.Contest.Id, BroadcastAudience.Winners, "恭喜", "恭喜获奖"));
        Assert.Equal((0, "Winners can be written to once the awards are on the notice board or published."), (early.Value.Preview!.Recipients, early.Value.Preview.Refusal?.Key));

        Assert.True((await app.SendAsync(scene.Organizer, new OpenNoticePeriodCommand(scene.Contest.Id))).IsOk);
        var preview = await app.SendAsync(scene.Organizer, new PreviewBroadcastQuery(scene.Contest.Id, BroadcastAudience.Winners, "恭喜", "恭喜获奖"));
        Assert.Equal(1, preview.Value.Preview!.Recipients);
        Assert.Equal(1, (await app.SendAsync(scene.Organizer, new SendBroadcastCommand(scene.Contest.Id, BroadcastAudience.Winners, "恭喜", "恭喜获奖", 1))).Value);
        // The 9-point story (the first entrant's) is the one proposed winner.
        Assert.Equal(scene.Entrants[0].Id, Assert.Single(await BroadcastRowsAsync(scene.Contest.Id)).RecipientId);
        // The jury pool is an audience too: the one judge.
        Assert.Equal(1, (await app.SendAsync(scene.Organizer, new PreviewBroadcastQuery(scene.Contest.Id, BroadcastAudience.Judges, "感谢", "感谢评审"))).Value.Preview!.Recipients);
    }
}
