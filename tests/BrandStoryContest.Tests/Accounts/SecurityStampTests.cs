using System.Net;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace BrandStoryContest.Tests.Accounts;

/// <summary>
/// The sign-in cookie's security stamp is checked only when Identity's interval has passed (Features/Accounts/
/// StampCheckWhenDue.cs): a session whose stamp was changed (a password reset, a role taken away) must still be signed
/// out once the check falls due, as with Identity's own check on every request.
/// </summary>
public sealed class SecurityStampTests(ClockedApp app) : IClassFixture<ClockedApp>
{
    private TimeSpan Interval => app.Services.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value.ValidationInterval;

    [Fact]
    public async Task A_changed_security_stamp_signs_the_session_out_when_the_check_falls_due()
    {
        var judge = await app.CreateUserAsync(Roles.Judge);
        var cookie = await Browserless.SignInCookieAsync(app, judge.Email!);
        Assert.Equal(HttpStatusCode.OK, (await Browserless.GetWithCookieAsync(app, "/judging", cookie)).StatusCode);
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
            Assert.True((await users.UpdateSecurityStampAsync((await users.FindByIdAsync(judge.Id))!)).Succeeded);
        }

        // Within the interval Identity does not look at the stamp (nor, now, build what would look).
        Assert.Equal(HttpStatusCode.OK, (await Browserless.GetWithCookieAsync(app, "/judging", cookie)).StatusCode);
        app.Clock.Advance(Interval + TimeSpan.FromMinutes(1));
        Assert.True(Browserless.ToSignIn(await Browserless.GetWithCookieAsync(app, "/judging", cookie)));
    }

    [Fact]
    public async Task An_unchanged_stamp_keeps_the_session_past_the_interval()
    {
        var judge = await app.CreateUserAsync(Roles.Judge);
        var cookie = await Browserless.SignInCookieAsync(app, judge.Email!);
        app.Clock.Advance(Interval + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await Browserless.GetWithCookieAsync(app, "/judging", cookie)).StatusCode);
    }
}
