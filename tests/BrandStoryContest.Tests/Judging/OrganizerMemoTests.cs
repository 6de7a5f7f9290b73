using System.Collections.Concurrent;
using System.Net;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Accounts;
using BrandStoryContest.Web.Features.Entries;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Features.PublicVote;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Judging;

/// <summary>
/// The organizer's vote review tally and a category's judging counts are kept under the data versions
/// (<see cref="KeptUnderVersions"/>, <see cref="BrandStoryContest.Web.Data.DataVersions"/>). Each test makes a write the
/// page reads and checks that the very next view shows it, here and on another instance over the same database; and that
/// unchanged inputs hand back the kept value itself.
/// </summary>
public sealed class OrganizerMemoTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public async Task A_vote_a_voided_vote_and_a_new_cutoff_show_on_the_vote_review_at_once()
    {
        var scene = await VotingSceneAsync(app, entries: 3);
        var (a, b) = (scene.Entries[0], scene.Entries[1]);
        var first = await ReviewAsync(scene);
        Assert.Same(first.Rows, (await ReviewAsync(scene)).Rows);
        Assert.Equal(0, first.TotalVotes);

        await VoteAsync(app, scene, a, "198.51.100.7");
        var voted = await ReviewAsync(scene);
        Assert.NotSame(first.Rows, voted.Rows);
        Assert.Equal((1, 1), (voted.TotalVotes, voted.Voters));
        Assert.Equal(1, voted.Shown.Items.Single(r => r.EntryId == a.Id).Votes);

        // Twelve votes from one /24 on b: a signal; voiding them takes them out at once.
        for (var i = 0; i < 12; i++) await VoteAsync(app, scene, b, $"203.0.113.{i + 1}");
        var loud = await ReviewAsync(scene, suspiciousOnly: true);
        Assert.Equal(b.Id, Assert.Single(loud.Shown.Items).EntryId);
        Assert.True((await app.SendAsync(scene.Organizer, new VoidVotesCommand { RoundId = scene.RoundId, EntryId = b.Id, IpRange = "203.0.113.0/24", Reason = "刷票" })).IsOk);
        var voided = await ReviewAsync(scene);
        Assert.Equal((1, 12), (voided.TotalVotes, voided.Voided));
        Assert.Empty((await ReviewAsync(scene, suspiciousOnly: true)).Shown.Items);

        // A cut-off of one: only a (1 vote) reaches the jury.
        Assert.True((await SetVotingAsync(app, scene, cutoff: 1)).IsOk);
        var cut = await ReviewAsync(scene);
        Assert.Equal([a.Id], cut.Shown.Items.Where(r => r.PassesCutoff).Select(r => r.EntryId));
    }

    [Fact]
    public async Task A_new_title_and_an_entrants_new_name_show_on_the_vote_review_at_once()
    {
        var scene = await VotingSceneAsync(app, entries: 2);
        var before = await ReviewAsync(scene);
        Assert.Contains(before.Shown.Items, r => r.Title == scene.Entries[0].Title);

        await app.DbAsync(async db => { (await db.Entries.SingleAsync(e => e.Id == scene.Entries[0].Id)).Title = "新的标题"; return await db.SaveChangesAsync(); });
        await app.DbAsync(async db => { (await db.Users.SingleAsync(u => u.Id == scene.Entrants[1].Id)).RealName = "改名的作者"; return await db.SaveChangesAsync(); });
        var after = await ReviewAsync(scene);
        Assert.Equal("新的标题", after.Shown.Items.Single(r => r.EntryId == scene.Entries[0].Id).Title);
        Assert.Equal("改名的作者", after.Shown.Items.Single(r => r.EntryId == scene.Entries[1].Id).EntrantName);
        // A withdrawn entry leaves the candidates.
        Assert.True((await app.SendAsync(scene.Entrants[0], new WithdrawEntryCommand(scene.Entries[0].Id))).IsOk);
        Assert.DoesNotContain((await ReviewAsync(scene)).Rows, r => r.EntryId == scene.Entries[0].Id);
    }

    [Fact]
    public async Task A_repeat_view_of_the_vote_review_reuses_the_kept_page_of_rows()
    {
        var scene = await VotingSceneAsync(app, entries: 3);
        var first = await ReviewAsync(scene, page: new PageRequest(1, 2));
        Assert.Same(first.Shown.Items, (await ReviewAsync(scene, page: new PageRequest(1, 2))).Shown.Items);
        Assert.Same(first.Round, (await ReviewAsync(scene, page: new PageRequest(1, 2))).Round);
        var second = await ReviewAsync(scene, page: new PageRequest(2, 2));
        Assert.NotSame(first.Shown.Items, second.Shown.Items);
        Assert.Equal(3, first.Shown.Items.Concat(second.Shown.Items).Select(r => r.EntryId).Distinct().Count());
    }

    [Fact]
    public async Task The_review_page_shows_a_new_title_a_new_name_a_vote_and_a_voided_vote_in_the_next_view()
    {
        var scene = await VotingSceneAsync(app, entries: 2);
        var (a, b) = (scene.Entries[0], scene.Entries[1]);
        var page = Browserless.For(app);
        await page.SignInAsync(scene.Organizer.Email!, AppFactory.TestPassword);
        var url = $"/manage/rounds/{scene.RoundId}/public-vote";
        var html = await page.GetHtmlAsync(url);
        Assert.Contains(a.Title, html);
        Assert.Equal(html.Length, (await page.GetHtmlAsync(url)).Length); // the kept rows, rendered again around this request's token

        await app.DbAsync(async db => { (await db.Entries.SingleAsync(e => e.Id == a.Id)).Title = "江城新标题"; return await db.SaveChangesAsync(); });
        html = await page.GetHtmlAsync(url);
        Assert.Contains("江城新标题", html);
        Assert.DoesNotContain(a.Title, html);

        // The entrant's own profile form (EditProfile), as they would rename themselves.
        var profile = await app.SendAsync(scene.Entrants[1], new EditProfileCommand { Email = scene.Entrants[1].Email!, RealName = "海滨新名字" });
        Assert.True(profile.IsOk);
        Assert.Contains("海滨新名字", await page.GetHtmlAsync(url));

        await VoteAsync(app, scene, a, "198.51.100.7");
        html = await page.GetHtmlAsync(url);
        Assert.Contains("1个账号共投1票", html);
        Assert.Contains(">1</td><td>100.0</td>", RowOf(html, a.Id));

        // Twelve votes on b from one /24: its row offers the void form, whose token is this request's own.
        for (var i = 0; i < 12; i++) await VoteAsync(app, scene, b, $"203.0.113.{i + 1}");
        html = await page.GetHtmlAsync(url);
        Assert.Contains("13个账号共投13票", html);
        Assert.DoesNotContain(KeptRows.TokenSlot, html);
        var token = Browserless.AntiforgeryToken(html);
        var form = html[html.IndexOf($"action=\"{url}/void\"", StringComparison.Ordinal)..];
        Assert.Equal(token, Browserless.AntiforgeryToken(form));
        var voided = await page.Client.PostAsync($"{url}/void", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["EntryId"] = b.Id.ToString(), ["IpRange"] = "203.0.113.0/24", ["Reason"] = "刷票", ["__RequestVerificationToken"] = Browserless.AntiforgeryToken(form),
        }));
        Assert.Equal(HttpStatusCode.Redirect, voided.StatusCode);
        html = await page.GetHtmlAsync(url);
        Assert.Contains("1个账号共投1票", html);
        Assert.Contains("id=\"voided-votes\"", html);
        Assert.DoesNotContain($"action=\"{url}/void\"", html);
    }

    [Fact]
    public async Task An_organizer_of_another_contest_gets_not_found_from_a_kept_review()
    {
        var scene = await VotingSceneAsync(app, entries: 2);
        await ReviewAsync(scene); // kept now
        var other = await app.CreateUserAsync(Roles.Organizer);
        Assert.False((await app.SendAsync(other, new PublicVoteReviewQuery(scene.RoundId))).IsOk);
        var page = Browserless.For(app);
        await page.SignInAsync(other.Email!, AppFactory.TestPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await page.Client.GetAsync($"/manage/rounds/{scene.RoundId}/public-vote")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await page.Client.GetAsync($"/manage/rounds/{scene.RoundId}/public-vote?page=2")).StatusCode);
    }

    [Fact]
    public async Task Assignments_scores_and_withdrawals_show_on_the_judging_setup_at_once()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 3, entries: 4, judgesPerEntry: 2);
        var assignments = await JudgingScenes.OpenAsync(app, scene);
        var first = await SetupAsync(scene);
        Assert.Equal((4, 8, 0), Counts(first, scene));
        Assert.Equal(4, first.SubmittedCount);

        Assert.True((await JudgingScenes.ScoreAsync(app, scene.Judges.Single(j => j.Id == assignments[0].JudgeId), assignments[0], 7)).IsOk);
        Assert.Equal((4, 8, 1), Counts(await SetupAsync(scene), scene));

        var entry = scene.Entries.First(e => assignments.Count(a => a.EntryId == e.Id) < 3);
        var judge = scene.Judges.First(j => !assignments.Any(a => a.EntryId == entry.Id && a.JudgeId == j.Id));
        Assert.True((await app.SendAsync(scene.Organizer, new AddAssignmentCommand(scene.RoundId, entry.Id, judge.Id))).IsOk);
        Assert.Equal((4, 9, 1), Counts(await SetupAsync(scene), scene));

        var withdrawn = scene.Entries[^1];
        await app.DbAsync(async db => { (await db.Entries.SingleAsync(e => e.Id == scene.Entries[0].Id)).Title = "改过的标题"; return await db.SaveChangesAsync(); });
        Assert.True((await app.SendAsync(scene.Entrants[^1], new WithdrawEntryCommand(withdrawn.Id))).IsOk);
        var after = await SetupAsync(scene);
        Assert.Equal(3, after.SubmittedCount);
        Assert.DoesNotContain(after.SubmittedEntries, e => e.Id == withdrawn.Id);
        Assert.Equal("改过的标题", after.SubmittedEntries.Single(e => e.Id == scene.Entries[0].Id).Title);
    }

    [Fact]
    public async Task A_vote_and_a_score_on_one_instance_show_on_the_other_instances_review_and_setup_at_once()
    {
        await using var instances = await SecondInstance.StartAsync(app.StorageConnectionString, "organizer-memo");
        var here = instances.Here;
        var scene = await VotingSceneAsync(here, entries: 2);
        var assignments = await JudgingScenes.OpenAsync(here, scene);
        var organizer = await instances.SignedInThereAsync(scene.Organizer);
        var review = $"/manage/rounds/{scene.RoundId}/public-vote";
        var setup = $"/manage/categories/{scene.Stories.Id}/judging";
        Assert.Contains(VotesLine(0, 0), await organizer.GetHtmlAsync(review));
        Assert.Contains(Progress(assignments.Count, 0), await organizer.GetHtmlAsync(setup));

        await VoteAsync(here, scene, scene.Entries[0], "198.51.100.9");
        await here.DbAsync(async db => { (await db.Entries.SingleAsync(e => e.Id == scene.Entries[1].Id)).Title = "另一实例的新标题"; return await db.SaveChangesAsync(); });
        Assert.True((await JudgingScenes.ScoreAsync(here, scene.Judges.Single(j => j.Id == assignments[0].JudgeId), assignments[0], 6)).IsOk);
        var html = await organizer.GetHtmlAsync(review);
        Assert.Contains(VotesLine(1, 1), html);
        Assert.Contains("另一实例的新标题", html);
        Assert.Contains(Progress(assignments.Count, 1), await organizer.GetHtmlAsync(setup));

        // zh-CN is the organizer's language unless chosen otherwise: the page's own words, as rendered.
        static string VotesLine(int votes, int voters) => $"{voters}个账号共投{votes}票";
        static string Progress(int assigned, int scored) => $"{assigned}项分配 · {scored}项已评";
    }

    [Fact]
    public async Task Fifty_first_asks_compute_once_and_a_cancelled_first_ask_does_not_fail_the_others()
    {
        var memo = new KeptUnderVersions(100);
        var computed = new ConcurrentBag<string>();
        memo.Computing += computed.Add;
        var release = new TaskCompletionSource();
        var asks = Enumerable.Range(0, 50).Select(_ => memo.GetOrComputeAsync("k|1", async () => { await release.Task; return new object(); }, _ => 1)).ToList();
        release.SetResult();
        var values = await Task.WhenAll(asks);
        Assert.Single(computed);
        Assert.All(values, v => Assert.Same(values[0], v));

        // The first asker's request is cancelled mid-read; one waiting beside it computes again rather than failing.
        using var cancelled = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        var firstAsk = memo.GetOrComputeAsync("k|2", async () => { started.SetResult(); await Task.Delay(Timeout.Infinite, cancelled.Token); return "never"; }, _ => 1, cancelled.Token);
        await started.Task;
        var waiting = memo.GetOrComputeAsync("k|2", () => Task.FromResult("fresh"), _ => 1);
        cancelled.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => firstAsk);
        Assert.Equal("fresh", await waiting.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal("fresh", await memo.GetOrComputeAsync("k|2", () => Task.FromResult("again"), _ => 1));
    }

    /// <summary>The review table's row of one entry.</summary>
    private static string RowOf(string html, int entryId)
    {
        var start = html.IndexOf($"<tr class=\"\" data-entry=\"{entryId}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no row for entry {entryId}");
        return html[start..html.IndexOf("</tr>", start, StringComparison.Ordinal)];
    }

    private static (int Entries, int Assignments, int Scored) Counts(JudgingSetupView view, JudgingScene scene) =>
        view.Rounds.Single(r => r.Round.Id == scene.RoundId) is var r ? (r.Entries, r.Assignments, r.Scored) : default;

    private async Task<PublicVoteReviewView> ReviewAsync(JudgingScene scene, bool suspiciousOnly = false, PageRequest? page = null)
    {
        var result = await app.SendAsync(scene.Organizer, new PublicVoteReviewQuery(scene.RoundId, SuspiciousOnly: suspiciousOnly, Page: page));
        Assert.True(result.IsOk);
        return result.Value;
    }

    private async Task<JudgingSetupView> SetupAsync(JudgingScene scene)
    {
        var result = await app.SendAsync(scene.Organizer, new JudgingSetupQuery(scene.Stories.Id));
        Assert.True(result.IsOk);
        return result.Value;
    }

    /// <summary>A round whose public vote is open, every entry consenting to publication (set before any page is viewed).</summary>
    private static async Task<JudgingScene> VotingSceneAsync(AppFactory on, int entries)
    {
        var scene = await JudgingScenes.CreateAsync(on, judges: 3, entries: entries, judgesPerEntry: 2);
        var ids = scene.Entries.Select(e => e.Id).ToList();
        await on.DbAsync(db => db.Entries.Where(e => ids.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.ConsentsToPublication, true)));
        Assert.True((await SetVotingAsync(on, scene)).IsOk);
        return scene;
    }

    private static Task<Result<Result.Done>> SetVotingAsync(AppFactory on, JudgingScene scene, int? cutoff = null)
    {
        var now = DateTimeOffset.UtcNow;
        return on.SendAsync(scene.Organizer, new SetPublicVoteCommand
        {
            RoundId = scene.RoundId, PublicWeightPercent = 30, VoteCutoff = cutoff,
            VotingOpens = ContestTime.ToLocal(now - Hour, scene.Contest.TimeZoneId).DateTime,
            VotingCloses = ContestTime.ToLocal(now + Hour, scene.Contest.TimeZoneId).DateTime,
        });
    }

    private static async Task VoteAsync(AppFactory on, JudgingScene scene, Entry entry, string ip) =>
        Assert.True((await on.SendAsync(await on.CreateUserAsync(Roles.Entrant), new CastRoundVoteCommand(scene.RoundId, entry.Id, ip))).IsOk);
}
