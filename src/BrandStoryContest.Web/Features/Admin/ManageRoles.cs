using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Admin;

public sealed record UserRow(string Id, string Email, string RealName, string? Organization, bool EmailConfirmed,
    bool LockedOut, IReadOnlyList<string> Roles);

public sealed record ListUsersQuery(string? Search) : IQuery<IReadOnlyList<UserRow>>;

public sealed class ListUsersHandler(ContestDb db, TimeProvider clock) : IQueryHandler<ListUsersQuery, IReadOnlyList<UserRow>>
{
    public async ValueTask<IReadOnlyList<UserRow>> Handle(ListUsersQuery query, CancellationToken ct)
    {
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
            users = users.Where(u => u.Email!.Contains(query.Search) || u.RealName.Contains(query.Search));
        var list = await users.OrderBy(u => u.Email).Take(500).ToListAsync(ct);
        var ids = list.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId) select new { ur.UserId, r.Name }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return list.Select(u => new UserRow(u.Id, u.Email ?? "", u.RealName, u.Organization, u.EmailConfirmed,
            u.LockoutEnd > now, roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order().ToList())).ToList();
    }
}

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
