using System.Net;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Admin;
using BrandStoryContest.Web.Features.JudgeInvitations;
using BrandStoryContest.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BrandStoryContest.Tests.Mail;

/// <summary>/admin/outbox: admins read everything, an organizer only their contests' messages; failed ones can be sent again.</summary>
public sealed class OutboxPageTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task An_organizer_reads_only_the_messages_of_contests_they_run_and_never_account_mail()
    {
        var mine = await app.CreateUserAsync(Roles.Organizer);
        var other = await app.CreateUserAsync(Roles.Organizer);
        var myContest = await TestData.ContestAsync(app, mine);
        var theirContest = await TestData.ContestAsync(app, other);
        var myInvitee = $"judge-{Guid.NewGuid():N}@test.local";
        var theirInvitee = $"judge-{Guid.NewGuid():N}@test.local";
        Assert.True((await app.SendAsync(mine, new InviteJudgeCommand { ContestId = myContest.Id, Email = myInvitee })).IsOk);
        Assert.True((await app.SendAsync(other, new InviteJudgeCommand { ContestId = theirContest.Id, Email = theirInvitee })).IsOk);
        var account = await QueueAccountMailAsync();

        var web = Browserless.For(app);
        await web.SignInAsync(mine.Email!, AppFactory.TestPassword);
        var page = await web.GetHtmlAsync("/admin/outbox");
        Assert.Contains(myInvitee, page);
        Assert.DoesNotContain(theirInvitee, page);
        Assert.DoesNotContain(account, page);
        Assert.Contains(myInvitee, await web.GetHtmlAsync($"/admin/outbox?contest={myContest.Id}"));

        // Another organizer's contest id in the URL is not found, and shows nothing of it.
        var peek = await web.Client.GetAsync($"/admin/outbox?contest={theirContest.Id}");
        Assert.Equal(HttpStatusCode.NotFound, peek.StatusCode);
        Assert.DoesNotContain(theirInvitee, await peek.Content.ReadAsStringAsync());
        // Neither can a search by address reach it.
        Assert.DoesNotContain(Row(theirInvitee), await web.GetHtmlAsync($"/admin/outbox?to={theirInvitee}"));

        var admin = await app.CreateUserAsync(Roles.Admin);
        var adminWeb = Browserless.For(app);
        await adminWeb.SignInAsync(admin.Email!, AppFactory.TestPassword);
        Assert.Contains(theirInvitee, await adminWeb.GetHtmlAsync($"/admin/outbox?contest={theirContest.Id}"));
        Assert.Contains(account, await adminWeb.GetHtmlAsync($"/admin/outbox?to={account}"));

        // Judges and entrants do not get in at all.
        var entrant = Browserless.For(app);
        var someone = await app.CreateUserAsync(Roles.Entrant);
        await entrant.SignInAsync(someone.Email!, AppFactory.TestPassword);
        var refused = await entrant.Client.GetAsync("/admin/outbox");
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }

    [Fact]
    public async Task Messages_are_filtered_by_state_and_paged_fifty_at_a_time()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        for (var i = 0; i < 60; i++)
            Assert.True((await app.SendAsync(organizer, new InviteJudgeCommand { ContestId = contest.Id, Email = $"p{i}-{Guid.NewGuid():N}@test.local" })).IsOk);
        var failedId = await app.DbAsync(async db =>
        {
            var row = await db.Outbox.Where(m => m.ContestId == contest.Id).OrderBy(m => m.Id).FirstAsync();
            row.State = OutboxState.Failed;
            await db.SaveChangesAsync();
            return row.Id;
        });

        var first = (await app.SendAsync(organizer, new ReadOutboxQuery(contest.Id))).Value;
        Assert.Equal((50, 2, 60), (first.Rows.Count, first.Pages, first.Total));
        var second = (await app.SendAsync(organizer, new ReadOutboxQuery(contest.Id, Page: 2))).Value;
        Assert.Equal(10, second.Rows.Count);
        Assert.Empty(first.Rows.Select(r => r.Id).Intersect(second.Rows.Select(r => r.Id)));
        var failed = (await app.SendAsync(organizer, new ReadOutboxQuery(contest.Id, OutboxState.Failed))).Value;
        Assert.Equal(failedId, Assert.Single(failed.Rows).Id);

        var web = Browserless.For(app);
        await web.SignInAsync(organizer.Email!, AppFactory.TestPassword);
        var html = await web.GetHtmlAsync($"/admin/outbox?contest={contest.Id}&state=Failed");
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "class=\"outbox-message\""));
    }

    [Fact]
    public async Task Send_again_puts_a_failed_message_back_in_the_queue_audited_and_only_for_its_contest_s_organizer()
    {
        var owner = await app.CreateUserAsync(Roles.Organizer);
        var intruder = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, owner);
        Assert.True((await app.SendAsync(owner, new InviteJudgeCommand { ContestId = contest.Id, Email = $"r-{Guid.NewGuid():N}@test.local" })).IsOk);
        var id = await app.DbAsync(async db =>
        {
            var row = await db.Outbox.SingleAsync(m => m.ContestId == contest.Id);
            (row.State, row.Attempts, row.LastError) = (OutboxState.Failed, 8, "550 mailbox unavailable");
            await db.SaveChangesAsync();
            return row.Id;
        });
        var messageId = await app.DbAsync(db => db.Outbox.Where(m => m.Id == id).Select(m => m.MessageId).SingleAsync());

        var intruderWeb = Browserless.For(app);
        await intruderWeb.SignInAsync(intruder.Email!, AppFactory.TestPassword);
        var refused = await intruderWeb.PostFormAsync("/account/profile", $"/admin/outbox/{id}/resend", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(OutboxState.Failed, await app.DbAsync(db => db.Outbox.Where(m => m.Id == id).Select(m => m.State).SingleAsync()));

        var web = Browserless.For(app);
        await web.SignInAsync(owner.Email!, AppFactory.TestPassword);
        var page = await web.GetHtmlAsync($"/admin/outbox?contest={contest.Id}");
        Assert.Contains("550 mailbox unavailable", page);
        var resent = await web.PostFormAsync($"/admin/outbox?contest={contest.Id}", $"/admin/outbox/{id}/resend", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        var row = await app.DbAsync(db => db.Outbox.AsNoTracking().SingleAsync(m => m.Id == id));
        Assert.Equal((OutboxState.Pending, 0, messageId), (row.State, row.Attempts, row.MessageId));
        Assert.True(await app.DbAsync(db => db.Audit.AnyAsync(a => a.Action == "ResendMail" && a.EntityId == id.ToString() && a.ActorId == owner.Id)));

        // Only failed messages: a pending one is not "sent again".
        var twice = await web.PostFormAsync("/account/profile", $"/admin/outbox/{id}/resend", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.NotFound, twice.StatusCode);
    }

    private static string Row(string to) => $"<span class=\"outbox-to\">{to}</span>";

    private async Task<string> QueueAccountMailAsync()
    {
        var email = $"account-{Guid.NewGuid():N}@test.local";
        await app.RunAsAsync(null, async sp =>
        {
            sp.GetRequiredService<Outbox>().Queue(new MailRecipient(email, null, Languages.Chinese),
                new BrandStoryContest.Web.Features.Accounts.ConfirmEmailMail("x", "https://contest.test/account/confirm"));
            return await sp.GetRequiredService<ContestDb>().SaveChangesAsync();
        });
        return email;
    }
}
