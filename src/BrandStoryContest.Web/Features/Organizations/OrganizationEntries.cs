using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Organizations;

public static class OrganizationAccess
{
    /// <summary>
    /// The unit with its contest when the caller is its contact or runs its contest; otherwise null ("not found"):
    /// a contact never learns that another unit's id exists.
    /// </summary>
    public static async Task<(Organization Organization, bool AsOrganizer)?> VisibleAsync(this ContestDb db, ICurrentUser user, int organizationId, CancellationToken ct)
    {
        if (user.Id is null) return null;
        var organization = await db.Organizations.AsNoTracking().Include(o => o.Contest).SingleOrDefaultAsync(o => o.Id == organizationId, ct);
        if (organization is null) return null;
        if (user.CanManage(organization.Contest)) return (organization, true);
        return organization.ContactId == user.Id ? (organization, false) : null;
    }
}

public sealed record OrganizationEntryRow(int Id, string? Number, string Title, string CategoryZh, string? CategoryEn, EntryState State,
    string EntrantName, DateTimeOffset? SubmittedAt);

/// <param name="AsOrganizer">The organizer's view (links to the organizer's pages, drafts left out) rather than the contact's.</param>
public sealed record OrganizationEntriesView(Organization Organization, bool AsOrganizer, Paged<OrganizationEntryRow> Entries);

public sealed record OrganizationEntriesQuery(int OrganizationId, PageRequest Page) : IQuery<Result<OrganizationEntriesView>>;

/// <summary>
/// The entries sent on behalf of one unit, one page at a time: for its contact with their drafts (so they can chase
/// colleagues who have not submitted), for the organizer without drafts, as in every organizer list. No scores, no awards.
/// </summary>
public sealed class OrganizationEntriesHandler(ContestDb db, ICurrentUser user) : IQueryHandler<OrganizationEntriesQuery, Result<OrganizationEntriesView>>
{
    public async ValueTask<Result<OrganizationEntriesView>> Handle(OrganizationEntriesQuery q, CancellationToken ct)
    {
        if (await db.VisibleAsync(user, q.OrganizationId, ct) is not var (organization, asOrganizer)) return Result.NotFound;
        var entries = db.Entries.AsNoTracking().Where(e => e.OrganizationId == organization.Id);
        if (asOrganizer) entries = entries.Where(e => e.State != EntryState.Draft);
        var page = await entries.OrderBy(e => e.Number == null).ThenBy(e => e.Number).ThenBy(e => e.Id)
            .Select(e => new OrganizationEntryRow(e.Id, e.Number, e.Title, e.Category.NameZh, e.Category.NameEn, e.State,
                e.EntrantName ?? e.Entrant.RealName, e.SubmittedAt))
            .ToPageAsync(q.Page, ct);
        return new OrganizationEntriesView(organization, asOrganizer, page);
    }
}
