using System.Net;
using System.Text.RegularExpressions;
using BrandStoryContest.EndToEnd.Infrastructure;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Tests.ScaleOut;
using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace BrandStoryContest.Tests.Reliability;

/// <summary>
/// A client that never heard back from a submit sends it again, the very same form (docs/reliability.md,
/// "Submits are idempotent"). Whether the first try went through or is still on its way, the entrant ends with one
/// submitted entry, one number and one receipt mail, and the retry answers that receipt.
/// </summary>
public sealed class IdempotentSubmitTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string Story = "江城电器三十年如一日坚持质量第一，每一台产品都经过严格检验，这就是我们的品牌故事。";

    [Fact]
    public async Task A_submit_sent_again_answers_the_same_receipt_and_mails_once()
    {
        var (contest, writer, web, id) = await DraftAsync();
        var submit = await SubmitFormAsync(web, id, "重发的提交");

        var first = await web.Client.PostAsync($"/entries/{id}/edit", new FormUrlEncodedContent(submit));
        var retry = await web.Client.PostAsync($"/entries/{id}/edit", new FormUrlEncodedContent(submit));

        Assert.Equal((HttpStatusCode.Redirect, $"/entries/{id}"), (first.StatusCode, first.Headers.Location?.ToString()));
        Assert.Equal((HttpStatusCode.Redirect, $"/entries/{id}"), (retry.StatusCode, retry.Headers.Location?.ToString()));
        var entry = await app.DbAsync(db => db.Entries.SingleAsync(e => e.Id == id));
        Assert.Equal((EntryState.Submitted, $"{contest.Code}-S-0001", int.Parse(submit["Version"]) + 1), (entry.State, entry.Number, entry.Version));
        Assert.Equal(1, await app.DbAsync(db => db.Outbox.CountAsync(m => m.To == writer.Email && m.Kind == "Receipt")));
        Assert.Contains($"{contest.Code}-S-0001", await web.GetHtmlAsync($"/entries/{id}"));
    }

    [Fact]
    public async Task The_same_submit_sent_twice_at_once_gives_one_number_and_one_receipt()
    {
        var (contest, writer, web, id) = await DraftAsync();
        var submit = await SubmitFormAsync(web, id, "双击提交");

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => web.Client.PostAsync($"/entries/{id}/edit", new FormUrlEncodedContent(submit))));

        Assert.All(answers, a => Assert.Equal((HttpStatusCode.Redirect, $"/entries/{id}"), (a.StatusCode, a.Headers.Location?.ToString())));
        Assert.Equal($"{contest.Code}-S-0001", await app.DbAsync(db => db.Entries.Where(e => e.Id == id).Select(e => e.Number).SingleAsync()));
        Assert.Equal(1, await app.DbAsync(db => db.Outbox.CountAsync(m => m.To == writer.Email && m.Kind == "Receipt")));
    }

    [Fact]
    public async Task A_different_form_from_the_old_version_is_still_refused_as_another_tabs()
    {
        var (_, _, web, id) = await DraftAsync();
        var submit = await SubmitFormAsync(web, id, "第一个标签页");
        Assert.Equal(HttpStatusCode.Redirect, (await web.Client.PostAsync($"/entries/{id}/edit", new FormUrlEncodedContent(submit))).StatusCode);

        var otherTab = new Dictionary<string, string>(submit) { ["Title"] = "第二个标签页" };
        var refused = await web.Client.PostAsync($"/entries/{id}/edit", new FormUrlEncodedContent(otherTab));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("已在另一个标签页或窗口中修改", await refused.Content.ReadAsStringAsync());
        Assert.Equal("第一个标签页", await app.DbAsync(db => db.Entries.Where(e => e.Id == id).Select(e => e.Title).SingleAsync()));
    }

    [Fact]
    public Task Many_entrants_submitting_at_once_in_one_category_all_get_distinct_numbers() => ManySubmitAtOnceAsync(app, 24);

    [PostgresFact]
    public async Task Many_entrants_submitting_at_once_on_postgres_all_get_distinct_numbers()
    {
        // On PostgreSQL the readers of "highest number + 1" do not wait for each other: only the advisory lock orders them.
        var database = await Postgres.CreateDatabaseAsync();
        try
        {
            await using var onPostgres = new AppFactory { Overrides = PostgresSliceTests.WorkersOff(Postgres.Settings(database)) };
            await ManySubmitAtOnceAsync(onPostgres, 60);
        }
        finally { await Postgres.DropDatabaseAsync(database); }
    }

    [PostgresFact]
    public async Task On_postgres_a_submit_has_written_its_entry_before_it_waits_for_the_category_number()
    {
        // Every submit of the surge queues on its category's numbering lock, so whatever runs under it is the submit's
        // p99: the entry's own write and the data versions' checks come first, only the number waits for the lock.
        var database = await Postgres.CreateDatabaseAsync();
        try
        {
            await using var onPostgres = new AppFactory { Overrides = PostgresSliceTests.WorkersOff(Postgres.Settings(database)) };
            var organizer = await onPostgres.CreateUserAsync(Roles.Organizer);
            var contest = await TestData.ContestAsync(onPostgres, organizer);
            var category = contest.Categories.Single(x => x.Kind == CategoryKind.Story).Id;
            var writer = await onPostgres.CreateUserAsync(Roles.Entrant, realName: "排队的作者");
            var web = Browserless.For(onPostgres);
            await web.SignInAsync(writer.Email!, AppFactory.TestPassword);
            var id = await StartAsync(web, contest);
            var form = await SubmitFormAsync(web, id, "等一个号");

            // Another instance holding the category's numbering (EntryNumbering's advisory key, "BSCN").
            await using var other = new NpgsqlConnection(database);
            await other.OpenAsync();
            await using var held = await other.BeginTransactionAsync();
            await ExecuteAsync(other, $"SELECT pg_advisory_xact_lock({0x4253_434E}, {category})");
            var submit = web.Client.PostAsync($"/entries/{id}/edit", new FormUrlEncodedContent(form));

            var waiting = await Eventually.Async(
                () => ScalarAsync(other, $"SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND objid = {category} AND NOT granted LIMIT 1"),
                pid => pid is int, TimeSpan.FromSeconds(60), "the submit waits for the category's numbering lock");
            Assert.True(await ScalarAsync(other, $"""
                SELECT EXISTS (SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                               WHERE l.pid = {waiting} AND c.relname = 'Entries' AND l.mode = 'RowExclusiveLock' AND l.granted)
                """) is true, "the waiting submit has already written its entry");
            // The receipt too, rendered before the number is known: under the lock only the number is written into both.
            Assert.True(await ScalarAsync(other, $"""
                SELECT EXISTS (SELECT 1 FROM pg_locks l JOIN pg_class c ON c.oid = l.relation
                               WHERE l.pid = {waiting} AND c.relname = 'Outbox' AND l.mode = 'RowExclusiveLock' AND l.granted)
                """) is true, "the waiting submit has already written its receipt");

            await held.CommitAsync();
            Assert.Equal(HttpStatusCode.Redirect, (await submit).StatusCode);
            var entry = await onPostgres.DbAsync(db => db.Entries.Where(e => e.Id == id).Select(e => new { e.State, e.Number }).SingleAsync());
            Assert.Equal((EntryState.Submitted, $"{contest.Code}-S-0001"), (entry.State, entry.Number));
            var receipt = await onPostgres.DbAsync(db => db.Outbox.SingleAsync(m => m.ContestId == contest.Id && m.Kind == "Receipt"));
            Assert.All(new[] { receipt.Subject, receipt.Text, receipt.Html }, part => Assert.Contains($"{contest.Code}-S-0001", part));
            Assert.DoesNotMatch("#[0-9a-f]{32}#", receipt.Subject + receipt.Text + receipt.Html);
        }
        finally { await Postgres.DropDatabaseAsync(database); }

        static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }

        static async Task<object?> ScalarAsync(NpgsqlConnection connection, string sql)
        {
            await using var command = new NpgsqlCommand(sql, connection);
            return await command.ExecuteScalarAsync();
        }
    }

    private static async Task ManySubmitAtOnceAsync(AppFactory app, int count)
    {
        // The deadline surge: every submit races the others for the category's next number (a single retry lost it).
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var writers = await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            var writer = await app.CreateUserAsync(Roles.Entrant, realName: "赶截止");
            // Both languages: each receipt is rendered before its number is known, and both name it.
            if (i % 2 == 1) await app.DbAsync(async db =>
            {
                (await db.Users.SingleAsync(u => u.Id == writer.Id)).PreferredLanguage = Languages.English;
                return await db.SaveChangesAsync();
            });
            var web = Browserless.For(app);
            await web.SignInAsync(writer.Email!, AppFactory.TestPassword);
            var id = await StartAsync(web, contest);
            return (web, id, form: await SubmitFormAsync(web, id, "最后一小时"));
        }));

        var answers = await Task.WhenAll(writers.Select(w => w.web.Client.PostAsync($"/entries/{w.id}/edit", new FormUrlEncodedContent(w.form))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        var ids = writers.Select(w => w.id).ToList();
        var numbers = await app.DbAsync(db => db.Entries.Where(e => ids.Contains(e.Id)).Select(e => e.Number ?? "").ToListAsync());
        Assert.Equal(Enumerable.Range(1, count).Select(i => $"{contest.Code}-S-{i:D4}").ToHashSet(), numbers.ToHashSet());
        Assert.Equal(count, await app.DbAsync(db => db.Outbox.CountAsync(m => m.ContestId == contest.Id && m.Kind == "Receipt")));
        // Each receipt names its own entry's number in its subject, text and HTML, and nothing else that looks like one.
        var numberOf = await app.DbAsync(db => db.Entries.Where(e => ids.Contains(e.Id)).ToDictionaryAsync(e => e.EntrantId, e => e.Number!));
        var receipts = await app.DbAsync(db => db.Outbox.Where(m => m.ContestId == contest.Id && m.Kind == "Receipt").ToListAsync());
        var named = new Regex($@"{Regex.Escape(contest.Code)}-S-\d+|#[0-9a-f]{{32}}#");
        Assert.All(receipts, r => Assert.All(new[] { r.Subject, r.Text, r.Html },
            part => Assert.Equal([numberOf[r.RecipientId!]], named.Matches(part).Select(m => m.Value).Distinct())));
        Assert.Equal(count / 2, receipts.Count(r => r.Language == Languages.English && r.Subject.StartsWith("Receipt", StringComparison.Ordinal)));
    }

    [PostgresFact]
    public async Task On_two_instances_the_same_start_and_the_same_submit_to_both_give_one_entry_one_number_one_receipt()
    {
        var database = await Postgres.CreateDatabaseAsync();
        await using var azurite = Azurite.FromEnvironmentOrStart();
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var shared = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres", ["ConnectionStrings__Contest"] = database,
            ["Storage__MediaContainer"] = "idem-media-" + suffix, ["Storage__MediaQueue"] = "idem-jobs-" + suffix,
            ["Maintenance__SweeperEnabled"] = "false", ["Certificates__WorkerEnabled"] = "false", ["Media__WorkerEnabled"] = "false",
        };
        var logs = Directory.CreateTempSubdirectory("bsc-idempotent-").FullName;
        try
        {
            var started = await Task.WhenAll(
                AppProcess.StartAsync(azurite.ConnectionString, Path.Combine(logs, "a.log"), shared),
                AppProcess.StartAsync(azurite.ConnectionString, Path.Combine(logs, "b.log"), shared));
            await using var a = started[0];
            await using var b = started[1];
            await using var control = new AppFactory
            {
                OwnStorage = azurite.ConnectionString, ContainerName = shared["Storage__MediaContainer"], QueueName = shared["Storage__MediaQueue"],
                Overrides = PostgresSliceTests.WorkersOff(Postgres.Settings(database)),
            };
            var organizer = await control.CreateUserAsync(Roles.Organizer);
            var contest = await TestData.ContestAsync(control, organizer);
            var writer = await control.CreateUserAsync(Roles.Entrant, realName: "两台都收到");
            var cookies = new CookieContainer();
            Browserless On(AppProcess instance) => new(new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
                { BaseAddress = new Uri(instance.BaseUrl) });
            var (onA, onB) = (On(a), On(b));
            await onA.SignInAsync(writer.Email!, AppFactory.TestPassword);
            // The same "start entry" form to A and to B at once, then to B again: one draft, and every answer leads to it.
            var start = await IdempotentStartTests.StartFormAsync(onA, contest);
            var starts = await Task.WhenAll(
                onA.Client.PostAsync("/entries/new", new FormUrlEncodedContent(start)),
                onB.Client.PostAsync("/entries/new", new FormUrlEncodedContent(start)));
            var startedLater = await onB.Client.PostAsync("/entries/new", new FormUrlEncodedContent(start));
            var id = Assert.Single(await control.DbAsync(db => db.Entries.Where(e => e.EntrantId == writer.Id).Select(e => e.Id).ToListAsync()));
            Assert.All(starts.Append(startedLater), r => Assert.Equal((HttpStatusCode.Redirect, $"/entries/{id}/edit"), (r.StatusCode, r.Headers.Location?.ToString())));
            var submit = await SubmitFormAsync(onA, id, "负载均衡重试");

            // The load balancer sent the first try to A and the client's retry to B while A was still busy; then once more.
            var racing = await Task.WhenAll(
                onA.Client.PostAsync($"/entries/{id}/edit", new FormUrlEncodedContent(submit)),
                onB.Client.PostAsync($"/entries/{id}/edit", new FormUrlEncodedContent(submit)));
            var later = await onB.Client.PostAsync($"/entries/{id}/edit", new FormUrlEncodedContent(submit));

            Assert.All(racing.Append(later), r => Assert.Equal((HttpStatusCode.Redirect, $"/entries/{id}"), (r.StatusCode, r.Headers.Location?.ToString())));
            var entries = await control.DbAsync(db => db.Entries.Where(e => e.EntrantId == writer.Id).Select(e => new { e.State, e.Number }).ToListAsync());
            Assert.Equal((EntryState.Submitted, $"{contest.Code}-S-0001"), (Assert.Single(entries).State, entries[0].Number));
            Assert.Equal(1, await control.DbAsync(db => db.Outbox.CountAsync(m => m.To == writer.Email && m.Kind == "Receipt")));
        }
        finally
        {
            await Postgres.DropDatabaseAsync(database);
            try { Directory.Delete(logs, recursive: true); } catch (IOException) { }
        }
    }

    private async Task<(Contest Contest, Account Writer, Browserless Web, int EntryId)> DraftAsync()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var writer = await app.CreateUserAsync(Roles.Entrant, realName: "重试的作者");
        var web = Browserless.For(app);
        await web.SignInAsync(writer.Email!, AppFactory.TestPassword);
        return (contest, writer, web, await StartAsync(web, contest));
    }

    private static async Task<int> StartAsync(Browserless web, Contest contest)
    {
        var category = contest.Categories.Single(x => x.Kind == CategoryKind.Story).Id;
        var response = await web.PostFormAsync($"/contests/{contest.Id}", "/entries/new", new Dictionary<string, string> { ["CategoryId"] = category.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.ToString().Split('/')[2]);
    }

    /// <summary>The submit form exactly as the edit page would post it: its token and the version it shows.</summary>
    private static async Task<Dictionary<string, string>> SubmitFormAsync(Browserless web, int entryId, string title)
    {
        var html = await web.GetHtmlAsync($"/entries/{entryId}/edit");
        return new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Browserless.AntiforgeryToken(html),
            ["Version"] = Regex.Match(html, "name=\"Version\" value=\"(\\d+)\"").Groups[1].Value,
            ["Title"] = title, ["Body"] = Story,
            ["PledgedOriginality"] = "true", ["DeclaredRights"] = "true", ["ConsentsToPublication"] = "true", ["Submit"] = "true",
        };
    }
}

