using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Admin;

public sealed record SetRoleCommand(string UserId, string Role, bool Granted) : ICommand<bool>;

public sealed class SetRoleHandler(UserManager<Account> users, ContestDb db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<SetRoleCommand, bool>
{
    public async ValueTask<bool> Handle(SetRoleCommand cmd, CancellationToken ct)
    {
        if (!user.IsAdmin() || !Roles.All.Contains(cmd.Role)) return false;
        // An admin cannot remove their own admin role: someone must always be able to manage users.
        if (cmd.UserId == user.Id && cmd.Role == Roles.Admin && !cmd.Granted) return false;
        var account = await users.FindByIdAsync(cmd.UserId);
        if (account is null) return false;
        var has = await users.IsInRoleAsync(account, cmd.Role);
        if (has == cmd.Granted) return true;
        var result = cmd.Granted ? await users.AddToRoleAsync(account, cmd.Role) : await users.RemoveFromRoleAsync(account, cmd.Role);
        if (!result.Succeeded) return false;
        db.Record(clock, user.RequiredId(), cmd.Granted ? "GrantRole" : "RevokeRole", "Account", account.Id, newValue: cmd.Role);
        await db.SaveChangesAsync(ct);
        return true;
    }
}
