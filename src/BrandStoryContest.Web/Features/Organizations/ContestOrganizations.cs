using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Awards;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Organizations;

/// <param name="Started">Entries sent for the unit in any state, drafts included.</param>
/// <param name="Awarded">Its entries that hold at least one award.</param>
public sealed record OrganizationFigures(int Id, string Name, string? CreditCode, string ContactName, string? ContactEmail,
    int Started, int Submitted, int Awarded, IReadOnlyList<OrganizationAwardRow> Awards);

public sealed record OrganizationAwardRow(int Id, string NameZh, string? NameEn, string? Reason, string? CertificateNumber);

public sealed record ContestOrganizationsView(Contest Contest, Paged<OrganizationFigures> Organizations, bool AwardsFrozen);

public sealed record ContestOrganizationsQuery(int ContestId, PageRequest Page) : IQuery<Result<ContestOrganizationsView>>;

/// <summary>
/// The organizer's table of units with their figures, most submissions first, one page at a time: what a
/// 优秀组织奖 is decided from.
/// </summary>
public sealed class ContestOrganizationsHandler(ContestDb db, ICurrentUser user) : IQueryHandler<ContestOrganizationsQuery, Result<ContestOrganizationsView>>
{
    public async ValueTask<Result<ContestOrganizationsView>> Handle(ContestOrganizationsQuery q, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == q.ContestId, ct);
        if (contest is null || !user.CanManage(contest)) return Result.NotFound;
        var page = await db.Organizations.AsNoTracking().Where(o => o.ContestId == contest.Id)
            .Select(o => new
            {
                o.Id, o.Name, o.CreditCode, ContactName = o.Contact.RealName, ContactEmail = o.Contact.Email,
                Started = db.Entries.Count(e => e.OrganizationId == o.Id),
                Submitted = db.Entries.Count(e => e.OrganizationId == o.Id && e.State == EntryState.Submitted),
                Awarded = db.Entries.Count(e => e.OrganizationId == o.Id && e.State == EntryState.Submitted && db.Awards.Any(a => a.EntryId == e.Id)),
            })
            .OrderByDescending(o => o.Submitted).ThenBy(o => o.Name).ThenBy(o => o.Id)
            .ToPageAsync(q.Page, ct);
        var ids = page.Items.Select(o => o.Id).ToList();
        var awards = await db.OrganizationAwards.AsNoTracking().Where(a => ids.Contains(a.OrganizationId)).OrderBy(a => a.Id).ToListAsync(ct);
        var rows = page.Items.Select(o => new OrganizationFigures(o.Id, o.Name, o.CreditCode, o.ContactName, o.ContactEmail, o.Started, o.Submitted, o.Awarded,
            awards.Where(a => a.OrganizationId == o.Id).Select(a => new OrganizationAwardRow(a.Id, a.NameZh, a.NameEn, a.Reason, a.CertificateNumber)).ToList())).ToList();
        return new ContestOrganizationsView(contest, new Paged<OrganizationFigures>(rows, page.Info), contest.WhyAwardsFrozen() is not null);
    }
}
