using System.Net;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BrandStoryContest.Tests.Accounts;

/// <summary>
/// A signed-in page's antiforgery tokens are made once per browser session and user and given again
/// (Features/Accounts/KeptAntiforgeryTokens.cs). The forms of the layout (language, sign out) and of the page must still
/// post with the token they carry; no other session or user may be given it; a failed check makes new ones.
/// </summary>
public sealed class KeptAntiforgeryTokenTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_repeat_view_carries_the_same_token_and_the_layouts_forms_post_with_it()
    {
        var judge = await app.CreateUserAsync(Roles.Judge);
        var web = Browserless.For(app);
        await web.SignInAsync(judge.Email!, AppFactory.TestPassword);

        var first = Browserless.AntiforgeryToken(await web.GetHtmlAsync("/judging"));
        var again = Browserless.AntiforgeryToken(await web.GetHtmlAsync("/judging"));
        Assert.Equal(first, again);

        // The language form of the layout, with the kept token: the page comes back in English.
        var language = await web.Client.PostAsync("/language", Form(again, ("culture", "en"), ("returnUrl", "/judging")));
        Assert.Equal(HttpStatusCode.Redirect, language.StatusCode);
        Assert.Contains("<html lang=\"en\">", await web.GetHtmlAsync("/judging"));

        // Sign out, with the token of that page: the session ends.
        var token = Browserless.AntiforgeryToken(await web.GetHtmlAsync("/judging"));
        Assert.Equal(HttpStatusCode.Redirect, (await web.Client.PostAsync("/account/logout", Form(token))).StatusCode);
        var after = await web.Client.GetAsync("/judging");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_browser_without_the_antiforgery_cookie_is_given_the_same_new_one_and_its_token_posts()
    {
        var judge = await app.CreateUserAsync(Roles.Judge);
        var web = Browserless.For(app);
        var signIn = await web.PostFormAsync("/account/login", "/account/login",
            new Dictionary<string, string> { ["Email"] = judge.Email!, ["Password"] = AppFactory.TestPassword });
        var auth = signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("bsc.auth=", StringComparison.Ordinal));
        var raw = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        async Task<(string Cookie, string Token, HttpResponseMessage Response)> ViewAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/judging");
            request.Headers.Add("Cookie", auth);
            var response = await raw.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var csrf = response.Headers.GetValues("Set-Cookie").Where(c => c.StartsWith("bsc.csrf=", StringComparison.Ordinal)).ToList();
            return (Assert.Single(csrf).Split(';')[0], Browserless.AntiforgeryToken(await response.Content.ReadAsStringAsync()), response);
        }

        var first = await ViewAsync();
        var again = await ViewAsync();
        Assert.Equal(first.Cookie, again.Cookie);
        Assert.Equal(first.Token, again.Token);
        // What ASP.NET Core's own antiforgery sends with a token: never cached.
        Assert.Equal(first.Response.Headers.CacheControl?.ToString(), again.Response.Headers.CacheControl?.ToString());
        Assert.Contains("no-store", again.Response.Headers.CacheControl!.ToString());
        Assert.True(again.Response.Headers.Contains("X-Frame-Options"));

        using var post = new HttpRequestMessage(HttpMethod.Post, "/language") { Content = Form(again.Token, ("culture", "en"), ("returnUrl", "/judging")) };
        post.Headers.Add("Cookie", $"{auth}; {again.Cookie}");
        Assert.Equal(HttpStatusCode.Redirect, (await raw.SendAsync(post)).StatusCode);
    }

    [Fact]
    public async Task Two_sessions_of_one_judge_and_two_judges_never_share_a_token()
    {
        var a = await app.CreateUserAsync(Roles.Judge);
        var b = await app.CreateUserAsync(Roles.Judge);
        var a1 = Browserless.For(app);
        var a2 = Browserless.For(app);
        var b1 = Browserless.For(app);
        await a1.SignInAsync(a.Email!, AppFactory.TestPassword);
        await a2.SignInAsync(a.Email!, AppFactory.TestPassword);
        await b1.SignInAsync(b.Email!, AppFactory.TestPassword);

        var tokens = new List<string>();
        foreach (var web in new[] { a1, a2, b1 }) tokens.Add(Browserless.AntiforgeryToken(await web.GetHtmlAsync("/judging")));
        Assert.Equal(3, tokens.Distinct().Count());

        // Another session's token is refused, and the page's own still posts.
        Assert.Equal(HttpStatusCode.BadRequest, (await a2.Client.PostAsync("/language", Form(tokens[0], ("culture", "en"), ("returnUrl", "/judging")))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await b1.Client.PostAsync("/language", Form(tokens[0], ("culture", "en"), ("returnUrl", "/judging")))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await a2.Client.PostAsync("/language", Form(tokens[1], ("culture", "en"), ("returnUrl", "/judging")))).StatusCode);
    }

    [Fact]
    public async Task A_failed_check_drops_the_kept_tokens_and_the_new_ones_post()
    {
        var judge = await app.CreateUserAsync(Roles.Judge);
        var web = Browserless.For(app);
        await web.SignInAsync(judge.Email!, AppFactory.TestPassword);
        var kept = Browserless.AntiforgeryToken(await web.GetHtmlAsync("/judging"));
        Assert.Equal(kept, Browserless.AntiforgeryToken(await web.GetHtmlAsync("/judging")));

        var forged = kept[..^4] + (kept[^4] == 'A' ? "BBBB" : "AAAA");
        Assert.Equal(HttpStatusCode.BadRequest, (await web.Client.PostAsync("/language", Form(forged, ("culture", "en"), ("returnUrl", "/judging")))).StatusCode);

        // Made anew (Data Protection never gives the same text twice), and it posts.
        var fresh = Browserless.AntiforgeryToken(await web.GetHtmlAsync("/judging"));
        Assert.NotEqual(kept, fresh);
        Assert.Equal(HttpStatusCode.Redirect, (await web.Client.PostAsync("/language", Form(fresh, ("culture", "en"), ("returnUrl", "/judging")))).StatusCode);
    }

    private static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new(fields.Select(f => KeyValuePair.Create(f.Name, f.Value)).Append(KeyValuePair.Create("__RequestVerificationToken", token)));
}
