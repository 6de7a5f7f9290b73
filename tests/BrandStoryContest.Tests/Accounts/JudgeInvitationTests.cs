using System.Net;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.JudgeInvitations;
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

        // Once: the second use gets the refusal page, and nothing changes.
        var again = await judgeWeb.PostFormAsync("/account/profile", "/judges/accept", new Dictionary<string, string> { ["Token"] = token });
        Assert.Equal(HttpStatusCode.Forbidden, again.StatusCode);
        Assert.Contains("id=\"invitation-refused\"", await again.Content.ReadAsStringAsync());
        Assert.Equal(1, await app.DbAsync(db => db.Audit.CountAsync(a => a.Action == "AcceptJudgeInvitation" && a.EntityId == contest.Id.ToString())));
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

/// <summary>The invitation is the invited person's: not a forwarded link's holder's, once, and not after it expires.</summary>
public sealed class JudgeInvitationHolderTests(ClockedApp app) : IClassFixture<ClockedApp>
{
    private async Task<(Contest Contest, string Token)> InviteAsync(string email)
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        Assert.True((await app.SendAsync(organizer, new InviteJudgeCommand { ContestId = contest.Id, Email = email })).IsOk);
        var token = await app.DbAsync(db => db.JudgeInvitations.Where(i => i.ContestId == contest.Id).Select(i => i.Token).SingleAsync());
        return (contest, token);
    }

    private static Task<HttpResponseMessage> AcceptAsync(Browserless web, string token) =>
        web.PostFormAsync("/account/profile", "/judges/accept", new Dictionary<string, string> { ["Token"] = token });

    private Task<bool> IsJudgeAsync(Contest contest, Account who) =>
        app.DbAsync(db => db.ContestJudges.AnyAsync(j => j.ContestId == contest.Id && j.JudgeId == who.Id));

    [Fact]
    public async Task Another_account_is_refused_with_a_clear_page_and_the_link_still_works_for_the_invited_judge()
    {
        var invitee = await app.CreateUserAsync(Roles.Entrant);
        // Invited with different case and spaces: still the same person.
        var (contest, token) = await InviteAsync("  " + invitee.Email!.ToUpperInvariant() + " ");
        var intruder = await app.CreateUserAsync(Roles.Entrant);
        var intruderWeb = Browserless.For(app);
        await intruderWeb.SignInAsync(intruder.Email!, AppFactory.TestPassword);

        var page = await intruderWeb.Client.GetAsync($"/judges/accept?token={token}");
        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        var pageHtml = await page.Content.ReadAsStringAsync();
        Assert.Contains("id=\"invitation-refused\"", pageHtml);
        Assert.DoesNotContain("Accept invitation", pageHtml);
        var refused = await AcceptAsync(intruderWeb, token);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        var html = WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("id=\"invitation-refused\"", html);
        Assert.Contains("此邀请发给了另一个邮箱", html); // in the reader's language (zh-CN by default)
        Assert.False(await IsJudgeAsync(contest, intruder));
        Assert.Null(await app.DbAsync(db => db.JudgeInvitations.Where(i => i.Token == token).Select(i => i.AcceptedAt).SingleAsync()));

        var judgeWeb = Browserless.For(app);
        await judgeWeb.SignInAsync(invitee.Email!, AppFactory.TestPassword);
        Assert.Equal(HttpStatusCode.Redirect, (await AcceptAsync(judgeWeb, token)).StatusCode);
        Assert.True(await IsJudgeAsync(contest, invitee));
    }

    [Fact]
    public async Task A_used_invitation_is_refused_to_everyone_afterwards()
    {
        var invitee = await app.CreateUserAsync(Roles.Entrant);
        var (contest, token) = await InviteAsync(invitee.Email!);
        var web = Browserless.For(app);
        await web.SignInAsync(invitee.Email!, AppFactory.TestPassword);
        Assert.Equal(HttpStatusCode.Redirect, (await AcceptAsync(web, token)).StatusCode);

        var second = await AcceptAsync(web, token);
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Contains("此邀请已被使用", WebUtility.HtmlDecode(await second.Content.ReadAsStringAsync()));
        var other = await app.CreateUserAsync(Roles.Entrant);
        var otherWeb = Browserless.For(app);
        await otherWeb.SignInAsync(other.Email!, AppFactory.TestPassword);
        Assert.Equal(HttpStatusCode.Forbidden, (await AcceptAsync(otherWeb, token)).StatusCode);
        Assert.False(await IsJudgeAsync(contest, other));
    }

    [Fact]
    public async Task An_invitation_expires_after_fourteen_days()
    {
        var invitee = await app.CreateUserAsync(Roles.Entrant);
        var (contest, token) = await InviteAsync(invitee.Email!);
        var mail = await app.DbAsync(db => db.Outbox.Where(m => m.To == invitee.Email).Select(m => m.Text).SingleAsync());
        var expires = await app.DbAsync(db => db.JudgeInvitations.Where(i => i.Token == token).Select(i => i.ExpiresAt).SingleAsync());
        Assert.Equal(app.Clock.GetUtcNow().AddDays(JudgeInvitation.ValidDays), expires, TimeSpan.FromMilliseconds(1));
        Assert.Contains(ContestTime.Format(expires, contest.TimeZoneId), mail); // the deadline in the contest's time zone

        app.Clock.Advance(TimeSpan.FromDays(JudgeInvitation.ValidDays) + TimeSpan.FromMinutes(1));
        var web = Browserless.For(app);
        await web.SignInAsync(invitee.Email!, AppFactory.TestPassword);
        var late = await AcceptAsync(web, token);
        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
        Assert.Contains("此邀请已于", WebUtility.HtmlDecode(await late.Content.ReadAsStringAsync()));
        Assert.False(await IsJudgeAsync(contest, invitee));
    }
}
