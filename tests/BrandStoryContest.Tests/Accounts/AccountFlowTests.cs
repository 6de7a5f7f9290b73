using System.Net;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Accounts;

public sealed class AccountFlowTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static Dictionary<string, string> Registration(string email) => new()
    {
        ["Email"] = email, ["RealName"] = "张晓雨", ["Organization"] = "海川电器", ["Phone"] = "+86 138 0000 0000",
        ["Password"] = "Secret123", ["ConfirmPassword"] = "Secret123", ["PreferredLanguage"] = "zh-CN",
    };

    [Fact]
    public async Task Register_confirm_through_the_outbox_sign_in_and_edit_the_profile()
    {
        var web = Browserless.For(app);
        var email = $"writer-{Guid.NewGuid():N}@test.local";
        var registered = await web.PostFormAsync("/account/register", "/account/register", Registration(email));
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);

        // Not confirmed yet: signing in is refused with the reason.
        var early = await web.PostFormAsync("/account/login", "/account/login", new Dictionary<string, string> { ["Email"] = email, ["Password"] = "Secret123" });
        Assert.Equal(HttpStatusCode.OK, early.StatusCode);
        Assert.Contains("login-error", await early.Content.ReadAsStringAsync());

        var link = await app.DbAsync(db => db.Outbox.Where(m => m.To == email).Select(m => m.Link).SingleAsync());
        Assert.NotNull(link);
        // Opening the link changes nothing; the button on it confirms.
        var page = await web.GetHtmlAsync(new Uri(link!).PathAndQuery);
        Assert.DoesNotContain("id=\"confirmed\"", page);
        Assert.False(await app.DbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.EmailConfirmed).SingleAsync()));
        var confirm = await web.ConfirmEmailAsync(new Uri(link!).PathAndQuery);
        Assert.Contains("id=\"confirmed\"", confirm);

        await web.SignInAsync(email, "Secret123");
        var profile = await web.GetHtmlAsync("/account/profile");
        Assert.Contains("张晓雨", profile);
        Assert.Contains("海川电器", profile);

        var saved = await web.PostFormAsync("/account/profile", "/account/profile", new Dictionary<string, string>
        {
            ["RealName"] = "张晓雨（笔名小雨）", ["Organization"] = "江城日报", ["Phone"] = "123", ["PreferredLanguage"] = "en",
        });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var account = await app.DbAsync(db => db.Users.SingleAsync(u => u.Email == email));
        Assert.Equal("张晓雨（笔名小雨）", account.RealName);
        Assert.Equal("江城日报", account.Organization);
        Assert.Equal(Languages.English, account.PreferredLanguage);
    }

    [Fact]
    public async Task A_tampered_confirmation_link_confirms_nothing()
    {
        var web = Browserless.For(app);
        var email = $"tamper-{Guid.NewGuid():N}@test.local";
        await web.PostFormAsync("/account/register", "/account/register", Registration(email));
        var link = await app.DbAsync(db => db.Outbox.Where(m => m.To == email).Select(m => m.Link).SingleAsync());
        var html = await web.ConfirmEmailAsync(new Uri(link!).PathAndQuery.Replace("token=", "token=AAAA"));
        Assert.DoesNotContain("id=\"confirmed\"", html);
        Assert.False(await app.DbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.EmailConfirmed).SingleAsync()));

        // A link that does not work is bad input: its page says so, answered 400, for a token that is not even Base64 too.
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(new Uri(link!).Query);
        var refused = await web.PostFormAsync(new Uri(link!).PathAndQuery, "/account/confirm",
            new Dictionary<string, string> { ["UserId"] = query["userId"].ToString(), ["Token"] = "not*base64" });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.DoesNotContain("id=\"confirmed\"", await refused.Content.ReadAsStringAsync());
        Assert.False(await app.DbAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.EmailConfirmed).SingleAsync()));
    }

    [Fact]
    public async Task Registration_with_bad_fields_shows_each_error_and_creates_no_account()
    {
        var web = Browserless.For(app);
        var email = $"bad-{Guid.NewGuid():N}@test.local";
        var fields = Registration(email);
        fields["RealName"] = "";
        fields["ConfirmPassword"] = "Different1";
        var response = await web.PostFormAsync("/account/register", "/account/register", fields);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("两次输入的密码不一致", html);
        Assert.Contains(email, html); // what was typed is shown again
        Assert.False(await app.DbAsync(db => db.Users.AnyAsync(u => u.Email == email)));
    }

    [Fact]
    public async Task A_weak_password_is_refused_for_a_new_and_a_taken_email_alike()
    {
        var web = Browserless.For(app);
        var existing = await app.CreateUserAsync(Roles.Entrant);
        foreach (var email in new[] { $"weak-{Guid.NewGuid():N}@test.local", existing.Email! })
        {
            var weak = Registration(email);
            weak["Password"] = weak["ConfirmPassword"] = "onlyletters";
            var response = await web.PostFormAsync("/account/register", "/account/register", weak);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("密码需要包含数字", await response.Content.ReadAsStringAsync());
        }
        Assert.False(await app.DbAsync(db => db.Outbox.AnyAsync(m => m.To == existing.Email)));
    }

    [Fact]
    public async Task Registering_an_existing_email_answers_like_a_new_one_and_mails_the_owner_instead()
    {
        var owner = await app.CreateUserAsync(Roles.Entrant, realName: "李明");
        var fresh = $"writer-{Guid.NewGuid():N}@test.local";
        var web = Browserless.For(app);
        var forNew = await web.PostFormAsync("/account/register", "/account/register", Registration(fresh));
        var forExisting = await web.PostFormAsync("/account/register", "/account/register", Registration(owner.Email!));

        Assert.Equal(HttpStatusCode.OK, forNew.StatusCode);
        Assert.Equal(HttpStatusCode.OK, forExisting.StatusCode);
        Assert.Equal(Page(await forNew.Content.ReadAsStringAsync(), fresh), Page(await forExisting.Content.ReadAsStringAsync(), owner.Email!));
        var mail = await app.DbAsync(db => db.Outbox.Where(m => m.To == owner.Email).SingleAsync());
        Assert.Contains("有人尝试用您的邮箱注册", mail.Subject);
        Assert.EndsWith("/account/login", mail.Link);
        // Nothing of the registration touched the existing account.
        var stored = await app.DbAsync(db => db.Users.Where(u => u.Email == owner.Email).ToListAsync());
        Assert.Equal("李明", Assert.Single(stored).RealName);
    }

    [Fact]
    public async Task Sign_in_answers_the_same_for_an_unknown_email_a_wrong_password_and_an_unconfirmed_account()
    {
        var known = await app.CreateUserAsync(Roles.Entrant);
        var unconfirmed = $"writer-{Guid.NewGuid():N}@test.local";
        var web = Browserless.For(app);
        await web.PostFormAsync("/account/register", "/account/register", Registration(unconfirmed));

        async Task<string> Attempt(string email) => Page(await (await web.PostFormAsync("/account/login", "/account/login",
            new Dictionary<string, string> { ["Email"] = email, ["Password"] = "wrong-password1" })).Content.ReadAsStringAsync(), email);
        var unknown = await Attempt($"nobody-{Guid.NewGuid():N}@test.local");
        Assert.Contains("邮箱或密码不正确", unknown);
        Assert.Equal(unknown, await Attempt(known.Email!));
        Assert.Equal(unknown, await Attempt(unconfirmed));
    }

    /// <summary>The page without what differs by design: the email typed and the per-request antiforgery token.</summary>
    private static string Page(string html, string email) =>
        System.Text.RegularExpressions.Regex.Replace(html.Replace(email, "EMAIL"), "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"[^\"]+\"", "TOKEN");

    [Fact]
    public async Task Pages_are_gated_by_role()
    {
        var anonymous = Browserless.For(app);
        var toLogin = await anonymous.Client.GetAsync("/admin/users");
        Assert.Equal(HttpStatusCode.Redirect, toLogin.StatusCode);
        Assert.Contains("/account/login", toLogin.Headers.Location!.ToString());

        var entrant = await app.CreateUserAsync(Roles.Entrant);
        var web = Browserless.For(app);
        await web.SignInAsync(entrant.Email!, AppFactory.TestPassword);
        foreach (var url in new[] { "/admin/users", "/admin/outbox" })
        {
            var denied = await web.Client.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
            Assert.Contains("/account/denied", denied.Headers.Location!.ToString());
        }
        Assert.Equal(HttpStatusCode.Forbidden, (await web.Client.GetAsync("/account/denied")).StatusCode);

        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var staff = Browserless.For(app);
        await staff.SignInAsync(organizer.Email!, AppFactory.TestPassword);
        Assert.Equal(HttpStatusCode.OK, (await staff.Client.GetAsync("/admin/outbox")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await staff.Client.GetAsync("/admin/users")).StatusCode);
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_rejected_and_changes_nothing()
    {
        var user = await app.CreateUserAsync(Roles.Entrant, realName: "原名");
        var web = Browserless.For(app);
        await web.SignInAsync(user.Email!, AppFactory.TestPassword);
        var forged = await web.Client.PostAsync("/account/profile", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["RealName"] = "Forged", ["PreferredLanguage"] = "en",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal("原名", await app.DbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.RealName).SingleAsync()));

        // A token from another session does not pass either.
        var other = Browserless.For(app);
        var otherToken = Browserless.AntiforgeryToken(await other.GetHtmlAsync("/account/login"));
        var crossed = await web.Client.PostAsync("/account/profile", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["RealName"] = "Forged", ["PreferredLanguage"] = "en", ["__RequestVerificationToken"] = otherToken,
        }));
        Assert.Equal(HttpStatusCode.BadRequest, crossed.StatusCode);
    }

    [Fact]
    public async Task Admin_grants_and_revokes_a_role()
    {
        var admin = await app.CreateUserAsync(Roles.Admin);
        var person = await app.CreateUserAsync(Roles.Entrant);
        var web = Browserless.For(app);
        await web.SignInAsync(admin.Email!, AppFactory.TestPassword);
        var grant = await web.PostFormAsync("/admin/users", "/admin/users/role", new Dictionary<string, string>
        {
            ["UserId"] = person.Id, ["Role"] = Roles.Organizer, ["Granted"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, grant.StatusCode);
        Assert.True(await InRole(person.Id, Roles.Organizer));
        await web.PostFormAsync("/admin/users", "/admin/users/role", new Dictionary<string, string>
        {
            ["UserId"] = person.Id, ["Role"] = Roles.Organizer, ["Granted"] = "false",
        });
        Assert.False(await InRole(person.Id, Roles.Organizer));
        Assert.True(await app.DbAsync(db => db.Audit.AnyAsync(a => a.EntityId == person.Id && a.Action == "GrantRole")));
    }

    private Task<bool> InRole(string userId, string role) => app.DbAsync(db =>
        (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == userId && r.Name == role select ur).AnyAsync());

    [Fact]
    public async Task The_language_switch_sets_the_culture_and_remembers_it_in_the_profile()
    {
        var user = await app.CreateUserAsync(Roles.Entrant);
        var web = Browserless.For(app);
        await web.SignInAsync(user.Email!, AppFactory.TestPassword);
        Assert.Contains("我的作品", await web.GetHtmlAsync("/"));
        var switched = await web.PostFormAsync("/", "/language", new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/contests" });
        Assert.Equal("/contests", switched.Headers.Location!.ToString());
        var html = await web.GetHtmlAsync("/contests");
        Assert.Contains("My entries", html);
        Assert.Contains("lang=\"en\"", html);
        Assert.Equal(Languages.English, await app.DbAsync(db => db.Users.Where(u => u.Id == user.Id).Select(u => u.PreferredLanguage).SingleAsync()));
    }

    /// <summary>Opens the confirmation link and presses its button, as a person would.</summary>
}
