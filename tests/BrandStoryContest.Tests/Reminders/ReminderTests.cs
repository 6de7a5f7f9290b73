using System.Net;
using System.Text.RegularExpressions;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Tests.Judging;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Features.Awards;
using BrandStoryContest.Web.Features.Contests;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Features.Media;
using BrandStoryContest.Web.Features.Objections;
using BrandStoryContest.Web.Features.Reminders;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Reminders;

/// <summary>Reminders before deadlines, at most once per recipient, target and offset, on a clock the test moves.</summary>
public sealed partial class ReminderTests(ClockedApp app) : IClassFixture<ClockedApp>
{
    /// <summary>Each test starts at the real present (xunit makes one instance per test), whatever the last one left.</summary>
    private readonly DateTimeOffset start = Reset(app.Clock);

    private static DateTimeOffset Reset(TestClock clock)
    {
        clock.Set(DateTimeOffset.UtcNow);
        return clock.GetUtcNow();
    }

    private static async Task<int> PassAsync(AppFactory on) => (await on.SendAsync(null, new SendDueRemindersCommand())).Value;

    private Task<List<OutboxMessage>> MailToAsync(Account to, string kind) => MailToAsync(app, to, kind);

    private static Task<List<OutboxMessage>> MailToAsync(AppFactory on, Account to, string kind) =>
        on.DbAsync(db => db.Outbox.AsNoTracking().Where(m => m.RecipientId == to.Id && m.Kind == kind).OrderBy(m => m.Id).ToListAsync());

    private Task<(Contest Contest, DateTimeOffset Closes)> ContestClosingAsync(Account organizer, TimeSpan fromNow) =>
        ContestClosingAsync(app, organizer, fromNow);

    private static async Task<(Contest Contest, DateTimeOffset Closes)> ContestClosingAsync(ClockedApp on, Account organizer, TimeSpan fromNow)
    {
        var closes = on.Clock.GetUtcNow() + fromNow;
        var contest = await TestData.ContestAsync(on, organizer, c =>
        {
            c.SubmissionOpensAt = closes.AddDays(-30);
            c.SubmissionClosesAt = closes;
            c.ReminderHours = "72,24";
        });
        return (contest, closes);
    }

    private Task<Account> EntrantWithAsync(Contest contest, EntryState state, bool optedOut = false, string language = Languages.Chinese) =>
        EntrantWithAsync(app, contest, state, optedOut, language);

    private static async Task<Account> EntrantWithAsync(ClockedApp on, Contest contest, EntryState state, bool optedOut = false,
        string language = Languages.Chinese)
    {
        var entrant = await on.CreateUserAsync(Roles.Entrant);
        await on.DbAsync(async db =>
        {
            var account = await db.Users.SingleAsync(u => u.Id == entrant.Id);
            account.RemindersOptedOut = optedOut;
            account.PreferredLanguage = language;
            db.Entries.Add(new Entry
            {
                ContestId = contest.Id, CategoryId = contest.Categories[0].Id, EntrantId = entrant.Id, State = state, Title = "草稿里的品牌故事",
                Number = state == EntryState.Submitted ? $"{contest.Code}-S-{Random.Shared.Next(1000, 9999)}" : null,
                CreatedAt = on.Clock.GetUtcNow(), UpdatedAt = on.Clock.GetUtcNow(), SubmittedAt = state == EntryState.Submitted ? on.Clock.GetUtcNow() : null,
            });
            return await db.SaveChangesAsync();
        });
        return entrant;
    }

    [Fact]
    public async Task Draft_owners_are_reminded_once_at_each_offset_and_submitted_or_opted_out_entrants_not_at_all()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var (contest, closes) = await ContestClosingAsync(organizer, TimeSpan.FromHours(100));
        var drafter = await EntrantWithAsync(contest, EntryState.Draft, language: Languages.English);
        var submitted = await EntrantWithAsync(contest, EntryState.Submitted);
        var optedOut = await EntrantWithAsync(contest, EntryState.Draft, optedOut: true);

        // 100 h before: no offset is due yet.
        await PassAsync(app);
        Assert.Empty(await MailToAsync(drafter, "DraftReminder"));

