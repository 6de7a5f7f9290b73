using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Certificates;

public sealed record CertificateVerification(string Number, bool Revoked, string? RevokedReason, DateTimeOffset? RevokedAt,
    string ContestTitleZh, string? ContestTitleEn, string CategoryZh, string? CategoryEn, string TierZh, string? TierEn,
    string EntryTitle, string? EntryNumber, string WinnerName, DateTimeOffset IssuedAt, string TimeZoneId, string? PrintedNames = null)
{
    /// <summary>Exactly the names the certificate carries, in its order (instructors with their role); older certificates name the entrant.</summary>
    public IReadOnlyList<string> Names => PrintedNames is { Length: > 0 } n ? n.Split('\n') : [WinnerName];
}

/// <summary>Anyone holding a printed certificate can check it. Numbers carry 59 random bits, so they cannot be enumerated.</summary>
public sealed record VerifyCertificateQuery(string Number) : IQuery<Result<CertificateVerification>>;

public sealed class VerifyCertificateHandler(ContestDb db) : IQueryHandler<VerifyCertificateQuery, Result<CertificateVerification>>
{
    public async ValueTask<Result<CertificateVerification>> Handle(VerifyCertificateQuery query, CancellationToken ct)
    {
        var number = (query.Number ?? "").Trim().ToUpperInvariant();
        if (!CertificateNumbers.LooksValid(number)) return Result.NotFound;
        var found = await db.Certificates.AsNoTracking().Where(c => c.Number == number && c.Award.Entry.Contest.ResultsPublishedAt != null)
            .Select(c => new CertificateVerification(c.Number, c.RevokedAt != null, c.RevokedReason, c.RevokedAt,
                c.Award.Entry.Contest.TitleZh, c.Award.Entry.Contest.TitleEn, c.Award.Entry.Category.NameZh, c.Award.Entry.Category.NameEn,
                c.Award.Tier.NameZh, c.Award.Tier.NameEn, c.Award.Entry.Title, c.Award.Entry.Number, c.Award.Entry.EntrantName ?? c.Award.Entry.Entrant.RealName,
                c.IssuedAt, c.Award.Entry.Contest.TimeZoneId, c.Names))
            .SingleOrDefaultAsync(ct);
        return found is null ? Result.NotFound : found;
    }
}
