using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Entries;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Organizations;

public sealed record OrganizationOption(int Id, string Name);

/// <param name="CanChange">Only a draft in an open contest changes its unit: at submission the unit's name is fixed as the organization of record.</param>
public sealed record EntryOrganizationChoice(int EntryId, int? OrganizationId, string? OrganizationName, bool CanChange, IReadOnlyList<OrganizationOption> Options);

/// <summary>What the entrant's entry page shows of "submitted on behalf of": the unit chosen and the contest's units to choose from.</summary>
public sealed record EntryOrganizationChoiceQuery(int EntryId) : IQuery<Result<EntryOrganizationChoice>>;

public sealed class EntryOrganizationChoiceHandler(ContestDb db, ICurrentUser user, TimeProvider clock)
    : IQueryHandler<EntryOrganizationChoiceQuery, Result<EntryOrganizationChoice>>
{
    public async ValueTask<Result<EntryOrganizationChoice>> Handle(EntryOrganizationChoiceQuery q, CancellationToken ct)
    {
        var entry = await db.OwnEntryAsync(q.EntryId, user.Id, ct);
        if (entry is null) return Result.NotFound;
        var canChange = entry.State == EntryState.Draft && EntryAccess.WhyLocked(entry, clock.GetUtcNow()) is null;
        var options = canChange
            ? await db.Organizations.AsNoTracking().Where(o => o.ContestId == entry.ContestId).OrderBy(o => o.Name).ThenBy(o => o.Id)
                .Select(o => new OrganizationOption(o.Id, o.Name)).Take(1000).ToListAsync(ct)
            : [];
        var name = await EntryOrganization.NameAsync(db, entry.OrganizationId, ct);
        return new EntryOrganizationChoice(entry.Id, entry.OrganizationId, entry.EntrantName is not null ? entry.EntrantOrganization : name, canChange, options);
    }
}