        // 71 h before: the 72 h reminder, once however often the scheduler runs.
        app.Clock.Set(closes.AddHours(-71));
        await PassAsync(app);
        await PassAsync(app);
        var first = Assert.Single(await MailToAsync(drafter, "DraftReminder"));
        Assert.Equal(drafter.Email, first.To);
        Assert.Equal(contest.Id, first.ContestId);
        Assert.Equal(Languages.English, first.Language);
        Assert.Contains("72 hours", first.Text);
        Assert.Contains("/reminders/opt-out?token=", first.Text);

        // 23 h before: the 24 h reminder, once.
        app.Clock.Set(closes.AddHours(-23));
        await PassAsync(app);
        await PassAsync(app);
        var both = await MailToAsync(drafter, "DraftReminder");
        Assert.Equal(2, both.Count);
        Assert.Contains("24 hours", both[1].Text);

        // After the deadline nothing more.
        app.Clock.Set(closes.AddHours(1));
        await PassAsync(app);
        Assert.Equal(2, (await MailToAsync(drafter, "DraftReminder")).Count);

        Assert.Empty(await MailToAsync(submitted, "DraftReminder"));
        Assert.Empty(await MailToAsync(optedOut, "DraftReminder"));
        var claims = await app.DbAsync(db => db.RemindersSent.Where(r => r.TargetId == contest.Id).Select(r => new { r.RecipientId, r.OffsetHours }).ToListAsync());
        Assert.Equal([(drafter.Id, 24), (drafter.Id, 72)], claims.Select(c => (c.RecipientId, c.OffsetHours)).Order().ToList());
    }

    [Fact]
    public async Task Judges_with_unscored_assignments_are_reminded_before_judging_ends_and_never_told_whose_entries()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 2, entries: 2, judgesPerEntry: 1);
        await app.SendAsync(scene.Organizer, new AssignJudgesCommand(scene.RoundId));
        await app.SendAsync(scene.Organizer, new ChangeRoundStateCommand(scene.RoundId, RoundState.Open));
        var assignments = await JudgingScenes.AssignmentsAsync(app, scene.RoundId);
        var done = scene.Judges.First(j => assignments.Any(a => a.JudgeId == j.Id));
        var waiting = scene.Judges.First(j => j.Id != done.Id);
        foreach (var a in assignments.Where(a => a.JudgeId == done.Id)) Assert.True((await JudgingScenes.ScoreAsync(app, done, a, 8)).IsOk);
        // Whatever the draw gave the other judge, it is unscored.
        await app.DbAsync(async db =>
        {
            if (!await db.Assignments.AnyAsync(a => a.RoundId == scene.RoundId && a.JudgeId == waiting.Id))
                db.Assignments.Add(new Assignment { RoundId = scene.RoundId, EntryId = scene.Entries[0].Id, JudgeId = waiting.Id, IsManual = true, CreatedAt = app.Clock.GetUtcNow() });
            var c = await db.Contests.SingleAsync(x => x.Id == scene.Contest.Id);
            c.JudgingEndsAt = start.AddHours(50);
            return await db.SaveChangesAsync();
        });
        var ends = app.Clock.GetUtcNow().AddHours(50);

        // 50 h before the end the 72 h mark has passed: that reminder goes (late, once).
        await PassAsync(app);
        await PassAsync(app);
        var first = Assert.Single(await MailToAsync(waiting, "JudgingReminder"));
        app.Clock.Set(ends.AddHours(-23));
        await PassAsync(app);
        await PassAsync(app);
        var mails = await MailToAsync(waiting, "JudgingReminder");
        Assert.Equal(2, mails.Count);
        Assert.Empty(await MailToAsync(done, "JudgingReminder"));
        foreach (var m in mails)
        {
            Assert.Contains("/judging", m.Text);
            foreach (var e in scene.Entries) Assert.DoesNotContain(e.Title, m.Text + m.Html);
            foreach (var entrant in scene.Entrants) Assert.DoesNotContain(entrant.RealName, m.Text + m.Html);
        }
    }

    [Fact]
    public async Task Two_instances_on_one_database_running_the_same_pass_at_once_send_each_reminder_once()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var (contest, closes) = await ContestClosingAsync(organizer, TimeSpan.FromHours(100));
        var drafters = new List<Account>();
        for (var i = 0; i < 8; i++) drafters.Add(await EntrantWithAsync(contest, EntryState.Draft));
        // The same database: this fixture's SQLite file, or its PostgreSQL database in an all-on-PostgreSQL run.
        var shared = AppFactory.AllOnPostgres && app.PostgresDatabase is { } pg ? Postgres.Settings(pg) : new Dictionary<string, string?>();
        shared["Media:WorkerEnabled"] = "false";
        await using var second = new ClockedApp
        {
            DataFolder = app.DataFolder, Clock = app.Clock, DeleteDataOnDispose = false, ContainerName = app.ContainerName, QueueName = app.QueueName, Overrides = shared,
        };
        _ = second.Services;

        app.Clock.Set(closes.AddHours(-71));
        for (var round = 0; round < 3; round++)
            await Task.WhenAll(PassAsync(app), PassAsync(second), PassAsync(app), PassAsync(second));
        foreach (var d in drafters) Assert.Single(await MailToAsync(d, "DraftReminder"));

        // The claim itself refuses a second row for the same reminder.
        var claim = await app.DbAsync(db => db.RemindersSent.AsNoTracking().FirstAsync(r => r.RecipientId == drafters[0].Id));
        var duplicate = await Assert.ThrowsAsync<DbUpdateException>(() => app.DbAsync(db =>
        {
            db.RemindersSent.Add(new ReminderSent { Kind = claim.Kind, RecipientId = claim.RecipientId, TargetId = claim.TargetId, OffsetHours = claim.OffsetHours, SentAt = start });
            return db.SaveChangesAsync();
        }));
        Assert.True(DatabaseSetup.IsUniqueViolation(duplicate));
    }

    /// <summary>On PostgreSQL writers are not serialized: the unique claim alone keeps two instances from both sending.</summary>
    [PostgresFact]
    public async Task Two_instances_on_one_postgresql_database_send_each_reminder_once()
    {
        var database = await Postgres.CreateDatabaseAsync();
        try
        {
            var settings = Postgres.Settings(database);
            await using var first = new ClockedApp { Clock = app.Clock, Overrides = new(settings) };
            await using var second = new ClockedApp
            {
                Clock = app.Clock, ContainerName = first.ContainerName, QueueName = first.QueueName,
                Overrides = new(settings) { ["Media:WorkerEnabled"] = "false" },
            };
            var organizer = await first.CreateUserAsync(Roles.Organizer);
            var (contest, closes) = await ContestClosingAsync(first, organizer, TimeSpan.FromHours(100));
            var drafters = new List<Account>();
            for (var i = 0; i < 8; i++) drafters.Add(await EntrantWithAsync(first, contest, EntryState.Draft));
            _ = second.Services;

            app.Clock.Set(closes.AddHours(-71));
            for (var round = 0; round < 3; round++)
                await Task.WhenAll(PassAsync(first), PassAsync(second), PassAsync(first), PassAsync(second));
            foreach (var d in drafters) Assert.Single(await MailToAsync(second, d, "DraftReminder"));
        }
        finally
        {
            await Postgres.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task The_opt_out_link_in_a_reminder_shows_a_confirm_page_and_the_post_stops_reminders_but_not_transactional_mail()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var (contest, closes) = await ContestClosingAsync(organizer, TimeSpan.FromHours(100));
        var drafter = await EntrantWithAsync(contest, EntryState.Draft);
        app.Clock.Set(closes.AddHours(-71));
        await PassAsync(app);
        var reminder = Assert.Single(await MailToAsync(drafter, "DraftReminder"));
        var link = new Uri(OptOutLink().Match(reminder.Text).Value);
        Assert.Contains($"href=\"{WebUtility.HtmlEncode(link.ToString())}\"", reminder.Html);

        var web = Browserless.For(app);
        var page = await web.GetHtmlAsync(link.PathAndQuery);
        Assert.Contains("id=\"opt-out\"", page);
        Assert.False(await OptedOutAsync(drafter), "opening the link must change nothing");

        var token = System.Web.HttpUtility.ParseQueryString(link.Query)["token"]!;
        var posted = await web.PostFormAsync(link.PathAndQuery, "/reminders/opt-out", new Dictionary<string, string> { ["token"] = token });
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains("id=\"opted-out\"", await posted.Content.ReadAsStringAsync());
        Assert.True(await OptedOutAsync(drafter));

        // No 24 h reminder now …
        app.Clock.Set(closes.AddHours(-23));
        await PassAsync(app);
        Assert.Single(await MailToAsync(drafter, "DraftReminder"));
        // … but transactional mail still comes (a disqualification notice about the entrant's own entry).
        var entry = await app.DbAsync(async db =>
        {
            var e = await db.Entries.SingleAsync(x => x.EntrantId == drafter.Id);
            e.State = EntryState.Submitted; e.Number = $"{contest.Code}-S-0999"; e.SubmittedAt = app.Clock.GetUtcNow();
            await db.SaveChangesAsync();
            return e;
        });
        Assert.True((await app.SendAsync(organizer, new DisqualifyEntryCommand(entry.Id, "抄袭"))).IsOk);
        Assert.Contains(await app.DbAsync(db => db.Outbox.Where(m => m.To == drafter.Email).Select(m => m.Subject).ToListAsync()), s => s.Contains(entry.Number!));

        // A forged or truncated token opts nobody out, and says so.
        var forged = await web.Client.PostAsync("/reminders/opt-out", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token[..^4] + "AAAA", ["__RequestVerificationToken"] = Browserless.AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task The_profile_checkbox_switches_reminders_off_and_on()
    {
        var entrant = await app.CreateUserAsync(Roles.Entrant);
        var web = Browserless.For(app);
        await web.SignInAsync(entrant.Email!, AppFactory.TestPassword);
        var fields = new Dictionary<string, string> { ["RealName"] = entrant.RealName, ["PreferredLanguage"] = Languages.Chinese, ["ReceiveReminders"] = "false" };
        Assert.Equal(HttpStatusCode.Redirect, (await web.PostFormAsync("/account/profile", "/account/profile", fields)).StatusCode);
        Assert.True(await OptedOutAsync(entrant));
        Assert.DoesNotContain("checked", CheckboxOf(await web.GetHtmlAsync("/account/profile")));
        fields["ReceiveReminders"] = "true";
        Assert.Equal(HttpStatusCode.Redirect, (await web.PostFormAsync("/account/profile", "/account/profile", fields)).StatusCode);
        Assert.False(await OptedOutAsync(entrant));
    }

    [Fact]
    public async Task A_rejected_film_tells_the_organizer_once_and_an_opted_out_organizer_not_at_all()
    {
        foreach (var optedOut in new[] { false, true })
        {
            var organizer = await app.CreateUserAsync(Roles.Organizer);
            await app.DbAsync(async db => { (await db.Users.SingleAsync(u => u.Id == organizer.Id)).RemindersOptedOut = optedOut; return await db.SaveChangesAsync(); });
            var contest = await TestData.ContestAsync(app, organizer);
            var entrant = await app.CreateUserAsync(Roles.Entrant);
            // The uploaded blob is not in storage: the check rejects the film.
            var blob = $"films/{Guid.NewGuid():N}/film.mp4";
            var entry = await app.DbAsync(async db =>
            {
                var e = new Entry
                {
                    ContestId = contest.Id, CategoryId = contest.Categories.Single(c => c.Kind == CategoryKind.Film).Id, EntrantId = entrant.Id,
                    State = EntryState.Draft, Title = "丢失的影片", FilmStatus = FilmStatus.Processing, FilmBlob = blob, FilmFileName = "film.mp4",
                    CreatedAt = app.Clock.GetUtcNow(), UpdatedAt = app.Clock.GetUtcNow(),
                };
                db.Entries.Add(e);
                await db.SaveChangesAsync();
                return e;
            });
            Assert.Equal(ProcessFilmOutcome.Rejected, (await app.SendAsync(null, new ProcessFilmCommand(entry.Id, blob))).Value);
            Assert.Equal(ProcessFilmOutcome.Stale, (await app.SendAsync(null, new ProcessFilmCommand(entry.Id, blob))).Value);
            var mails = await MailToAsync(organizer, "FilmRejected");
            if (optedOut) Assert.Empty(mails);
            else Assert.Contains("丢失的影片", Assert.Single(mails).Text);
        }
    }

    [Fact]
    public async Task Reminder_hours_on_the_contest_form_are_validated_and_saved_in_order()
    {
        Assert.Equal([72, 24], ReminderHours.Parse("24, 72，24"));
        Assert.Equal([], ReminderHours.Parse(" "));
        Assert.Null(ReminderHours.Parse("72, soon"));
        Assert.Null(ReminderHours.Parse("0"));
        Assert.Null(ReminderHours.Parse("1,2,3,4,5,6,7"));
        Assert.Equal(24, ReminderHours.Due(DateTimeOffset.UnixEpoch.AddHours(100), [72, 24], DateTimeOffset.UnixEpoch.AddHours(90)));

        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var web = Browserless.For(app);
        await web.SignInAsync(organizer.Email!, AppFactory.TestPassword);
        var form = (await app.SendAsync(organizer, new EditContestQuery(contest.Id))).Value;
        var fields = new Dictionary<string, string>
        {
            ["Id"] = contest.Id.ToString(), ["Code"] = form.Code, ["TitleZh"] = form.TitleZh, ["OrganizerName"] = form.OrganizerName, ["TimeZoneId"] = form.TimeZoneId,
            ["SubmissionOpensAt"] = form.SubmissionOpensAt.ToString("yyyy-MM-ddTHH:mm"), ["SubmissionClosesAt"] = form.SubmissionClosesAt.ToString("yyyy-MM-ddTHH:mm"),
            ["IsPublic"] = "true", ["ReminderHours"] = "48, every day",
        };
        var refused = await web.PostFormAsync($"/manage/contests/{contest.Id}/edit", "/manage/contests/save", fields);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("48, every day", await refused.Content.ReadAsStringAsync());
        fields["ReminderHours"] = "12, 48";
        Assert.Equal(HttpStatusCode.Redirect, (await web.PostFormAsync($"/manage/contests/{contest.Id}/edit", "/manage/contests/save", fields)).StatusCode);
        Assert.Equal("48,12", await app.DbAsync(db => db.Contests.Where(c => c.Id == contest.Id).Select(c => c.ReminderHours).SingleAsync()));
    }

    [Fact]
    public async Task An_objection_tells_the_organizer_once_in_the_same_save_and_never_who_filed_it()
    {
        var scene = await JudgingScenes.ProposedAsync(app, 9, 8);
        Assert.True((await app.SendAsync(scene.Organizer, new OpenNoticePeriodCommand(scene.Contest.Id))).IsOk);
        var citizen = await app.CreateUserAsync(Roles.Entrant, realName: "市民王五");

        Assert.True((await app.SendAsync(citizen, new FileObjectionCommand(scene.Contest.Id, scene.Entries[0].Id, "署名单位不符"))).IsOk);
        Assert.Equal(Outcome.Refused, (await app.SendAsync(citizen, new FileObjectionCommand(scene.Contest.Id, scene.Entries[0].Id, "再说一次"))).Outcome);

        var notice = Assert.Single(await MailToAsync(scene.Organizer, "NewObjection"));
        Assert.Contains("署名单位不符", notice.Text);
        Assert.Contains($"/manage/contests/{scene.Contest.Id}/objections", notice.Text);
        Assert.Contains("/reminders/opt-out?token=", notice.Text);
        Assert.DoesNotContain("市民王五", notice.Text + notice.Html);
        Assert.DoesNotContain(citizen.Email!, notice.Text + notice.Html);
    }

    private Task<bool> OptedOutAsync(Account a) => app.DbAsync(db => db.Users.Where(u => u.Id == a.Id).Select(u => u.RemindersOptedOut).SingleAsync());

    private static string CheckboxOf(string html) => CheckboxPattern().Match(html).Value;

    [GeneratedRegex(@"https?://[^\s]+/reminders/opt-out\?token=[^\s]+")]
    private static partial Regex OptOutLink();

    [GeneratedRegex("<input[^>]*name=\"ReceiveReminders\"[^>]*type=\"checkbox\"[^>]*>|<input[^>]*type=\"checkbox\"[^>]*name=\"ReceiveReminders\"[^>]*>")]
    private static partial Regex CheckboxPattern();
}
