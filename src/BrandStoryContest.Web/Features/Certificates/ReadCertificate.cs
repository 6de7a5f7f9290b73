using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Infrastructure.Storage;
using BrandStoryContest.Web.Infrastructure.Web;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Certificates;

/// <summary>A certificate PDF for its winner (a confirmed co-author included), the contest's organizer or an admin; anyone else gets "not found".</summary>
public sealed record ReadCertificateQuery(string Number) : IQuery<Result<Stream>>;

public sealed class ReadCertificateHandler(ContestDb db, ICurrentUser user, IBlobStore blobs) : IQueryHandler<ReadCertificateQuery, Result<Stream>>
{
    public async ValueTask<Result<Stream>> Handle(ReadCertificateQuery query, CancellationToken ct)
    {
        var certificate = await db.Certificates.AsNoTracking().Include(c => c.Award).ThenInclude(a => a.Entry).ThenInclude(e => e.Contest)
            .SingleOrDefaultAsync(c => c.Number == query.Number, ct);
        if (certificate is null || user.Id is null) return Result.NotFound;
        var organizer = user.CanManage(certificate.Award.Entry.Contest);
        var winner = certificate.Award.Entry.EntrantId == user.Id && certificate.RevokedAt is null;
        // A co-author or instructor who confirmed from their account gets their own certificate, or the team's.
        var member = !organizer && !winner && certificate.RevokedAt is null && await db.EntryAuthors.AnyAsync(a => a.EntryId == certificate.Award.EntryId
            && a.AccountId == user.Id && a.ConfirmedAt != null && (certificate.Holder == 0 ? !certificate.Award.CertificatePerPerson : a.Id == certificate.Holder), ct);
        if (!organizer && !winner && !member) return Result.NotFound;
        if (await blobs.OpenReadAsync(certificate.BlobName, ct) is not { } pdf) return Result.NotFound;
        return pdf;
    }
}
