using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Infrastructure.Storage;
using BrandStoryContest.Web.Infrastructure.Web;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Awards;

public sealed record CertificatesZipQuery(int ContestId) : IQuery<Result<PdfZip>>;

public sealed class CertificatesZipHandler(ContestDb db, ICurrentUser user, IBlobStore blobs) : IQueryHandler<CertificatesZipQuery, Result<PdfZip>>
{
    public async ValueTask<Result<PdfZip>> Handle(CertificatesZipQuery query, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.ContestId, ct);
        if (contest is null || !user.CanManage(contest)) return Result.NotFound;
        var certificates = await db.Certificates.AsNoTracking()
            .Where(c => c.Award.Entry.ContestId == contest.Id && c.RevokedAt == null)
            .OrderBy(c => c.Award.CategoryId).ThenBy(c => c.Award.Tier.Order).ThenBy(c => c.Id)
            .Select(c => new { c.Number, c.BlobName, EntryNumber = c.Award.Entry.Number }).ToListAsync(ct);
        // Units' certificates (优秀组织奖) follow the entries', named for the unit rather than an entry number.
        var units = await db.OrganizationAwards.AsNoTracking().Where(a => a.ContestId == contest.Id && a.CertificateNumber != null)
            .OrderBy(a => a.Id).Select(a => new { Number = a.CertificateNumber!, BlobName = a.CertificateBlob!, EntryNumber = (string?)"organization" }).ToListAsync(ct);
        certificates.AddRange(units);
        return new PdfZip($"{contest.Code}-certificates.zip", certificates
            .Select(c => new PdfZipFile($"{c.EntryNumber ?? "entry"}-{c.Number}.pdf", token => blobs.OpenReadAsync(c.BlobName, token))).ToList());
    }
}
