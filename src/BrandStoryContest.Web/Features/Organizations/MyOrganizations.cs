using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Organizations;

public sealed record MyOrganizationRow(int Id, string Name, string? CreditCode, int ContestId, string ContestTitleZh, string? ContestTitleEn,
    int Started, int Submitted, IReadOnlyList<MyOrganizationAward> Awards);

public sealed record MyOrganizationAward(string NameZh, string? NameEn, string? CertificateNumber);

public sealed record OpenContest(int Id, string TitleZh, string? TitleEn);

/// <summary>The units this account is the contact of, and the contests it could register one for.</summary>
public sealed record MyOrganizationsView(IReadOnlyList<MyOrganizationRow> Organizations, IReadOnlyList<OpenContest> OpenContests,
    RegisterOrganizationCommand Form);

public sealed record MyOrganizationsQuery : IQuery<Result<MyOrganizationsView>>;

public sealed class MyOrganizationsHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : IQueryHandler<MyOrganizationsQuery, Result<MyOrganizationsView>>
{
    public async ValueTask<Result<MyOrganizationsView>> Handle(MyOrganizationsQuery query, CancellationToken ct)
    {
        var me = user.RequiredId();
        var now = clock.GetUtcNow();
        var rows = await db.Organizations.AsNoTracking().Where(o => o.ContactId == me).OrderByDescending(o => o.Id)
            .Select(o => new
            {
                o.Id, o.Name, o.CreditCode, o.ContestId, o.Contest.TitleZh, o.Contest.TitleEn, Published = o.Contest.ResultsPublishedAt != null,
                Started = db.Entries.Count(e => e.OrganizationId == o.Id),
                Submitted = db.Entries.Count(e => e.OrganizationId == o.Id && e.State == EntryState.Submitted),
            }).ToListAsync(ct);
        var ids = rows.Where(r => r.Published).Select(r => r.Id).ToList();
        // A unit learns of its award when the results are published, as winners do.
        var awards = await db.OrganizationAwards.AsNoTracking().Where(a => ids.Contains(a.OrganizationId)).OrderBy(a => a.Id)
            .Select(a => new { a.OrganizationId, a.NameZh, a.NameEn, a.CertificateNumber }).ToListAsync(ct);
        var open = await db.Contests.AsNoTracking().Where(c => c.IsPublic && c.SubmissionClosesAt > now).OrderBy(c => c.SubmissionClosesAt).ThenBy(c => c.Id)
            .Select(c => new OpenContest(c.Id, c.TitleZh, c.TitleEn)).Take(100).ToListAsync(ct);
        return new MyOrganizationsView(
            rows.Select(r => new MyOrganizationRow(r.Id, r.Name, r.CreditCode, r.ContestId, r.TitleZh, r.TitleEn, r.Started, r.Submitted,
                awards.Where(a => a.OrganizationId == r.Id).Select(a => new MyOrganizationAward(a.NameZh, a.NameEn, a.CertificateNumber)).ToList())).ToList(),
            open, new RegisterOrganizationCommand());
    }
}
