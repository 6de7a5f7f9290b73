using System.Net;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Demo;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Features.PublicVote;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BrandStoryContest.Tests.Demo;

/// <summary>The app as run.sh starts it: the demo seed on, the real media and certificate workers, real ffmpeg.</summary>
public class DemoSeedApp : AppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["App:SeedDemo"] = "true", ["Certificates:PollMilliseconds"] = "200",
    };

    /// <summary>Polls the seed's progress (as the home page shows it) until it is done; fails on a seeding error.</summary>
    public async Task WaitForSeedAsync()
    {
        var progress = Services.GetRequiredService<DemoSeedProgress>();
        var until = DateTime.UtcNow.AddMinutes(5);
        while (!progress.Done)
        {
            Assert.True(progress.Failure is null, progress.Failure);
            Assert.True(DateTime.UtcNow < until, $"The demo seed did not finish in 5 minutes (at stage {progress.Stage}: {progress.Label}).");
            await Task.Delay(50);
        }
    }
}

public sealed class DemoSeedTests(DemoSeedApp app) : IClassFixture<DemoSeedApp>
{
    [Fact]
    public async Task The_seed_shows_every_stage_through_the_apps_own_pages_and_a_second_run_adds_nothing()
    {
        // The web host answers while the seed is still running, with the progress on the home page.
        var visitor = Browserless.For(app);
        var early = await visitor.GetHtmlAsync("/");
        Assert.Contains("/demo", early);
        await app.WaitForSeedAsync();

        var anchor = await app.DbAsync(db => db.Audit.Where(a => a.Action == DemoSeeder.MarkerAction && a.EntityId == "1").Select(a => a.At).SingleAsync());
        int Contest(string code) => app.DbAsync(db => db.Contests.Where(c => c.Code == code).Select(c => c.Id).SingleAsync()).GetAwaiter().GetResult();
        var last = Contest(DemoSeeder.LastYearCode(anchor));
        var current = Contest(DemoSeeder.ThisYearCode(anchor));
        var open = Contest(DemoSeeder.OpenCallCode(anchor));

        // Last year: about 40 stories and 12 films, dated last year, each story within the category's length rule.
        var lastEntries = await app.DbAsync(db => db.Entries.AsNoTracking().Include(e => e.Category).Where(e => e.ContestId == last).ToListAsync());
        Assert.Equal(40, lastEntries.Count(e => e.Category.Kind == CategoryKind.Story && e.State == EntryState.Submitted));
        Assert.All(lastEntries.Where(e => e.Category.Kind == CategoryKind.Story), e => Assert.InRange(StoryText.Length(e.Body), 1000, 3000));
        Assert.All(lastEntries, e => Assert.True(e.SubmittedAt < anchor.AddDays(-300), $"{e.Number} was submitted at {e.SubmittedAt}"));
        var films = lastEntries.Where(e => e.Category.Kind == CategoryKind.Film).ToList();
        Assert.Equal(12, films.Count);
        Assert.All(films, f => Assert.True(f.FilmStatus == FilmStatus.Ready && f.PosterBlob is not null && f.DurationSeconds > 2, $"film {f.Id}: {f.FilmStatus}"));

        // Results published, a gallery with playable films and posters, certificates that verify.
        var results = WebUtility.HtmlDecode(await visitor.GetHtmlAsync($"/contests/{last}/results"));
        Assert.Contains("一等奖", results);
        var gallery = await visitor.GetHtmlAsync($"/contests/{last}/gallery");
        var film = films.First(f => gallery.Contains($"/contests/{last}/gallery/{f.Id}"));
        var work = await visitor.GetHtmlAsync($"/contests/{last}/gallery/{film.Id}");
        Assert.Contains($"/media/entries/{film.Id}/Film", work);
        var poster = await visitor.Client.GetAsync($"/media/entries/{film.Id}/Poster");
        Assert.Equal("image/jpeg", poster.Content.Headers.ContentType?.MediaType);
        var video = await visitor.Client.GetAsync($"/media/entries/{film.Id}/Film");
        Assert.Equal(HttpStatusCode.OK, video.StatusCode);
        Assert.Equal("video/mp4", video.Content.Headers.ContentType?.MediaType);
        var certificate = await app.DbAsync(db => db.Certificates.Where(c => c.Award.Entry.Entrant.Email == "writer@demo.local").Select(c => new { c.Number, c.Award.Entry.Title }).SingleAsync());
        var verified = WebUtility.HtmlDecode(await visitor.GetHtmlAsync($"/certificates/verify/{certificate.Number}"));
        Assert.Contains(certificate.Title, verified);
        Assert.Contains("张晓雨", verified);

        // The notice period ended with a decided objection.
        var organizer = Browserless.For(app);
        await organizer.SignInAsync("organizer@demo.local", DemoContest.Password);
        var objections = WebUtility.HtmlDecode(await organizer.GetHtmlAsync($"/manage/contests/{last}/objections"));
        Assert.Contains("异议不成立", objections);
        Assert.Equal(ObjectionState.Dismissed, await app.DbAsync(db => db.Objections.Where(o => o.ContestId == last).Select(o => o.State).SingleAsync()));

        // This year: judge1 has assignments in the open round 1, some scored and some not.
        var judge1 = await app.DbAsync(db => db.Users.SingleAsync(u => u.Email == "judge1@demo.local"));
        var round = Assert.Single((await app.SendAsync(judge1, new MyAssignmentsQuery())).Value, r => r.State == RoundState.Open);
        Assert.InRange(round.Scored, 1, round.Assignments.Count - 1);
        var judge = Browserless.For(app);
        await judge.SignInAsync("judge1@demo.local", DemoContest.Password);
        Assert.Contains($"/judging/assignments/{round.Assignments[0].AssignmentId}", await judge.GetHtmlAsync("/judging"));

        // The integrity report shows the story sent in again from last year, and only that one.
        var integrity = WebUtility.HtmlDecode(await organizer.GetHtmlAsync($"/manage/contests/{current}/integrity"));
        var lastTitle = await app.DbAsync(db => db.Contests.Where(c => c.Id == last).Select(c => c.TitleZh).SingleAsync());
        Assert.Contains(lastTitle, integrity);
        var report = await app.SendAsync(await app.DbAsync(db => db.Users.SingleAsync(u => u.Email == "organizer@demo.local")),
            new BrandStoryContest.Web.Features.Integrity.IntegrityReportQuery(current));
        var pair = Assert.Single(report.Value.Similar);
        Assert.Equal(new[] { current, last }.Order(), new[] { pair.A.ContestId, pair.B.ContestId }.Order());

        // A public vote is running on round 1, with votes in it.
        var vote = (await app.SendAsync(await app.CreateUserAsync(Roles.Entrant), new RoundVotingQuery(round.RoundId))).Value;
        Assert.True(vote!.IsOpen);
        Assert.True(await app.DbAsync(db => db.Votes.CountAsync(v => v.RoundId == round.RoundId)) > 0);

        // The open call: the writer and the filmmaker have drafts there.
        foreach (var (email, title) in new[] { ("writer@demo.local", "百年酱园的第四代传人"), ("filmmaker@demo.local", "老字号的一天") })
        {
            var entrant = Browserless.For(app);
            await entrant.SignInAsync(email, DemoContest.Password);
            Assert.Contains(title, WebUtility.HtmlDecode(await entrant.GetHtmlAsync("/entries")));
            Assert.Equal(EntryState.Draft, await app.DbAsync(db => db.Entries.Where(e => e.ContestId == open && e.Title == title).Select(e => e.State).SingleAsync()));
        }

        // The open call also holds one story returned for correction, with its reason and a deadline ahead.
        var returned = await app.DbAsync(db => db.Entries.AsNoTracking().SingleAsync(e => e.ContestId == open && e.State == EntryState.Returned));
        Assert.True(returned.CorrectionDueAt > anchor && returned.ReturnReason is { Length: > 0 } && returned.Number is not null);

        // The national final: two divisions, each with submitted stories and a finalized ranking, and their
        // recommendations carried into the final (江城 from its ranking, 海滨 one by choice with a reason, one missing).
        var final = Contest(DemoSeeder.FinalCode(anchor));
        var divisions = await app.DbAsync(db => db.Divisions.AsNoTracking().Where(d => d.FinalId == final).OrderBy(d => d.Id).ToListAsync());
        Assert.Equal(["江城赛区", "海滨赛区"], divisions.Select(d => d.NameZh));
        foreach (var d in divisions)
        {
            Assert.Equal(3, await app.DbAsync(db => db.Entries.CountAsync(e => e.ContestId == d.ContestId && e.State == EntryState.Submitted)));
            Assert.True(await app.DbAsync(db => db.Rounds.AnyAsync(r => r.Category.ContestId == d.ContestId && r.State == RoundState.Finalized)), d.NameZh);
        }
        var carried = await app.DbAsync(db => db.Recommendations.AsNoTracking().Include(r => r.SourceEntry).Include(r => r.FinalEntry)
            .Where(r => r.Division.FinalId == final && r.WithdrawnAt == null).ToListAsync());
        Assert.Equal(2, carried.Count(r => r.DivisionId == divisions[0].Id && r.FromRoundId != null));
        Assert.Single(carried, r => r.DivisionId == divisions[1].Id && r.FromRoundId == null && r.Reason is { Length: > 0 });
        Assert.Equal(3, carried.Count);
        Assert.All(carried, r =>
        {
            Assert.Equal(final, r.FinalEntry.ContestId);
            Assert.Equal(EntryState.Submitted, r.FinalEntry.State);
            Assert.Equal(r.SourceEntry.Title, r.FinalEntry.Title);
            Assert.Equal(r.SourceEntry.EntrantId, r.FinalEntry.EntrantId);
            Assert.StartsWith(DemoSeeder.FinalCode(anchor) + "-S-", r.FinalEntry.Number);
        });
        var finalOrganizer = Browserless.For(app);
        await finalOrganizer.SignInAsync("final@demo.local", DemoContest.Password);
        var dashboard = WebUtility.HtmlDecode(await finalOrganizer.GetHtmlAsync($"/manage/finals/{final}/divisions"));
        Assert.Contains("江城赛区", dashboard);
        Assert.Contains("已推荐 2，尚缺 0", dashboard);
        Assert.Contains("已推荐 1，尚缺 1", dashboard);
        var divisionOrganizer = Browserless.For(app);
        await divisionOrganizer.SignInAsync("division@demo.local", DemoContest.Password);
        var recommended = WebUtility.HtmlDecode(await divisionOrganizer.GetHtmlAsync($"/manage/divisions/{divisions[0].ContestId}"));
        Assert.All(carried.Where(r => r.DivisionId == divisions[0].Id), r => Assert.Contains(r.FinalEntry.Number!, recommended));

        // Seeding again, in this app and in a second one started on the same data (a restart), adds nothing.
        var before = await CountsAsync(app);
        await app.Services.GetRequiredService<DemoSeeder>().RunAsync(CancellationToken.None);
        Assert.Equal(before, await CountsAsync(app));
        using (var restarted = new DemoSeedApp
        {
            DataFolder = app.DataFolder, ContainerName = app.ContainerName, QueueName = app.QueueName, DeleteDataOnDispose = false,
        })
        {
            Assert.Contains("/demo", await Browserless.For(restarted).GetHtmlAsync("/"));
            await restarted.WaitForSeedAsync();
            Assert.Equal(before, await CountsAsync(restarted));
        }
    }

