using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Infrastructure.Storage;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Awards;

/// <summary>A certificate PDF for its winner, the contest's organizer or an admin; anyone else gets "not found".</summary>
public sealed record ReadCertificateQuery(string Number) : IQuery<Stream?>;

public sealed class ReadCertificateHandler(ContestDb db, ICurrentUser user, IBlobStore blobs) : IQueryHandler<ReadCertificateQuery, Stream?>
{
    public async ValueTask<Stream?> Handle(ReadCertificateQuery query, CancellationToken ct)
    {
        var certificate = await db.Certificates.AsNoTracking().Include(c => c.Award).ThenInclude(a => a.Entry).ThenInclude(e => e.Contest)
            .SingleOrDefaultAsync(c => c.Number == query.Number, ct);
        if (certificate is null || user.Id is null) return null;
        var organizer = user.CanManage(certificate.Award.Entry.Contest);
        var winner = certificate.Award.Entry.EntrantId == user.Id && certificate.RevokedAt is null;
        if (!organizer && !winner) return null;
        return await blobs.OpenReadAsync(certificate.BlobName, ct);
    }
}
