using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Admin;

public sealed record SetRoleCommand(string UserId, string Role, bool Granted) : ICommand<Result<Result.Done>>;

public sealed class SetRoleHandler(UserManager<Account> users, ContestDb db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<SetRoleCommand, Result<Result.Done>>
{
    public async ValueTask<Result<Result.Done>> Handle(SetRoleCommand cmd, CancellationToken ct)
    {
        if (!user.IsAdmin() || !Roles.All.Contains(cmd.Role)) return Result.NotFound;
        // An admin cannot remove their own admin role: someone must always be able to manage users.
        if (cmd.UserId == user.Id && cmd.Role == Roles.Admin && !cmd.Granted) return Result.Refuse("An administrator cannot remove their own administrator role.");
        var account = await users.FindByIdAsync(cmd.UserId);
        if (account is null) return Result.NotFound;
        var has = await users.IsInRoleAsync(account, cmd.Role);
        if (has == cmd.Granted) return Result.Ok();
        var result = cmd.Granted ? await users.AddToRoleAsync(account, cmd.Role) : await users.RemoveFromRoleAsync(account, cmd.Role);
        // Identity refuses only when the account changed under us (its concurrency stamp): the admin tries again.
        if (!result.Succeeded) return Result.Refuse("The account was changed at the same time: try again.");
        db.Record(clock, user.RequiredId(), cmd.Granted ? "GrantRole" : "RevokeRole", "Account", account.Id, newValue: cmd.Role);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