    [Fact]
    public async Task The_start_page_lists_every_demo_login_and_signs_in_with_one_click()
    {
        await app.WaitForSeedAsync();
        var web = Browserless.For(app);
        var start = WebUtility.HtmlDecode(await web.GetHtmlAsync("/demo"));
        foreach (var login in DemoContest.Logins) Assert.Contains($"data-email=\"{login.Email}\"", start);
        Assert.Contains("/certificates/verify/BSC-", start);
        Assert.Matches(@"/manage/finals/\d+/divisions", start);
        Assert.Matches(@"/manage/divisions/\d+", start);
        Assert.DoesNotContain("demo-progress", start);

        // Without the antiforgery token the button's post is refused and nobody is signed in.
        var forged = await web.Client.PostAsync("/demo/sign-in", new FormUrlEncodedContent(new Dictionary<string, string> { ["email"] = "judge1@demo.local" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await web.Client.GetAsync("/judging")).StatusCode);

        var signedIn = await web.PostFormAsync("/demo", "/demo/sign-in", new Dictionary<string, string> { ["email"] = "judge1@demo.local" });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/judging", signedIn.Headers.Location?.OriginalString);
        Assert.Contains("/judging/assignments/", await web.GetHtmlAsync("/judging"));

        // The organizer's one click opens the app in Chinese with the demo's contests.
        var organizer = Browserless.For(app);
        Assert.Equal(HttpStatusCode.Redirect, (await organizer.PostFormAsync("/demo", "/demo/sign-in", new Dictionary<string, string> { ["email"] = "organizer@demo.local" })).StatusCode);
        var home = await organizer.GetHtmlAsync("/");
        Assert.Contains("质量月", home);
        Assert.Contains("你主办的大赛", home);

        // Only the demo's own accounts: anyone else's email is not found.
        var other = await app.CreateUserAsync(Roles.Organizer);
        var refused = await Browserless.For(app).PostFormAsync("/demo", "/demo/sign-in", new Dictionary<string, string> { ["email"] = other.Email! });
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
    }

    private static Task<string> CountsAsync(AppFactory app) => app.DbAsync(async db => string.Join(", ",
        $"users {await db.Users.CountAsync()}", $"contests {await db.Contests.CountAsync()}", $"categories {await db.Categories.CountAsync()}",
        $"entries {await db.Entries.CountAsync()}", $"uploads {await db.FilmUploads.CountAsync()}", $"judges {await db.ContestJudges.CountAsync()}",
        $"rounds {await db.Rounds.CountAsync()}", $"assignments {await db.Assignments.CountAsync()}", $"scores {await db.CriterionScores.CountAsync()}",
        $"awards {await db.Awards.CountAsync()}", $"certificates {await db.Certificates.CountAsync()}", $"objections {await db.Objections.CountAsync()}",
        $"votes {await db.Votes.CountAsync()}", $"divisions {await db.Divisions.CountAsync()}", $"recommendations {await db.Recommendations.CountAsync()}", $"mail {await db.Outbox.CountAsync()}", $"audit {await db.Audit.CountAsync()}"));
}

/// <summary>Without the demo seed there is no start page and no one-click sign-in.</summary>
public sealed class DemoOffTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Without_the_demo_seed_the_start_page_and_its_sign_in_are_not_found()
    {
        var web = Browserless.For(app);
        Assert.Equal(HttpStatusCode.NotFound, (await web.Client.GetAsync("/demo")).StatusCode);
        var posted = await web.PostFormAsync("/account/login", "/demo/sign-in", new Dictionary<string, string> { ["email"] = "organizer@demo.local" });
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.DoesNotContain("/demo\"", await web.GetHtmlAsync("/"));
    }
}

public sealed class DemoStoriesTests
{
    [Fact]
    public void Stories_are_the_same_on_every_run_long_enough_and_unlike_one_another_except_the_reworked_one()
    {
        var stories = DemoStories.Generate(40, seed: 2025);
        Assert.Equal(stories, DemoStories.Generate(40, seed: 2025));
        Assert.Equal(40, stories.Select(s => s.Title).Distinct().Count());
        Assert.All(stories, s => Assert.InRange(StoryText.Length(s.Body), 1000, 3000));
        // Well below the integrity report's threshold (0.3), so the report shows only the story that was meant to be copied.
        Assert.Empty(Similarity.FindPairs(stories.Select((s, i) => (i, s.Body)).ToList(), 0.22));
        var rework = DemoStories.Rework(stories[7], seed: 7);
        Assert.True(Similarity.Jaccard(Similarity.Shingles(rework.Body), Similarity.Shingles(stories[7].Body)) > 0.5);
    }
}
