using System.Net;
using System.Text.RegularExpressions;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Tests.Judging;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Contests;
using BrandStoryContest.Web.Features.Judging;

namespace BrandStoryContest.Tests.Contests;

public sealed class DashboardTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_dashboard_counts_entries_judging_progress_and_the_score_spread()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 2, entries: 3, judgesPerEntry: 2);
        var first = (await JudgingScenes.OpenAsync(app, scene)).First();
        await JudgingScenes.ScoreAsync(app, scene.Judges.Single(j => j.Id == first.JudgeId), first, 9); // 90 → the last bin

        var view = (await app.SendAsync(scene.Organizer, new ContestDashboardQuery(scene.Contest.Id))).Value;
        Assert.Equal(3, view!.Categories.Sum(c => c.Submitted));
        Assert.Equal(3, view.SubmissionsPerDay.Sum(d => d.Count));
        Assert.Equal(6, view.Judges.Sum(j => j.Assigned));
        Assert.Equal(1, view.Judges.Sum(j => j.Scored));
        Assert.Equal(1, view.ScoreDistributions.Single().Bins[9]);
        Assert.True(view.DaysToClose is > 6 and < 7.1);

        var web = Browserless.For(app);
        await web.SignInAsync(scene.Organizer.Email!, AppFactory.TestPassword);
        var html = await web.GetHtmlAsync($"/manage/contests/{scene.Contest.Id}/dashboard");
        Assert.Contains("各轮评分分布", html);
        Assert.True(Regex.Matches(html, "<rect ").Count >= 11, "one bar per day plus ten score bins");

        var stranger = await app.CreateUserAsync(Roles.Organizer);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(stranger, new ContestDashboardQuery(scene.Contest.Id))).Outcome);
        var other = Browserless.For(app);
        await other.SignInAsync(stranger.Email!, AppFactory.TestPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/manage/contests/{scene.Contest.Id}/dashboard")).StatusCode);
    }
}
