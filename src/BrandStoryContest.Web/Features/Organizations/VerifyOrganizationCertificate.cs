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

public sealed record OrganizationCertificateVerification(string Number, string ContestTitleZh, string? ContestTitleEn, string AwardZh, string? AwardEn,
    string OrganizationName, DateTimeOffset IssuedAt, string TimeZoneId);

/// <summary>The public check of a unit's certificate, asked when the number is not an entry's certificate.</summary>
public sealed record VerifyOrganizationCertificateQuery(string Number) : IQuery<Result<OrganizationCertificateVerification>>;

public sealed class VerifyOrganizationCertificateHandler(ContestDb db) : IQueryHandler<VerifyOrganizationCertificateQuery, Result<OrganizationCertificateVerification>>
{
    public async ValueTask<Result<OrganizationCertificateVerification>> Handle(VerifyOrganizationCertificateQuery query, CancellationToken ct)
    {
        var number = (query.Number ?? "").Trim().ToUpperInvariant();
        if (!CertificateNumbers.LooksValid(number)) return Result.NotFound;
        var found = await db.OrganizationAwards.AsNoTracking()
            .Where(a => a.CertificateNumber == number && a.Organization.Contest.ResultsPublishedAt != null)
            .Select(a => new OrganizationCertificateVerification(a.CertificateNumber!, a.Organization.Contest.TitleZh, a.Organization.Contest.TitleEn,
                a.NameZh, a.NameEn, a.Organization.Name, a.CertificateIssuedAt!.Value, a.Organization.Contest.TimeZoneId))
            .SingleOrDefaultAsync(ct);
        return found is null ? Result.NotFound : found;
    }
}
