using System.Net;
using System.Text.RegularExpressions;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Tests.ScaleOut;
using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Reliability;

/// <summary>
/// A client that never heard back from "start entry" sends the same form again (docs/reliability.md, "Starting an
/// entry is idempotent"): the form's one-time key brings it to the draft the first try opened, so a retry never
/// opens a second draft or takes a second place of the category's quota. A new rendering of the page is a new start.
/// </summary>
public sealed partial class IdempotentStartTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_start_sent_again_answers_the_same_draft()
    {
        var (contest, writer, web) = await EntrantAsync(app);
        var start = await StartFormAsync(web, contest);

        var first = await web.Client.PostAsync("/entries/new", new FormUrlEncodedContent(start));
        var retry = await web.Client.PostAsync("/entries/new", new FormUrlEncodedContent(start));

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Matches("^/entries/\\d+/edit$", first.Headers.Location?.ToString());
        Assert.Equal((HttpStatusCode.Redirect, first.Headers.Location), (retry.StatusCode, retry.Headers.Location));
        // The category allows two entries, so without the key the retry would have opened a second draft.
        Assert.Equal(1, await app.DbAsync(db => db.Entries.CountAsync(e => e.EntrantId == writer.Id)));
    }

    [Fact]
    public async Task A_new_start_form_opens_a_second_draft_and_the_quota_still_holds()
    {
        var (contest, writer, web) = await EntrantAsync(app);

        var ids = new List<string?>();
        for (var i = 0; i < 3; i++)
            ids.Add((await web.Client.PostAsync("/entries/new", new FormUrlEncodedContent(await StartFormAsync(web, contest)))).Headers.Location?.ToString());

        Assert.Equal(2, ids.Take(2).Where(l => l is not null && Regex.IsMatch(l, "^/entries/\\d+/edit$")).Distinct().Count());
        Assert.Equal("/entries", ids[2]);   // the third is refused: the category allows two
        Assert.Equal(2, await app.DbAsync(db => db.Entries.CountAsync(e => e.EntrantId == writer.Id)));
    }

    [Fact]
    public Task The_same_start_sent_at_once_opens_one_draft() => SameStartAtOnceAsync(app);

    [PostgresFact]
    public async Task The_same_start_sent_at_once_opens_one_draft_on_postgres()
    {
        // On PostgreSQL the racing inserts wait on the unique (category, entrant, key) index for the first to commit.
        var database = await Postgres.CreateDatabaseAsync();
        try
        {
            await using var onPostgres = new AppFactory { Overrides = PostgresSliceTests.WorkersOff(Postgres.Settings(database)) };
            await SameStartAtOnceAsync(onPostgres);
        }
        finally { await Postgres.DropDatabaseAsync(database); }
    }

    private static async Task SameStartAtOnceAsync(AppFactory app)
    {
        var (contest, writer, web) = await EntrantAsync(app);
        var start = await StartFormAsync(web, contest);

        var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => web.Client.PostAsync("/entries/new", new FormUrlEncodedContent(start))));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Redirect, a.StatusCode));
        var entry = await app.DbAsync(db => db.Entries.Where(e => e.EntrantId == writer.Id).Select(e => e.Id).ToListAsync());
        Assert.All(answers, a => Assert.Equal($"/entries/{Assert.Single(entry)}/edit", a.Headers.Location?.ToString()));
    }

    private static async Task<(Contest Contest, Account Writer, Browserless Web)> EntrantAsync(AppFactory app)
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var writer = await app.CreateUserAsync(Roles.Entrant, realName: "重试的开始");
        var web = Browserless.For(app);
        await web.SignInAsync(writer.Email!, AppFactory.TestPassword);
        return (contest, writer, web);
    }

    /// <summary>The story category's "start" form exactly as the contest page renders it: its token and its one-time key.</summary>
    internal static async Task<Dictionary<string, string>> StartFormAsync(Browserless web, Contest contest)
    {
        var category = contest.Categories.Single(x => x.Kind == CategoryKind.Story).Id;
        var html = await web.GetHtmlAsync($"/contests/{contest.Id}");
        var key = StartKeyPattern().Matches(html).Single(m => m.Groups[1].Value == category.ToString()).Groups[2].Value;
        return new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Browserless.AntiforgeryToken(html), ["CategoryId"] = category.ToString(), ["StartKey"] = key,
        };
    }

    [GeneratedRegex("name=\"CategoryId\" value=\"(\\d+)\" />\\s*<input type=\"hidden\" name=\"StartKey\" value=\"([0-9a-f-]{36})\"")]
    private static partial Regex StartKeyPattern();
}
