using System.Net;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Accounts;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BrandStoryContest.Tests.Accounts;

/// <summary>
/// Password hashes go through one gate (PasswordChecks): at most Accounts:ConcurrentPasswordChecks run at once, the
/// rest wait for a slot without holding a thread, so a rush of sign-ins cannot take every worker thread from the
/// rest of the site (docs/performance.md, "Deadline surge"). Identity's hasher and its cost stay as they are.
/// </summary>
public sealed class PasswordGateTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>Identity's own hasher, counting checks and how many run inside it at once.</summary>
    private sealed class ObservingHasher : IPasswordHasher<Account>
    {
        private readonly PasswordHasher<Account> hasher = new();
        private int inside;
        public int Checks, Hashes, MostInside;

        public string HashPassword(Account user, string password)
        {
            Interlocked.Increment(ref Hashes);
            return hasher.HashPassword(user, password);
        }

        public PasswordVerificationResult VerifyHashedPassword(Account user, string hashedPassword, string providedPassword)
        {
            var now = Interlocked.Increment(ref inside);
            for (var seen = MostInside; now > seen; seen = MostInside) Interlocked.CompareExchange(ref MostInside, now, seen);
            try
            {
                Interlocked.Increment(ref Checks);
                return hasher.VerifyHashedPassword(user, hashedPassword, providedPassword);
            }
            finally { Interlocked.Decrement(ref inside); }
        }
    }

    private (WebApplicationFactory<Program> App, ObservingHasher Hasher, PasswordChecks Gate) Gated(int limit)
    {
        var hasher = new ObservingHasher();
        var gated = app.WithWebHostBuilder(b =>
        {
            b.UseSetting("Accounts:ConcurrentPasswordChecks", limit.ToString());
            b.ConfigureTestServices(s => s.AddScoped<IPasswordHasher<Account>>(_ => hasher));
        });
        return (gated, hasher, gated.Services.GetRequiredService<PasswordChecks>());
    }

    private static Browserless Web(WebApplicationFactory<Program> app) =>
        new(app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

    [Fact]
    public async Task Sign_ins_at_once_never_check_more_passwords_at_a_time_than_the_limit_and_the_rest_wait_for_a_slot()
    {
        const int limit = 1, signIns = 12;
        var (gated, hasher, gate) = Gated(limit);
        await using var _ = gated;
        var forms = new List<(Browserless Web, Dictionary<string, string> Fields)>();
        for (var i = 0; i < signIns; i++)
        {
            var account = await app.CreateUserAsync(Roles.Entrant);
            var web = Web(gated);
            var token = Browserless.AntiforgeryToken(await web.GetHtmlAsync("/account/login"));
            forms.Add((web, new() { ["Email"] = account.Email!, ["Password"] = AppFactory.TestPassword, ["__RequestVerificationToken"] = token }));
        }

        // Every form read first, then all the sign-ins sent at once: each is one hash of tens of milliseconds.
        var answers = await Task.WhenAll(forms.Select(f => Task.Run(async () =>
        {
            var signedIn = await f.Web.Client.PostAsync("/account/login", new FormUrlEncodedContent(f.Fields));
            return (signedIn.StatusCode, Entries: (await f.Web.Client.GetAsync("/entries")).StatusCode);
        })));

        Assert.All(answers, a => Assert.Equal((HttpStatusCode.Redirect, HttpStatusCode.OK), a));
        Assert.Equal(signIns, hasher.Checks);
        Assert.Equal(limit, gate.Limit);
        Assert.Equal(limit, gate.MostAtOnce);
        Assert.Equal(limit, hasher.MostInside);
        // They did arrive together: some waited for the slot (and none is left waiting).
        Assert.InRange(gate.MostWaiting, 1, signIns - limit);
        Assert.Equal(0, gate.Waiting);
    }

    [Fact]
    public async Task Wrong_passwords_through_the_gate_are_still_refused_and_still_counted_towards_the_throttle()
    {
        var (gated, hasher, gate) = Gated(limit: 1);
        await using var _ = gated;
        var writer = await app.CreateUserAsync(Roles.Entrant);
        async Task<HttpResponseMessage> SignIn(string password) => await Web(gated).PostFormAsync("/account/login", "/account/login",
            new Dictionary<string, string> { ["Email"] = writer.Email!, ["Password"] = password });

        for (var i = 0; i < SignInThrottle.MaxFailures; i++)
        {
            var refused = await SignIn("Wrong#2026pass");
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("邮箱或密码不正确", await refused.Content.ReadAsStringAsync());
        }
        Assert.Equal(SignInThrottle.MaxFailures, hasher.Checks);
        Assert.Equal(1, gate.MostAtOnce);

        // The right password from the same address is now refused too, without hashing it.
        var throttled = await SignIn(AppFactory.TestPassword);
        Assert.Contains("从此处登录失败次数过多", await throttled.Content.ReadAsStringAsync());
        Assert.Equal(SignInThrottle.MaxFailures, hasher.Checks);
    }

    [Fact]
    public async Task Registering_hashes_the_new_password_through_the_gate_and_the_account_signs_in_with_it()
    {
        var (gated, hasher, gate) = Gated(limit: 1);
        await using var _ = gated;
        var email = $"new-{Guid.NewGuid():N}@test.local";
        var registered = await gated.Services.CreateScope().ServiceProvider.GetRequiredService<Mediator.IMediator>().Send(new RegisterCommand
        {
            Email = email, Password = "Register#2026", ConfirmPassword = "Register#2026", RealName = "王新", PreferredLanguage = "zh-CN",
        });
        Assert.True(registered.IsOk);
        Assert.Equal(1, hasher.Hashes);
        Assert.Equal(1, gate.MostAtOnce);

        await app.DbAsync(async db =>
        {
            var account = db.Users.Single(u => u.Email == email);
            account.EmailConfirmed = true;
            return await db.SaveChangesAsync();
        });
        var web = Web(gated);
        await web.SignInAsync(email, "Register#2026");
        Assert.Equal(1, hasher.Checks);
    }
}
