using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BrandStoryContest.EndToEnd.Infrastructure;

/// <summary>
/// The one thing the browser cannot do yet: the app has no bootstrap for its first organizer (roles are
/// granted by an admin, and nobody is admin in a fresh database). So the organizer is written with
/// ASP.NET Core Identity's own UserManager into the running app's SQLite file, after the app migrated it.
/// Everything else in the end-to-end tests goes through the browser.
/// </summary>
public static class FirstAccounts
{
    public static async Task CreateAsync(string databasePath, string email, string password, string realName, string role)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDbContext<ContestDb>(o => o.UseSqlite($"Data Source={databasePath};Default Timeout=30"));
        services.AddIdentityCore<Account>().AddRoles<IdentityRole>().AddEntityFrameworkStores<ContestDb>();
        await using (var provider = services.BuildServiceProvider())
        await using (var scope = provider.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
            var account = new Account { UserName = email, Email = email, EmailConfirmed = true, RealName = realName };
            Check(await users.CreateAsync(account, password));
            Check(await users.AddToRoleAsync(account, role));
        }
        SqliteConnection.ClearAllPools();
    }

    private static void Check(IdentityResult result)
    {
        if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
    }
}
