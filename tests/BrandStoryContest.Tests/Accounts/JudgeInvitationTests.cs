using System.Net;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Accounts;

public sealed class JudgeInvitationTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task An_organizer_invites_a_judge_by_link_and_the_link_works_once()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var web = Browserless.For(app);
        await web.SignInAsync(organizer.Email!, AppFactory.TestPassword);
        var invitee = await app.CreateUserAsync(Roles.Entrant);
        var invited = await web.PostFormAsync($"/contests/{contest.Id}", "/judges/invite", new Dictionary<string, string>
        {
            ["ContestId"] = contest.Id.ToString(), ["Email"] = invitee.Email!,
        });
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        var link = await app.DbAsync(db => db.Outbox.Where(m => m.To == invitee.Email).Select(m => m.Link).SingleAsync());

        var judgeWeb = Browserless.For(app);
        await judgeWeb.SignInAsync(invitee.Email!, AppFactory.TestPassword);
        var path = new Uri(link!).PathAndQuery;
        var token = path[(path.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        var accepted = await judgeWeb.PostFormAsync(path, "/judges/accept", new Dictionary<string, string> { ["Token"] = token });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.True(await app.DbAsync(db => db.ContestJudges.AnyAsync(j => j.ContestId == contest.Id && j.JudgeId == invitee.Id)));
        Assert.True(await app.DbAsync(db => (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                                             where ur.UserId == invitee.Id && r.Name == Roles.Judge select ur).AnyAsync()));

        var again = await judgeWeb.PostFormAsync(path, "/judges/accept", new Dictionary<string, string> { ["Token"] = token });
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
    }

    [Fact]
    public async Task An_organizer_cannot_invite_judges_to_another_organizers_contest()
    {
        var owner = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, owner);
        var intruder = await app.CreateUserAsync(Roles.Organizer);
        var web = Browserless.For(app);
        await web.SignInAsync(intruder.Email!, AppFactory.TestPassword);
        var response = await web.PostFormAsync("/", "/judges/invite", new Dictionary<string, string>
        {
            ["ContestId"] = contest.Id.ToString(), ["Email"] = "friend@test.local",
        });
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.False(await app.DbAsync(db => db.JudgeInvitations.AnyAsync(i => i.ContestId == contest.Id)));
    }
}
