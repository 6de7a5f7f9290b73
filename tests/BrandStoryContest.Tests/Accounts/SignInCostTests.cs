using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BrandStoryContest.Tests.Accounts;

/// <summary>
/// A sign-in hashes the password once: the hash is nearly all of its CPU, and in the deadline surge (100 sign-ins at
/// once on 2 cores) a second hash doubled every sign-in's wait. The checks that came with the second hash stay.
/// </summary>
public sealed class SignInCostTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>Identity's own hasher, counting how often a password is checked against a stored hash.</summary>
    private sealed class CountingHasher : IPasswordHasher<Account>
    {
        private readonly PasswordHasher<Account> hasher = new();
        public int Checks;
        public string HashPassword(Account user, string password) => hasher.HashPassword(user, password);
        public PasswordVerificationResult VerifyHashedPassword(Account user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref Checks);
            return hasher.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    [Fact]
    public async Task A_sign_in_checks_the_password_once_and_still_refuses_unconfirmed_and_locked_accounts()
    {
        var hasher = new CountingHasher();
        await using var counted = app.WithWebHostBuilder(b => b.ConfigureTestServices(s => s.AddScoped<IPasswordHasher<Account>>(_ => hasher)));
        Browserless Web() => new(counted.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));
        var writer = await app.CreateUserAsync(Roles.Entrant);
        var unconfirmed = await app.CreateUserAsync(Roles.Entrant);
        var locked = await app.CreateUserAsync(Roles.Entrant);
        await app.DbAsync(async db =>
        {
            await db.Users.Where(u => u.Id == unconfirmed.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.EmailConfirmed, false));
            await db.Users.Where(u => u.Id == locked.Id).ExecuteUpdateAsync(u => u.SetProperty(x => x.LockoutEnabled, true)
                .SetProperty(x => x.LockoutEnd, DateTimeOffset.UtcNow.AddYears(10)));
            return 0;
        });

        var web = Web();
        await web.SignInAsync(writer.Email!, AppFactory.TestPassword);
        Assert.Equal(1, hasher.Checks);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await web.Client.GetAsync("/entries")).StatusCode);

        async Task<string> RightPassword(Account account) => await (await Web().PostFormAsync("/account/login", "/account/login",
            new Dictionary<string, string> { ["Email"] = account.Email!, ["Password"] = AppFactory.TestPassword })).Content.ReadAsStringAsync();
        Assert.Contains("请先确认邮箱", await RightPassword(unconfirmed));
        Assert.Contains("该账号已被锁定", await RightPassword(locked));
        Assert.Equal(3, hasher.Checks);
    }
}
