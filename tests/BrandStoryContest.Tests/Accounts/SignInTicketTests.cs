using System.Net;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;

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
        var cookie = await Browserless.SignInCookieAsync(app, judge.Email!);
        Task<HttpResponseMessage> JudgingWith(string sent) => Browserless.GetWithCookieAsync(app, "/judging", sent);

        // Twice: the first decrypts and keeps, the second is served from what was kept.
        Assert.Equal(HttpStatusCode.OK, (await JudgingWith(cookie)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await JudgingWith(cookie)).StatusCode);

        var at = cookie.Length / 2;
        var altered = cookie[..at] + (cookie[at] == 'A' ? 'B' : 'A') + cookie[(at + 1)..];
        Assert.True(Browserless.ToSignIn(await JudgingWith(altered)));

        // Identity's cookie lasts 14 days; past that the kept ticket is as expired as the cookie.
        app.Clock.Advance(TimeSpan.FromDays(15));
        Assert.True(Browserless.ToSignIn(await JudgingWith(cookie)));
    }
}
