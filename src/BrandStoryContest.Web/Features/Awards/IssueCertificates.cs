using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Certificates;
using BrandStoryContest.Web.Infrastructure.Storage;
using BrandStoryContest.Web.Infrastructure.Web;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

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
/// Renders one award's certificates into blob storage: one naming the whole team in order, or (as the organizer chose
/// for the award) one for each author and instructor. Each certificate row (and so its number) is made once per award
/// and holder; issuing again re-renders the same numbers into the same blobs.
/// </summary>
public sealed class CertificateWriter(ContestDb db, IBlobStore blobs, CertificatePdf renderer, TimeProvider clock, IStringLocalizer<SharedResource> L)
{
    public async Task<IReadOnlyList<Certificate>> IssueAsync(int awardId, string publicOrigin, CancellationToken ct)
    {
        var award = await db.Awards.AsNoTracking().Include(a => a.Tier).Include(a => a.Entry).ThenInclude(e => e.Entrant)
            .Include(a => a.Entry).ThenInclude(e => e.Authors)
            .Include(a => a.Entry).ThenInclude(e => e.Contest).SingleAsync(a => a.Id == awardId, ct);

        var contest = award.Entry.Contest;
        var language = Languages.Normalize(award.Entry.Entrant.PreferredLanguage);
        // The name fixed at submission: a later profile edit does not rename a winner.
        var winner = string.IsNullOrWhiteSpace(award.Entry.NameOfRecord) ? award.Entry.Entrant.Email ?? "" : award.Entry.NameOfRecord;
        var team = EntryTeam.Of(winner, award.Entry.OrganizationOfRecord, award.Entry.EntrantId, award.Entry.Authors);
        var english = language == Languages.English;
        var instructor = L.ForMail("Instructor").In(language);
        // The sentence names the work's authors; the name line names whom the certificate is for.
        var authors = string.Join(english ? ", " : "、", team.Where(m => m.Role == AuthorRole.Author).Select(m => m.Name));
        var holders = award.CertificatePerPerson
            ? team.Select(m => (Holder: m.AuthorId ?? 0, Names: (IReadOnlyList<string>)[Label(m, english, instructor)])).ToList()
            : [(Holder: 0, Names: team.Select(m => Label(m, english, instructor)).ToList())];
        var tier = award.Tier.Name(language);
        var (heading, body) = contest.CertificateWording(language, authors, tier, award.Entry.Title);
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
        var issued = new List<Certificate>();
        foreach (var (holder, names) in holders)
        {
            var certificate = await db.Certificates.SingleOrDefaultAsync(c => c.AwardId == awardId && c.Holder == holder, ct)
                ?? await CreateAsync(awardId, holder, ct);
            var printed = string.Join("\n", names);
            if (certificate.Names != printed)
            {
                certificate.Names = printed;
                await db.SaveChangesAsync(ct);
            }
            var pdf = renderer.Render(new CertificateContent(
                contest.Title(language), tier, award.Entry.Title, names, contest.OrganizerName,
                DateOnly.FromDateTime(ContestTime.ToLocal(certificate.IssuedAt, contest.TimeZoneId).DateTime),
                certificate.Number, publicOrigin.TrimEnd('/') + "/certificates/verify/" + certificate.Number, heading, body, seal));
            using var content = new MemoryStream(pdf, writable: false);
            await blobs.UploadAsync(certificate.BlobName, content, "application/pdf", ct);
            issued.Add(certificate);
        }
        return issued;
    }

    /// <summary>An instructor's name carries the role, on the team certificate and on their own.</summary>
    private static string Label(TeamMember m, bool english, string instructor) =>
        m.Role != AuthorRole.Instructor ? m.Name : english ? $"{m.Name} ({instructor})" : $"{m.Name}（{instructor}）";

    private async Task<Certificate> CreateAsync(int awardId, int holder, CancellationToken ct)
    {
        var number = CertificateNumbers.New();
        var certificate = new Certificate { AwardId = awardId, Holder = holder, Number = number, BlobName = Certificate.BlobFor(number), IssuedAt = clock.GetUtcNow() };
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
            return await db.Certificates.SingleOrDefaultAsync(c => c.AwardId == awardId && c.Holder == holder, ct) ?? await CreateAsync(awardId, holder, ct);
        }
    }
}
