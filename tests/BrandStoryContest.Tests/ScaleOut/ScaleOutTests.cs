using System.Net;
using BrandStoryContest.EndToEnd.Infrastructure;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Tests.Judging;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Judging;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.ScaleOut;

/// <summary>
/// Two instances of the real app, as processes on two loopback ports, over ONE PostgreSQL database and
/// ONE Azurite container and queue: what a load balancer in front of them would see.
/// A has its media worker switched off, so only B can process films.
/// An in-process app on the same database sets up data and reads results, as an organizer's tool would.
/// </summary>
public sealed class ScaleOutTests
{
    [PostgresFact]
    public async Task Two_instances_share_the_sign_in_the_film_queue_and_the_scores()
    {
        var database = await Postgres.CreateDatabaseAsync();
        await using var azurite = Azurite.FromEnvironmentOrStart();
        var suffix = Guid.NewGuid().ToString("N")[..12];
        var shared = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres", ["ConnectionStrings__Contest"] = database,
            ["Storage__MediaContainer"] = "scale-media-" + suffix, ["Storage__MediaQueue"] = "scale-jobs-" + suffix,
            ["Maintenance__SweeperEnabled"] = "false", ["Certificates__WorkerEnabled"] = "false",
        };
        var logs = Directory.CreateTempSubdirectory("bsc-scaleout-").FullName;
        try
        {
            // Started together: both migrate the empty database at once (one waits on the other's lock).
            var started = await Task.WhenAll(
                AppProcess.StartAsync(azurite.ConnectionString, Path.Combine(logs, "a.log"), new Dictionary<string, string>(shared) { ["Media__WorkerEnabled"] = "false" }),
                AppProcess.StartAsync(azurite.ConnectionString, Path.Combine(logs, "b.log"), shared));
            await using var a = started[0];
            await using var b = started[1];
            await using var control = new AppFactory
            {
                OwnStorage = azurite.ConnectionString, ContainerName = shared["Storage__MediaContainer"], QueueName = shared["Storage__MediaQueue"],
                Overrides = PostgresSliceTests.WorkersOff(Postgres.Settings(database)),
            };

            // Signed in on A, the same cookie is a signed-in person on B: the key ring is shared.
            var organizer = await control.CreateUserAsync(Roles.Organizer);
            var contest = await TestData.ContestAsync(control, organizer);
            var entrant = await control.CreateUserAsync(Roles.Entrant, realName: "林跨实例");
            var (onA, onB) = Pair(a, b);
            await onA.SignInAsync(entrant.Email!, AppFactory.TestPassword);
            var profile = await onB.Client.GetAsync("/account/profile");
            Assert.Equal(HttpStatusCode.OK, profile.StatusCode);
            Assert.Contains("林跨实例", await profile.Content.ReadAsStringAsync());

            // A film uploaded through A is processed by B's worker; the next step is taken on B again.
            var category = contest.Categories.Single(c => c.Kind == CategoryKind.Film).Id;
            var created = await onA.PostFormAsync($"/contests/{contest.Id}", "/entries/new", new Dictionary<string, string> { ["CategoryId"] = category.ToString() });
            Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
            var entryId = int.Parse(created.Headers.Location!.ToString().Split('/')[2]);
            var films = new Films(control, onA, entryId);
            Assert.Null(await films.UploadAsync("两地.mp4", await Clips.Mp4(640, 360, 2)));
            Assert.Equal(FilmStatus.Ready, (await films.WaitForDecisionAsync(TimeSpan.FromSeconds(60))).FilmStatus);
            // The worker logs just after it saved, so the line may trail the database by a moment.
            await Eventually.Async(() => LogShowsAsync(Path.Combine(logs, "b.log"), $"Film job for entry {entryId}: Ready"),
                TimeSpan.FromSeconds(10), "B's worker logs the film job");
            Assert.False(await LogShowsAsync(Path.Combine(logs, "a.log"), "Film job for entry"), "A's worker is off, yet it processed a film.");
            Assert.Equal(HttpStatusCode.OK, (await onB.Client.GetAsync($"/media/entries/{entryId}/Poster")).StatusCode);

            // A judge scores on A; B shows the saved sheet.
            var scene = await JudgingScenes.CreateAsync(control, judges: 2, entries: 1, judgesPerEntry: 2);
            var assignment = (await JudgingScenes.OpenAsync(control, scene, seed: 7)).First();
            var judge = scene.Judges.Single(j => j.Id == assignment.JudgeId);
            var (judgeOnA, judgeOnB) = Pair(a, b);
            await judgeOnA.SignInAsync(judge.Email!, AppFactory.TestPassword);
            var criteria = await control.DbAsync(db => db.Criteria.Where(c => c.RoundId == scene.RoundId).Select(c => c.Id).ToListAsync());
            var comment = "跨实例评语 " + suffix;
            var fields = new Dictionary<string, string> { ["Version"] = assignment.Version.ToString(), ["Comment"] = comment };
            foreach (var id in criteria) fields[$"Scores[{id}]"] = "7";
            var scored = await judgeOnA.PostFormAsync($"/judging/assignments/{assignment.Id}", $"/judging/assignments/{assignment.Id}", fields);
            Assert.Equal(HttpStatusCode.Redirect, scored.StatusCode);
            Assert.Contains(comment, await judgeOnB.GetHtmlAsync($"/judging/assignments/{assignment.Id}"));
            Assert.Equal(criteria.Count, await control.DbAsync(db => db.CriterionScores.CountAsync(s => s.AssignmentId == assignment.Id && s.Value == 7)));
        }
        finally
        {
            await Postgres.DropDatabaseAsync(database);
            try { Directory.Delete(logs, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>Reads the log an instance is still writing.</summary>
    private static async Task<bool> LogShowsAsync(string file, string text)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        return (await new StreamReader(stream).ReadToEndAsync()).Contains(text);
    }

    /// <summary>Two browsers' worth of clients sharing one cookie jar, one per instance (cookies ignore the port).</summary>
    private static (Browserless OnA, Browserless OnB) Pair(AppProcess a, AppProcess b)
    {
        var cookies = new CookieContainer();
        Browserless On(AppProcess app) => new(new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
            { BaseAddress = new Uri(app.BaseUrl) });
        return (On(a), On(b));
    }
}