/// <summary>A database too busy to answer in time gives a 503 that says to send again, not a 500; the resend goes through.</summary>
public sealed class DatabaseBusyTests
{
    [Fact]
    public async Task A_save_that_waits_past_the_busy_timeout_gets_503_and_the_same_form_sent_again_goes_through()
    {
        // A 1 s busy timeout instead of 30 s, so the held write lock outlasts it quickly.
        await using var app = new AppFactory { SqliteKeywords = "Default Timeout=1;Pooling=false" };
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var writer = await app.CreateUserAsync(Roles.Entrant, realName: "繁忙时刻");
        var web = Browserless.For(app);
        await web.SignInAsync(writer.Email!, AppFactory.TestPassword);
        var category = contest.Categories.Single(x => x.Kind == CategoryKind.Story).Id;
        var started = await web.PostFormAsync($"/contests/{contest.Id}", "/entries/new", new Dictionary<string, string> { ["CategoryId"] = category.ToString() });
        var id = int.Parse(started.Headers.Location!.ToString().Split('/')[2]);
        var html = await web.GetHtmlAsync($"/entries/{id}/edit");
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Browserless.AntiforgeryToken(html),
            ["Version"] = Regex.Match(html, "name=\"Version\" value=\"(\\d+)\"").Groups[1].Value,
            ["Title"] = "锁住的时候", ["Body"] = "草稿", ["Submit"] = "false",
        };

        HttpResponseMessage busy;
        await using (var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={app.DatabasePath};Pooling=false"))
        {
            await holder.OpenAsync();
            await using var hold = holder.CreateCommand();
            hold.CommandText = "BEGIN IMMEDIATE;";
            await hold.ExecuteNonQueryAsync();
            busy = await web.Client.PostAsync($"/entries/{id}/edit", new FormUrlEncodedContent(form));
        }

        Assert.Equal(HttpStatusCode.ServiceUnavailable, busy.StatusCode);
        Assert.Contains("请稍后再次提交表单", await busy.Content.ReadAsStringAsync());
        Assert.NotEqual("锁住的时候", await app.DbAsync(db => db.Entries.Where(e => e.Id == id).Select(e => e.Title).SingleAsync()));
        var again = await web.Client.PostAsync($"/entries/{id}/edit", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("锁住的时候", await app.DbAsync(db => db.Entries.Where(e => e.Id == id).Select(e => e.Title).SingleAsync()));
    }
}
