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
