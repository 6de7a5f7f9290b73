using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Admin;

public sealed record UserRow(string Id, string Email, string RealName, string? Organization, bool EmailConfirmed,
    bool LockedOut, IReadOnlyList<string> Roles);

/// <param name="Role">Only the accounts holding this role.</param>
public sealed record ListUsersQuery(string? Search, string? Role = null, PageRequest? Page = null) : IQuery<Result<UsersPage>>;

public sealed record UsersPage(Paged<UserRow> Users, string? Search, string? Role);

public sealed class ListUsersHandler(ContestDb db, TimeProvider clock) : IQueryHandler<ListUsersQuery, Result<UsersPage>>
{
    public async ValueTask<Result<UsersPage>> Handle(ListUsersQuery query, CancellationToken ct)
    {
        var users = db.Users.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var s = query.Search.Trim();
            users = users.Where(u => u.Email!.Contains(s) || u.RealName.Contains(s));
        }
        var role = Roles.All.FirstOrDefault(r => r == query.Role);
        if (role is not null)
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));
        var page = await users.OrderBy(u => u.Email).ThenBy(u => u.Id).ToPageAsync(query.Page ?? new PageRequest(), ct);
        var ids = page.Items.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId) select new { ur.UserId, r.Name }).ToListAsync(ct);
        var now = clock.GetUtcNow();
        var rows = page.Items.Select(u => new UserRow(u.Id, u.Email ?? "", u.RealName, u.Organization, u.EmailConfirmed,
            u.LockoutEnd > now, roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order().ToList())).ToList();
        return new UsersPage(new Paged<UserRow>(rows, page.Info), query.Search, role);
    }
}
