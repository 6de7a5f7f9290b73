using System.IO.Compression;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Infrastructure.Storage;
using BrandStoryContest.Web.Infrastructure.Web;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Awards;

/// <summary>Writes the ZIP straight to the response: one certificate at a time from blob storage, nothing held in memory.</summary>
public sealed record CertificatesZip(string FileName, Func<Stream, CancellationToken, Task> WriteToAsync);

public sealed record CertificatesZipQuery(int ContestId) : IQuery<Result<CertificatesZip>>;

public sealed class CertificatesZipHandler(ContestDb db, ICurrentUser user, IBlobStore blobs) : IQueryHandler<CertificatesZipQuery, Result<CertificatesZip>>
{
    public async ValueTask<Result<CertificatesZip>> Handle(CertificatesZipQuery query, CancellationToken ct)
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
        return new CertificatesZip($"{contest.Code}-certificates.zip", async (output, token) =>
        {
            await using var zip = await ZipArchive.CreateAsync(output, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, token);
            foreach (var c in certificates)
            {
                await using var source = await blobs.OpenReadAsync(c.BlobName, token);
                if (source is null) continue;
                // PDFs are already compressed; storing them saves CPU for nothing lost.
                var entry = zip.CreateEntry($"{c.EntryNumber ?? "entry"}-{c.Number}.pdf", CompressionLevel.NoCompression);
                await using var target = await entry.OpenAsync(token);
                await source.CopyToAsync(target, token);
            }
        });
    }
}
