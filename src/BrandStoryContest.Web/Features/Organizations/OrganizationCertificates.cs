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

/// <summary>
/// Renders a unit's award certificate into blob storage, run by the certificate job with the entries' certificates.
/// The number is made on the first issue and kept after, so a printed certificate stays valid when issued again.
/// </summary>
public sealed class OrganizationCertificateWriter(ContestDb db, IBlobStore blobs, CertificatePdf renderer, TimeProvider clock)
{
    public static Task<List<int>> AwardIdsAsync(ContestDb db, int contestId, CancellationToken ct) =>
        db.OrganizationAwards.Where(a => a.ContestId == contestId).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(ct);

    public async Task IssueAsync(int organizationAwardId, string publicOrigin, CancellationToken ct)
    {
        var award = await db.OrganizationAwards.Include(a => a.Organization).ThenInclude(o => o.Contest).Include(a => a.Organization).ThenInclude(o => o.Contact)
            .SingleAsync(a => a.Id == organizationAwardId, ct);
        if (award.CertificateNumber is null)
        {
            // One number space with the entries' certificates: the verification page looks a number up in both.
            string number;
            do number = CertificateNumbers.New();
            while (await db.Certificates.AnyAsync(c => c.Number == number, ct) || await db.OrganizationAwards.AnyAsync(a => a.CertificateNumber == number, ct));
            award.CertificateNumber = number;
            award.CertificateBlob = $"certificates/organizations/{number}.pdf";
            award.CertificateIssuedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        var contest = award.Organization.Contest;
        var language = Languages.Normalize(award.Organization.Contact.PreferredLanguage);
        var name = award.Name(language);
        var en = language == Languages.English;
        var heading = (en ? contest.CertificateHeadingEn : contest.CertificateHeadingZh) is { Length: > 0 } h ? h : en ? Contest.DefaultHeadingEn : Contest.DefaultHeadingZh;
        var body = (en ? OrganizationAward.CertificateBodyEn : OrganizationAward.CertificateBodyZh).Replace("{organization}", award.Organization.Name).Replace("{award}", name).Replace("{contest}", contest.Title(language));
        byte[]? seal = null;
        if (contest.SealBlob is { } sealBlob && await blobs.OpenReadAsync(sealBlob, ct) is { } s)
        {
            await using (s)
            {
                using var copy = new MemoryStream();
                await s.CopyToAsync(copy, ct);
                seal = copy.ToArray();
            }
        }
        var pdf = renderer.Render(new CertificateContent(contest.Title(language), name, "", [award.Organization.Name], contest.OrganizerName,
            DateOnly.FromDateTime(ContestTime.ToLocal(award.CertificateIssuedAt!.Value, contest.TimeZoneId).DateTime), award.CertificateNumber,
            publicOrigin.TrimEnd('/') + "/certificates/verify/" + award.CertificateNumber, heading, body, seal));
        using var content = new MemoryStream(pdf, writable: false);
        await blobs.UploadAsync(award.CertificateBlob!, content, "application/pdf", ct);
    }
}

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

/// <summary>To a unit's contact when the results with its award are published (Mails/OrganizationAward.*).</summary>
public sealed record OrganizationAwardMail(string Organization, Bilingual Award, DateTimeOffset PublicAt, string Link) : IMail;

public static class OrganizationAwardMails
{
    /// <summary>Queued by the publish step in its own unit of work, so the mails go out with the results or not at all.</summary>
    public static async Task QueueAsync(ContestDb db, Outbox outbox, AppLinks links, Contest contest, DateTimeOffset publicAt, CancellationToken ct)
    {
        var awards = await db.OrganizationAwards.AsNoTracking().Where(a => a.ContestId == contest.Id).Include(a => a.Organization).ThenInclude(o => o.Contact)
            .OrderBy(a => a.Id).ToListAsync(ct);
        foreach (var a in awards.Where(a => a.Organization.Contact.Email is not null))
            outbox.Queue(MailRecipient.Of(a.Organization.Contact), new OrganizationAwardMail(a.Organization.Name, new Bilingual(a.NameZh, a.NameEn), publicAt,
                links.Absolute("/organizations")), contest);
    }
}
