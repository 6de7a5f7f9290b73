using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Certificates;
using BrandStoryContest.Web.Infrastructure.Mail;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Storage;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Organizations;

/// <summary>A unit's certificate PDF for its contact, the contest's organizer or an admin; anyone else gets "not found".</summary>
public sealed record ReadOrganizationCertificateQuery(string Number) : IQuery<Result<Stream>>;

public sealed class ReadOrganizationCertificateHandler(ContestDb db, ICurrentUser user, IBlobStore blobs) : IQueryHandler<ReadOrganizationCertificateQuery, Result<Stream>>
{
    public async ValueTask<Result<Stream>> Handle(ReadOrganizationCertificateQuery query, CancellationToken ct)
    {
        if (user.Id is null || string.IsNullOrEmpty(query.Number)) return Result.NotFound;
        var award = await db.OrganizationAwards.AsNoTracking().Include(a => a.Organization).ThenInclude(o => o.Contest)
            .SingleOrDefaultAsync(a => a.CertificateNumber == query.Number, ct);
        if (award?.CertificateBlob is null) return Result.NotFound;
        var contact = award.Organization.ContactId == user.Id && award.Organization.Contest.ResultsPublishedAt != null;
        if (!contact && !user.CanManage(award.Organization.Contest)) return Result.NotFound;
        if (await blobs.OpenReadAsync(award.CertificateBlob, ct) is not { } pdf) return Result.NotFound;
        return pdf;
    }
}
