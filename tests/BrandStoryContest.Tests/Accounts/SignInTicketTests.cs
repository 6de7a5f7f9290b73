using System.Net;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using Microsoft.AspNetCore.Mvc.Testing;

namespace BrandStoryContest.Tests.Accounts;

/// <summary>
/// The sign-in cookie's ticket is decrypted once per cookie value and kept (Features/Accounts/KeptSignInTickets.cs).
/// Keeping it must change nothing a request sees: the ticket still expires, and a cookie altered by one character is
/// still refused, also after the genuine one was kept.
/// </summary>
public sealed class SignInTicketTests(ClockedApp app) : IClassFixture<ClockedApp>
{
    [Fact]
    public async Task A_kept_ticket_still_expires_and_an_altered_cookie_is_refused()
    {
        var judge = await app.CreateUserAsync(Roles.Judge);
        var web = Browserless.For(app);
        var signIn = await web.PostFormAsync("/account/login", "/account/login", new Dictionary<string, string> { ["Email"] = judge.Email!, ["Password"] = AppFactory.TestPassword });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("bsc.auth=", StringComparison.Ordinal));
        var raw = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        async Task<HttpResponseMessage> JudgingWith(string sent)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/judging");
            request.Headers.Add("Cookie", sent);
            return await raw.SendAsync(request);
        }
        static bool ToLogin(HttpResponseMessage r) =>
            r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.OriginalString.Contains("/account/login", StringComparison.Ordinal);

        // Twice: the first decrypts and keeps, the second is served from what was kept.
        Assert.Equal(HttpStatusCode.OK, (await JudgingWith(cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await JudgingWith(cookie)).StatusCode);

        var at = cookie.Length / 2;
        var altered = cookie[..at] + (cookie[at] == 'A' ? 'B' : 'A') + cookie[(at + 1)..];
        Assert.True(ToLogin(await JudgingWith(altered)));

        // Identity's cookie lasts 14 days; past that the kept ticket is as expired as the cookie.
        app.Clock.Advance(TimeSpan.FromDays(15));
        Assert.True(ToLogin(await JudgingWith(cookie)));
    }
}
