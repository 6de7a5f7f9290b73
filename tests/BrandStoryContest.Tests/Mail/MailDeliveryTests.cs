using System.Net;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Mail;

/// <summary>The app as it runs: the hosted dispatcher delivers to a real SMTP server on loopback, over HTTP flows.</summary>
public sealed class MailDeliveryTests(MailAppFactory app) : IClassFixture<MailAppFactory>
{
    [Fact]
    public async Task Registering_and_confirming_through_the_link_in_the_received_mail_works_end_to_end()
    {
        var web = Browserless.For(app);
        var email = $"mail-{Guid.NewGuid():N}@test.local";
        var registered = await web.PostFormAsync("/account/register", "/account/register", new Dictionary<string, string>
        {
            ["Email"] = email, ["RealName"] = "Lin Xiaoyu", ["Password"] = "Secret123", ["ConfirmPassword"] = "Secret123",
            ["PreferredLanguage"] = "en",
        });
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);

        var mail = await app.Smtp.WaitForAsync(email);
        Assert.Equal("Confirm your BrandStoryContest account", mail.Subject);
        Assert.Equal("en", mail.Body!.Headers["Content-Language"]);
        Assert.Contains("Hello Lin Xiaoyu", mail.TextBody);
        Assert.Contains("Confirm my email", mail.HtmlBody);
        var row = await app.DbAsync(db => db.Outbox.SingleAsync(m => m.To == email));
        Assert.Equal(row.MessageId, mail.MessageId);
        Assert.Equal("contest@catcher.test", mail.From.Mailboxes.Single().Address);

        // The link is absolute under App:PublicUrl (never the request's Host) and it works.
        var link = Links(mail.TextBody ?? "").Single(l => l.Contains("/account/confirm"));
        Assert.StartsWith(MailAppFactory.PublicUrl + "/account/confirm?", link);
        Assert.Contains($"href=\"{WebUtility.HtmlEncode(link)}\"", mail.HtmlBody);
        Assert.Contains("id=\"confirmed\"", await web.ConfirmEmailAsync(new Uri(link).PathAndQuery));
        await web.SignInAsync(email, "Secret123");
        Assert.Contains("Lin Xiaoyu", await web.GetHtmlAsync("/account/profile"));

        await SmtpCatcher.WaitUntilAsync(() => app.DbAsync(db => db.Outbox.AnyAsync(m => m.To == email && m.State == OutboxState.Sent)).Result,
            TimeSpan.FromSeconds(10), "the row to be marked sent");
    }

    [Fact]
    public async Task A_judge_accepts_the_invitation_from_its_mail_in_their_language()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var invitee = await app.CreateUserAsync(Roles.Entrant);
        var organizerWeb = Browserless.For(app);
        await organizerWeb.SignInAsync(organizer.Email!, AppFactory.TestPassword);
        var invited = await organizerWeb.PostFormAsync($"/contests/{contest.Id}", "/judges/invite", new Dictionary<string, string>
        {
            ["ContestId"] = contest.Id.ToString(), ["Email"] = invitee.Email!,
        });
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);

        var mail = await app.Smtp.WaitForAsync(invitee.Email!);
        // The invitee's account prefers Chinese (the default), so the mail is Chinese and names the contest.
        Assert.Equal($"诚邀您担任「{contest.TitleZh}」评委", mail.Subject);
        Assert.Equal("zh-CN", mail.Body!.Headers["Content-Language"]);
        var link = Links(mail.TextBody ?? "").Single(l => l.Contains("/judges/accept"));
        Assert.StartsWith(MailAppFactory.PublicUrl, link);

        var judgeWeb = Browserless.For(app);
        await judgeWeb.SignInAsync(invitee.Email!, AppFactory.TestPassword);
        var path = new Uri(link).PathAndQuery;
        var token = path[(path.IndexOf("token=", StringComparison.Ordinal) + 6)..];
        var accepted = await judgeWeb.PostFormAsync(path, "/judges/accept", new Dictionary<string, string> { ["Token"] = token });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.True(await app.DbAsync(db => db.ContestJudges.AnyAsync(j => j.ContestId == contest.Id && j.JudgeId == invitee.Id)));
    }

    private static List<string> Links(string text) =>
        text.Split(['\n', ' ', '\r'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.StartsWith("http", StringComparison.Ordinal)).ToList();
}
