using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using BrandStoryContest.Web.Features.Judging;
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
        var search = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim();
        var role = Roles.All.FirstOrDefault(r => r == query.Role);
        var request = query.Page ?? new PageRequest();
        // Kept under the user list's version (DataVersions: an account added or removed, a listed field, a role granted or
        // revoked bump it), so a repeat view reads one version row instead of counting 20,000 accounts and reading a page.
        var version = await DataVersions.ForUsersAsync(db, ct);
        var key = $"users|{version}|{role}|{search}|{request.Skip}|{request.Size}";
        var (accounts, total) = await VersionedMemo.GetOrComputeAsync(db, key, () => ReadAsync(search, role, request, ct), p => 1 + p.Accounts.Count * 2);
        // Whether an account is locked out depends on the clock, not only on the rows: the shown rows (which the view renders
        // once, RenderedFragments) are kept per set of accounts locked out right now, so a lockout that runs out shows too.
        var now = clock.GetUtcNow();
        var locked = string.Join(',', accounts.Where(a => a.LockoutEnd > now).Select(a => a.Id));
        var rows = await VersionedMemo.GetOrComputeAsync(db, $"{key}|locked:{locked}", () => Task.FromResult<IReadOnlyList<UserRow>>(
            accounts.Select(a => new UserRow(a.Id, a.Email, a.RealName, a.Organization, a.EmailConfirmed, a.LockoutEnd > now, a.Roles)).ToList()),
            r => 1 + r.Count * 2);
        return new UsersPage(new Paged<UserRow>(rows, new PageInfo(request.Number, request.Size, total)), query.Search, role);
    }

    private sealed record AccountLine(string Id, string Email, string RealName, string? Organization, bool EmailConfirmed,
        DateTimeOffset? LockoutEnd, IReadOnlyList<string> Roles);

    private async Task<(IReadOnlyList<AccountLine> Accounts, int Total)> ReadAsync(string? search, string? role, PageRequest request, CancellationToken ct)
    {
        var users = db.Users.AsNoTracking();
        if (search is not null) users = users.Where(u => u.Email!.Contains(search) || u.RealName.Contains(search));
        if (role is not null)
            users = users.Where(u => db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == role)));
        var page = await users.OrderBy(u => u.Email).ThenBy(u => u.Id).ToPageAsync(request, ct);
        var ids = page.Items.Select(u => u.Id).ToList();
        var roles = await (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id
                           where ids.Contains(ur.UserId) select new { ur.UserId, r.Name }).ToListAsync(ct);
        return (page.Items.Select(u => new AccountLine(u.Id, u.Email ?? "", u.RealName, u.Organization, u.EmailConfirmed, u.LockoutEnd,
            roles.Where(r => r.UserId == u.Id).Select(r => r.Name!).Order().ToList())).ToList(), page.Info.Total);
    }
}
