using System.Net;
using System.Text.RegularExpressions;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Entries;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Entries;

/// <summary>A co-author with an account is mailed a confirm link (in their language, through real SMTP) and only that account, signed in, can use it.</summary>
public sealed partial class CoAuthorConfirmationTests(MailAppFactory app) : IClassFixture<MailAppFactory>
{
    [Fact]
    public async Task A_linked_co_author_confirms_by_the_mailed_link_and_nobody_else_can()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var stories = contest.Categories.Single(c => c.Kind == CategoryKind.Story);
        var entrant = await app.CreateUserAsync(Roles.Entrant, realName: "队长王一");
        var english = await app.CreateUserAsync(Roles.Entrant, realName: "Lin Xiaoyu");
        var chinese = await app.CreateUserAsync(Roles.Entrant, realName: "张三");
        var stranger = await app.CreateUserAsync(Roles.Entrant);
        await app.DbAsync(async db => { (await db.Users.SingleAsync(u => u.Id == english.Id)).PreferredLanguage = Languages.English; return await db.SaveChangesAsync(); });
        var id = (await app.SendAsync(entrant, new StartEntryCommand(stories.Id))).Value;

        var web = Browserless.For(app);
        await web.SignInAsync(entrant.Email!, AppFactory.TestPassword);
        foreach (var (name, email) in new[] { ("Lin Xiaoyu", english.Email!.ToUpperInvariant()), ("张三", chinese.Email!), ("没有账号的人", "nobody-" + Guid.NewGuid().ToString("N") + "@test.local") })
        {
            var added = await web.PostFormAsync($"/entries/{id}/edit", $"/entries/{id}/authors", new Dictionary<string, string>
            {
                ["Name"] = name, ["Organization"] = "远山小学", ["Email"] = email, ["Role"] = "Author",
            });
            Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        }
        var authors = await app.DbAsync(db => db.EntryAuthors.AsNoTracking().Where(a => a.EntryId == id).OrderBy(a => a.Order).ToListAsync());
        Assert.Equal([english.Id, chinese.Id, null], authors.Select(a => a.AccountId));

        var mail = await app.Smtp.WaitForAsync(english.Email!);
        Assert.Equal("en", mail.Body!.Headers["Content-Language"]);
        Assert.Contains("队长王一 named you as co-author", mail.Subject);
        var zh = await app.Smtp.WaitForAsync(chinese.Email!);
        Assert.Contains("将您列为作品的合作作者", zh.Subject);
        Assert.Contains("确认", zh.HtmlBody);
        // Someone given without an account is listed by name and gets nothing.
        Assert.False(await app.DbAsync(db => db.Outbox.AnyAsync(m => m.To == authors[2].Email)));

        var link = LinkPattern().Match(mail.TextBody!).Value;
        Assert.StartsWith(MailAppFactory.PublicUrl + "/co-authors/confirm?token=", link);
        var path = new Uri(link).PathAndQuery;
        var token = Uri.UnescapeDataString(path[(path.IndexOf('=') + 1)..]);

        // Another account, and the entrant, get "not found" for the page and for the button, and nothing changes.
        foreach (var wrong in new[] { stranger, entrant, chinese })
        {
            var other = Browserless.For(app);
            await other.SignInAsync(wrong.Email!, AppFactory.TestPassword);
            Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync(path)).StatusCode);
            var own = Browserless.AntiforgeryToken(await other.GetHtmlAsync("/account/profile"));
            var posted = await other.Client.PostAsync("/co-authors/confirm", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["token"] = token, ["__RequestVerificationToken"] = own,
            }));
            Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        }
        Assert.Null(await app.DbAsync(db => db.EntryAuthors.Where(a => a.Id == authors[0].Id).Select(a => a.ConfirmedAt).SingleAsync()));

        // The linked account: the page shows the button and changes nothing; the button confirms.
        var coAuthor = Browserless.For(app);
        await coAuthor.SignInAsync(english.Email!, AppFactory.TestPassword);
        var page = await coAuthor.GetHtmlAsync(path);
        Assert.Contains("id=\"confirm-co-author\"", page);
        Assert.Null(await app.DbAsync(db => db.EntryAuthors.Where(a => a.Id == authors[0].Id).Select(a => a.ConfirmedAt).SingleAsync()));
        var confirmed = await coAuthor.PostFormAsync(path, "/co-authors/confirm", new Dictionary<string, string> { ["token"] = token });
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.NotNull(await app.DbAsync(db => db.EntryAuthors.Where(a => a.Id == authors[0].Id).Select(a => a.ConfirmedAt).SingleAsync()));
        Assert.Contains("id=\"co-author-confirmed\"", await coAuthor.GetHtmlAsync(path));

        // The entrant's page: confirmed, unconfirmed, and the one without an account with no badge.
        var edit = WebUtility.HtmlDecode(await web.GetHtmlAsync($"/entries/{id}/edit"));
        var rows = RowPattern().Matches(edit).Select(m => m.Value).ToList();
        Assert.Equal(3, rows.Count);
        Assert.Contains("已确认", rows[0]);
        Assert.Contains("未确认", rows[1]);
        Assert.DoesNotContain("确认", rows[2]);
    }

    [GeneratedRegex(@"https?://\S+/co-authors/confirm\?token=[0-9a-f]+")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"<li class=""list-group-item[^""]*author-row"">.*?</li>", RegexOptions.Singleline)]
    private static partial Regex RowPattern();
}
