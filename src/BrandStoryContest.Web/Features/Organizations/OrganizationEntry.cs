using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Organizations;

public sealed record OrganizationEntryView(Organization Organization, Entry Entry, string CategoryZh, string? CategoryEn, CategoryKind Kind, string EntrantName);

/// <summary>One entry as its unit's contact reads it: what was sent and its state, never a judge's score.</summary>
public sealed record OrganizationEntryQuery(int EntryId) : IQuery<Result<OrganizationEntryView>>;

public sealed class OrganizationEntryHandler(ContestDb db, ICurrentUser user) : IQueryHandler<OrganizationEntryQuery, Result<OrganizationEntryView>>
{
    public async ValueTask<Result<OrganizationEntryView>> Handle(OrganizationEntryQuery q, CancellationToken ct)
    {
        if (user.Id is null) return Result.NotFound;
        var entry = await db.Entries.AsNoTracking().Include(e => e.Organization).Include(e => e.Contest).Include(e => e.Category).Include(e => e.Entrant)
            .SingleOrDefaultAsync(e => e.Id == q.EntryId && e.Organization != null && e.Organization.ContactId == user.Id, ct);
        if (entry is null) return Result.NotFound;
        return new OrganizationEntryView(entry.Organization!, entry, entry.Category.NameZh, entry.Category.NameEn, entry.Category.Kind, entry.NameOfRecord);
    }
}
