using System.Net;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace BrandStoryContest.Tests.Accounts;

/// <summary>
/// The sign-in cookie's security stamp is checked only when Identity's interval has passed (Features/Accounts/
/// StampCheckWhenDue.cs): a session whose stamp was changed (a password reset, a role taken away) must still be signed
/// out once the check falls due, as with Identity's own check on every request.
/// </summary>
public sealed class SecurityStampTests(ClockedApp app) : IClassFixture<ClockedApp>
{
    [Fact]
    public async Task A_changed_security_stamp_signs_the_session_out_when_the_check_falls_due()
    {
        var judge = await app.CreateUserAsync(Roles.Judge);
        var web = Browserless.For(app);
        var signIn = await web.PostFormAsync("/account/login", "/account/login", new Dictionary<string, string> { ["Email"] = judge.Email!, ["Password"] = AppFactory.TestPassword });
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var cookie = signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("bsc.auth=", StringComparison.Ordinal));
        var raw = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        async Task<HttpResponseMessage> Judging()
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/judging");
            request.Headers.Add("Cookie", cookie);
            return await raw.SendAsync(request);
        }

        Assert.Equal(HttpStatusCode.OK, (await Judging()).StatusCode);
        using (var scope = app.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
            Assert.True((await users.UpdateSecurityStampAsync((await users.FindByIdAsync(judge.Id))!)).Succeeded);
        }
        var interval = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SecurityStampValidatorOptions>>().Value.ValidationInterval;

        // Within the interval Identity does not look at the stamp (nor, now, build what would look).
        Assert.Equal(HttpStatusCode.OK, (await Judging()).StatusCode);
        app.Clock.Advance(interval + TimeSpan.FromMinutes(1));
        var after = await Judging();
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location!.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unchanged_stamp_keeps_the_session_past_the_interval()
    {
        var judge = await app.CreateUserAsync(Roles.Judge);
        var web = Browserless.For(app);
        var signIn = await web.PostFormAsync("/account/login", "/account/login", new Dictionary<string, string> { ["Email"] = judge.Email!, ["Password"] = AppFactory.TestPassword });
        var cookie = signIn.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("bsc.auth=", StringComparison.Ordinal));
        var raw = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        app.Clock.Advance(TimeSpan.FromMinutes(31));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/judging");
        request.Headers.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await raw.SendAsync(request)).StatusCode);
    }
}
