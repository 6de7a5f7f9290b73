using System.Net;
using System.Text.RegularExpressions;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Admin;
using BrandStoryContest.Web.Features.Contests;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Features.Objections;
using BrandStoryContest.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Contests;

/// <summary>
/// The organizer's entry rows, objections page and the admin's user list are kept under data versions (issue 19): the
/// entry rows rendered once per kept page and language, with each request's own antiforgery token put into their forms.
/// Every write to a field those pages show is in the very next view, on this instance and on another one.
/// </summary>
public sealed partial class OrganizerListKeptTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_repeat_view_reuses_the_kept_rows()
    {
        var (organizer, contest, _, _, _) = await SceneAsync(app);
        var first = await app.SendAsync(organizer, new ContestEntriesQuery(contest.Id, new EntryFilter(), new PageRequest()));
        var again = await app.SendAsync(organizer, new ContestEntriesQuery(contest.Id, new EntryFilter(), new PageRequest()));
        Assert.True(first.IsOk);
        Assert.Same(first.Value.Entries.Items, again.Value.Entries.Items);
        Assert.NotSame(first.Value.Entries.Items, (await app.SendAsync(organizer, new ContestEntriesQuery(contest.Id, new EntryFilter(), new PageRequest(1, 2)))).Value.Entries.Items);
    }

    [Fact]
    public async Task Every_field_a_row_shows_changes_in_the_next_view()
    {
        var (organizer, contest, story, film, entrant) = await SceneAsync(app);
        var page = await SignedInAsync(app, organizer);
        var url = $"/manage/contests/{contest.Id}";
        var html = await page.GetHtmlAsync(url);
        Assert.Contains("海川品牌故事", html);
        Assert.DoesNotContain("attachment-warning", html);
        Assert.Equal(html.Length, (await page.GetHtmlAsync(url)).Length); // the kept rows, rendered again with this request's token

        await ChangeAsync(app, film.Id, e => { e.FilmStatus = FilmStatus.Ready; e.DurationSeconds = 97; e.PosterBlob = "poster.jpg"; });
        html = await page.GetHtmlAsync(url);
        Assert.Contains(">97 s<", html);
        Assert.Contains($"/media/entries/{film.Id}/Poster", html);

        await ChangeAsync(app, story.Id, e => { e.AttachmentBlob = "a.docx"; e.AttachmentUnreadable = true; });
        Assert.Contains("attachment-warning", await page.GetHtmlAsync(url));

        await ChangeAsync(app, story.Id, e => { e.State = EntryState.Disqualified; e.DisqualificationReason = "抄袭"; });
        Assert.Contains("抄袭", await page.GetHtmlAsync(url));
        await ChangeAsync(app, story.Id, e => e.DisqualificationReason = "与他人作品雷同");
        html = await page.GetHtmlAsync(url);
        Assert.Contains("与他人作品雷同", html);
        Assert.DoesNotContain("抄袭", html);

        await app.DbAsync(async db =>
        {
            var account = await db.Users.SingleAsync(u => u.Id == entrant.Id);
            (account.RealName, account.Organization) = ("林海川", "海川文化传媒");
            return await db.SaveChangesAsync();
        });
        html = await page.GetHtmlAsync(url);
        Assert.Contains("林海川", html);
        Assert.Contains("海川文化传媒", html);
    }

    [Fact]
    public async Task Kept_rows_carry_each_requests_own_antiforgery_token_and_its_language()
    {
        var (organizer, contest, story, _, _) = await SceneAsync(app);
        var zh = await SignedInAsync(app, organizer);
        var en = await SignedInAsync(app, organizer);
        Assert.Equal(HttpStatusCode.Redirect, (await en.Client.GetAsync($"/language?culture=en&returnUrl=/manage/contests/{contest.Id}")).StatusCode);
        var url = $"/manage/contests/{contest.Id}";
        for (var view = 0; view < 2; view++) // the first view renders the rows, the second reuses them
        {
            var zhHtml = await zh.GetHtmlAsync(url);
            var enHtml = await en.GetHtmlAsync(url);
            Assert.Contains(">取消资格<", zhHtml);
            Assert.DoesNotContain(">Disqualify<", zhHtml);
            Assert.Contains(">Disqualify<", enHtml);
            Assert.DoesNotContain(">取消资格<", enHtml);
            Assert.DoesNotContain(KeptRows.TokenSlot, zhHtml);
            // Every form of a page holds that page's token: the rows' forms the same as the layout's.
            var zhTokens = Tokens(zhHtml);
            var enTokens = Tokens(enHtml);
            Assert.True(zhTokens.Count > 2);
            Assert.Single(zhTokens.Distinct());
            Assert.Single(enTokens.Distinct());
            Assert.NotEqual(zhTokens[0], enTokens[0]);
        }

        // And it is accepted: the row's own form disqualifies the entry, posted with the token the kept rows carried.
        var html = await zh.GetHtmlAsync(url);
        var form = FormOf(html, $"/manage/entries/{story.Id}/disqualify");
        var response = await zh.Client.PostAsync($"/manage/entries/{story.Id}/disqualify", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["reason"] = "重复投稿", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(Tokens(form).Single()),
        }));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("重复投稿", await zh.GetHtmlAsync(url));
    }

    [Fact]
    public async Task Kept_objection_cards_and_user_rows_carry_each_requests_own_antiforgery_token()
    {
        var (organizer, contest, story, _, entrant) = await SceneAsync(app);
        var objection = new Objection { ContestId = contest.Id, EntryId = story.Id, FiledById = entrant.Id, Reason = "疑似抄袭", FiledAt = DateTimeOffset.UtcNow };
        await app.DbAsync(async db => { db.Objections.Add(objection); return await db.SaveChangesAsync(); });
        var admin = await app.CreateUserAsync(Roles.Admin);
        var pages = new[]
        {
            (Url: $"/manage/contests/{contest.Id}/objections", Form: $"/manage/objections/{objection.Id}/decide", One: await SignedInAsync(app, organizer), Two: await SignedInAsync(app, organizer)),
            (Url: $"/admin/users?search={Uri.EscapeDataString(entrant.Email!)}", Form: "/admin/users/role", One: await SignedInAsync(app, admin), Two: await SignedInAsync(app, admin)),
        };
        foreach (var (url, form, one, two) in pages)
            for (var view = 0; view < 2; view++) // the first view renders the cards or rows, the second reuses them
            {
                var (oneHtml, twoHtml) = (await one.GetHtmlAsync(url), await two.GetHtmlAsync(url));
                Assert.DoesNotContain(KeptRows.TokenSlot, oneHtml);
                Assert.DoesNotContain(KeptRows.TokenSlot, twoHtml);
                // The kept part's form (one objection's decision, one account's roles) holds the page's own token, as the layout's forms do.
                var (oneTokens, twoTokens) = (Tokens(oneHtml), Tokens(twoHtml));
                Assert.Equal(oneTokens[0], Assert.Single(Tokens(FormOf(oneHtml, form))));
                Assert.Equal(twoTokens[0], Assert.Single(Tokens(FormOf(twoHtml, form))));
                Assert.Single(oneTokens.Distinct());
                Assert.Single(twoTokens.Distinct());
                Assert.NotEqual(oneTokens[0], twoTokens[0]);
            }
    }

    [Fact]
    public async Task An_objection_filed_or_decided_and_the_filers_address_show_at_once()
    {
        var (organizer, contest, story, _, entrant) = await SceneAsync(app);
        var filer = await app.CreateUserAsync(Roles.Entrant, "周明");
        var first = await ObjectionsAsync(app, organizer, contest);
        Assert.Same(first.Objections.Items, (await ObjectionsAsync(app, organizer, contest)).Objections.Items);
        Assert.Equal((0, 0), (first.Objections.Info.Total, first.Pending));

        var objection = new Objection { ContestId = contest.Id, EntryId = story.Id, FiledById = filer.Id, Reason = "疑似抄袭", FiledAt = DateTimeOffset.UtcNow };
        await app.DbAsync(async db => { db.Objections.Add(objection); return await db.SaveChangesAsync(); });
        var filed = await ObjectionsAsync(app, organizer, contest);
        Assert.Equal((1, 1), (filed.Objections.Info.Total, filed.Pending));
        Assert.Equal(filer.Email, filed.Objections.Items.Single().FiledByEmail);

        await app.DbAsync(async db =>
        {
            var account = await db.Users.SingleAsync(u => u.Id == filer.Id);
            account.Email = "zhouming@example.org";
            return await db.SaveChangesAsync();
        });
        Assert.Equal("zhouming@example.org", (await ObjectionsAsync(app, organizer, contest)).Objections.Items.Single().FiledByEmail);

        await ChangeAsync(app, story.Id, e => e.Title = "海川品牌故事（修订）");
        Assert.Equal("海川品牌故事（修订）", (await ObjectionsAsync(app, organizer, contest)).Objections.Items.Single().Title);

        await app.DbAsync(async db =>
        {
            var o = await db.Objections.SingleAsync(x => x.Id == objection.Id);
            (o.State, o.Decision, o.DecidedAt) = (ObjectionState.Dismissed, "证据不足", DateTimeOffset.UtcNow);
            return await db.SaveChangesAsync();
        });
        var decided = await ObjectionsAsync(app, organizer, contest);
        Assert.Equal(0, decided.Pending);
        Assert.Equal("证据不足", decided.Objections.Items.Single().Decision);
    }

    [Fact]
    public async Task A_new_account_a_role_grant_a_lockout_and_a_renamed_account_show_at_once_in_the_user_list()
    {
        var admin = await app.CreateUserAsync(Roles.Admin);
        var tag = Guid.NewGuid().ToString("N")[..10];
        var one = await app.CreateUserAsync(Roles.Entrant, $"Kept {tag} one");
        var first = await UsersAsync(app, admin, tag);
        Assert.Equal([one.Id], first.Users.Items.Select(u => u.Id));

        var two = await app.CreateUserAsync(Roles.Entrant, $"Kept {tag} two");
        Assert.Equal(2, (await UsersAsync(app, admin, tag)).Users.Info.Total);

        await app.DbAsync(async db =>
        {
            var judge = await db.Roles.SingleAsync(r => r.Name == Roles.Judge);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = one.Id, RoleId = judge.Id });
            return await db.SaveChangesAsync();
        });
        Assert.Equal([Roles.Entrant, Roles.Judge], (await UsersAsync(app, admin, tag)).Users.Items.Single(u => u.Id == one.Id).Roles);
        Assert.Equal([one.Id], (await app.SendAsync(admin, new ListUsersQuery(tag, Roles.Judge))).Value.Users.Items.Select(u => u.Id));

        await app.DbAsync(async db =>
        {
            var account = await db.Users.SingleAsync(u => u.Id == two.Id);
            (account.RealName, account.LockoutEnd) = ($"Kept {tag} renamed", DateTimeOffset.UtcNow.AddDays(1));
            return await db.SaveChangesAsync();
        });
        var renamed = (await UsersAsync(app, admin, tag)).Users.Items.Single(u => u.Id == two.Id);
        Assert.Equal(($"Kept {tag} renamed", true), (renamed.RealName, renamed.LockedOut));
    }

    [Fact]
    public async Task A_lockout_that_runs_out_shows_without_a_write()
    {
        // Whether an account is locked out moves with the clock alone: the kept user rows must not hold on to it.
        await using var clocked = new ClockedApp();
        var admin = await clocked.CreateUserAsync(Roles.Admin);
        var tag = Guid.NewGuid().ToString("N")[..10];
        var locked = await clocked.CreateUserAsync(Roles.Entrant, $"Locked {tag}");
        await clocked.DbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == locked.Id)).LockoutEnd = clocked.Clock.GetUtcNow().AddMinutes(10);
            return await db.SaveChangesAsync();
        });
        var page = await SignedInAsync(clocked, admin);
        var url = $"/admin/users?search={tag}";
        for (var view = 0; view < 2; view++)
        {
            Assert.True((await UsersAsync(clocked, admin, tag)).Users.Items.Single().LockedOut);
            Assert.Contains("badge text-bg-danger", await page.GetHtmlAsync(url));
        }
        clocked.Clock.Advance(TimeSpan.FromMinutes(11));
        Assert.False((await UsersAsync(clocked, admin, tag)).Users.Items.Single().LockedOut);
        Assert.DoesNotContain("badge text-bg-danger", await page.GetHtmlAsync(url));
    }

    [Fact]
    public async Task A_write_on_one_instance_shows_at_once_on_another_in_the_rows_objections_and_users()
    {
        await using var instances = await SecondInstance.StartAsync(app.StorageConnectionString, "org-lists");
        var here = instances.Here;
        var (organizer, contest, story, film, entrant) = await SceneAsync(here);
        var admin = await here.CreateUserAsync(Roles.Admin);
        var organizerThere = await instances.SignedInThereAsync(organizer);
        var adminThere = await instances.SignedInThereAsync(admin);
        var entries = $"/manage/contests/{contest.Id}";
        var objections = $"/manage/contests/{contest.Id}/objections";
        var users = $"/admin/users?search={Uri.EscapeDataString(entrant.Email!)}";
        Assert.DoesNotContain("海川文化传媒", await organizerThere.GetHtmlAsync(entries));
        Assert.DoesNotContain("疑似抄袭", await organizerThere.GetHtmlAsync(objections));
        Assert.DoesNotContain("海川文化传媒", await adminThere.GetHtmlAsync(users));

        await here.DbAsync(async db =>
        {
            var account = await db.Users.SingleAsync(u => u.Id == entrant.Id);
            account.Organization = "海川文化传媒";
            db.Objections.Add(new Objection { ContestId = contest.Id, EntryId = story.Id, FiledById = admin.Id, Reason = "疑似抄袭", FiledAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });
        await ChangeAsync(here, film.Id, e => { e.FilmStatus = FilmStatus.Ready; e.DurationSeconds = 83; });
        var html = await organizerThere.GetHtmlAsync(entries);
        Assert.Contains("海川文化传媒", html);
        Assert.Contains(">83 s<", html);
        Assert.Contains("疑似抄袭", await organizerThere.GetHtmlAsync(objections));
        Assert.Contains("海川文化传媒", await adminThere.GetHtmlAsync(users));
    }

    /// <summary>A submitted story and a submitted film (still processing) of one entrant.</summary>
    private static async Task<(Account Organizer, Contest Contest, Entry Story, Entry Film, Account Entrant)> SceneAsync(AppFactory app)
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var stories = contest.Categories.Single(c => c.Kind == CategoryKind.Story);
        var films = contest.Categories.Single(c => c.Kind == CategoryKind.Film);
        var entrant = await app.CreateUserAsync(Roles.Entrant, "海川");
        var now = DateTimeOffset.UtcNow;
        Entry Make(Category category, int i, string title) => new()
        {
            ContestId = contest.Id, CategoryId = category.Id, EntrantId = entrant.Id, State = EntryState.Submitted, Number = $"{contest.Code}-{i:D4}",
            Title = title, Body = category.Kind == CategoryKind.Story ? "质量是企业的生命。" : "", PledgedOriginality = true, DeclaredRights = true,
            CreatedAt = now, UpdatedAt = now, SubmittedAt = now.AddMinutes(i),
            FilmStatus = category.Kind == CategoryKind.Film ? FilmStatus.Processing : FilmStatus.None,
        };
        var (story, film) = (Make(stories, 1, "海川品牌故事"), Make(films, 2, "海川微电影"));
        await app.DbAsync(async db => { db.Entries.AddRange(story, film); return await db.SaveChangesAsync(); });
        return (organizer, contest, story, film, entrant);
    }

    private static async Task<Browserless> SignedInAsync(AppFactory app, Account account)
    {
        var browser = Browserless.For(app);
        await browser.SignInAsync(account.Email!, AppFactory.TestPassword);
        return browser;
    }

    private static async Task<ObjectionsPageView> ObjectionsAsync(AppFactory app, Account organizer, Contest contest)
    {
        var view = await app.SendAsync(organizer, new ObjectionsPageQuery(contest.Id));
        Assert.True(view.IsOk);
        return view.Value;
    }

    private static async Task<UsersPage> UsersAsync(AppFactory app, Account admin, string search)
    {
        var view = await app.SendAsync(admin, new ListUsersQuery(search));
        Assert.True(view.IsOk);
        return view.Value;
    }

    private static Task<int> ChangeAsync(AppFactory app, int entryId, Action<Entry> change) => app.DbAsync(async db =>
    {
        change(await db.Entries.SingleAsync(e => e.Id == entryId));
        return await db.SaveChangesAsync();
    });

    private static List<string> Tokens(string html) => TokenPattern().Matches(html).Select(m => m.Groups[1].Value).ToList();

    private static string FormOf(string html, string action)
    {
        var start = html.IndexOf($"action=\"{action}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no form posting to {action}");
        return html[start..html.IndexOf("</form>", start, StringComparison.Ordinal)];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
