using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace BrandStoryContest.Web.Features.Demo;

public sealed record DemoSignInCommand(string Email) : ICommand<Result<DemoSignInResult>>;

public sealed record DemoSignInResult(string Home, string? PreferredLanguage);

/// <summary>
/// One click on the start page signs in as a demo account, without its password. Only the demo's own accounts,
/// only while the demo seed is on, never in production: otherwise it is not found (a 404) before anything happens.
/// </summary>
public sealed class DemoSignInHandler(DemoSeedProgress progress, IHostEnvironment env, UserManager<Account> users, SignInManager<Account> signIn)
    : ICommandHandler<DemoSignInCommand, Result<DemoSignInResult>>
{
    public async ValueTask<Result<DemoSignInResult>> Handle(DemoSignInCommand cmd, CancellationToken ct)
    {
        if (!progress.Enabled || env.IsProduction()) return Result.NotFound;
        var login = DemoContest.Logins.SingleOrDefault(l => string.Equals(l.Email, cmd.Email?.Trim(), StringComparison.OrdinalIgnoreCase));
        if (login is null || await users.FindByEmailAsync(login.Email) is not { } account) return Result.NotFound;
        await signIn.SignInAsync(account, isPersistent: false);
        var home = login.Role switch
        {
            Roles.Organizer => "/manage",
            Roles.Judge => "/judging",
            Roles.Admin => "/admin/users",
            _ => "/entries",
        };
        return new DemoSignInResult(home, account.PreferredLanguage);
    }
}
