using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Certificates;
using BrandStoryContest.Web.Infrastructure.Storage;
using BrandStoryContest.Web.Infrastructure.Web;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Awards;

/// <summary>Queues certificate generation for every award of a published contest; <see cref="CertificateJobWorker"/> does the work.</summary>
public sealed record IssueCertificatesCommand(int ContestId) : ICommand<Result<int>>;

public sealed class IssueCertificatesHandler(ContestDb db, ICurrentUser user, TimeProvider clock, AppLinks links)
    : ICommandHandler<IssueCertificatesCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(IssueCertificatesCommand cmd, CancellationToken ct)
    {
        var contest = await db.ManagedContestAsync(user, cmd.ContestId, ct);
        if (contest is null) return Result.NotFound;
        if (!contest.AwardsLocked) return new RuleViolation("", "Publish the results before issuing certificates.");
        if (await db.CertificateJobs.AnyAsync(j => j.ContestId == contest.Id && (j.State == CertificateJobState.Queued || j.State == CertificateJobState.Running), ct))
            return new RuleViolation("", "Certificates are already being generated.");
        var total = await db.Awards.CountAsync(a => a.Entry.ContestId == contest.Id, ct)
            + await db.OrganizationAwards.CountAsync(a => a.ContestId == contest.Id, ct);
        var job = new CertificateJob
        {
            ContestId = contest.Id, RequestedById = user.RequiredId(), PublicOrigin = links.Absolute(""), Total = total,
            State = CertificateJobState.Queued, CreatedAt = clock.GetUtcNow(),
        };
        db.CertificateJobs.Add(job);
        db.Record(clock, user.RequiredId(), "IssueCertificates", "Contest", contest.Id, null, $"{total} awards");
        await db.SaveChangesAsync(ct);
        return job.Id;
    }
}

/// <summary>
/// Renders one award's certificate into blob storage. The certificate row (and so its number) is made once
/// per award; issuing again re-renders the same number into the same blob.
/// </summary>
public sealed class CertificateWriter(ContestDb db, IBlobStore blobs, CertificatePdf renderer, TimeProvider clock)
{
    public async Task<Certificate> IssueAsync(int awardId, string publicOrigin, CancellationToken ct)
    {
        var award = await db.Awards.AsNoTracking().Include(a => a.Tier).Include(a => a.Entry).ThenInclude(e => e.Entrant)
            .Include(a => a.Entry).ThenInclude(e => e.Contest).SingleAsync(a => a.Id == awardId, ct);
        var certificate = await db.Certificates.SingleOrDefaultAsync(c => c.AwardId == awardId, ct) ?? await CreateAsync(awardId, ct);

        var contest = award.Entry.Contest;
        var language = Languages.Normalize(award.Entry.Entrant.PreferredLanguage);
        // The name fixed at submission: a later profile edit does not rename a winner.
        var winner = string.IsNullOrWhiteSpace(award.Entry.NameOfRecord) ? award.Entry.Entrant.Email ?? "" : award.Entry.NameOfRecord;
        var tier = award.Tier.Name(language);
        var (heading, body) = contest.CertificateWording(language, winner, tier, award.Entry.Title);
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
        var pdf = renderer.Render(new CertificateContent(
            contest.Title(language), tier, award.Entry.Title, [winner], contest.OrganizerName,
            DateOnly.FromDateTime(ContestTime.ToLocal(certificate.IssuedAt, contest.TimeZoneId).DateTime),
            certificate.Number, publicOrigin.TrimEnd('/') + "/certificates/verify/" + certificate.Number, heading, body, seal));
        using var content = new MemoryStream(pdf, writable: false);
        await blobs.UploadAsync(certificate.BlobName, content, "application/pdf", ct);
        return certificate;
    }

    private async Task<Certificate> CreateAsync(int awardId, CancellationToken ct)
    {
        var number = CertificateNumbers.New();
        var certificate = new Certificate { AwardId = awardId, Number = number, BlobName = Certificate.BlobFor(number), IssuedAt = clock.GetUtcNow() };
        db.Certificates.Add(certificate);
        try
        {
            await db.SaveChangesAsync(ct);
            return certificate;
        }
        catch (DbUpdateException e) when (DatabaseSetup.IsUniqueViolation(e))
        {
            // Someone else issued it first (or, once in 2^59, the number was taken): use what is stored.
            db.Entry(certificate).State = EntityState.Detached;
            return await db.Certificates.SingleOrDefaultAsync(c => c.AwardId == awardId, ct) ?? await CreateAsync(awardId, ct);
        }
    }
}
