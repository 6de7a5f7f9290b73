using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Awards;

/// <summary>
/// Polls the CertificateJobs table. Several instances may poll it: a job is claimed by one conditional
/// UPDATE (Queued, or Running with an expired lease), so exactly one instance wins it; the winner renews
/// its lease after every certificate. A job whose instance crashed is taken again once its lease runs
/// out: issuing is idempotent per award, so the repeat only re-renders the same numbers.
/// </summary>
public sealed class CertificateJobWorker(IServiceScopeFactory scopes, IConfiguration config, ILogger<CertificateJobWorker> log) : BackgroundService
{
    private TimeSpan Idle => TimeSpan.FromMilliseconds(config.GetValue("Certificates:PollMilliseconds", 1000));
    private TimeSpan Lease => TimeSpan.FromSeconds(config.GetValue("Certificates:LeaseSeconds", 120));

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (!await RunNextAsync(stop)) await Task.Delay(Idle, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                log.LogWarning(e, "Certificate job polling failed; retrying.");
                await Task.Delay(TimeSpan.FromSeconds(2), stop).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }

    /// <summary>Claims one job for this instance; the id, or null when there is none free.</summary>
    internal static async Task<int?> ClaimAsync(ContestDb db, DateTimeOffset now, TimeSpan lease, CancellationToken ct)
    {
        var free = db.CertificateJobs.Where(j => j.State == CertificateJobState.Queued
            || (j.State == CertificateJobState.Running && (j.LeaseUntil == null || j.LeaseUntil < now)));
        while (await free.OrderBy(j => j.Id).Select(j => (int?)j.Id).FirstOrDefaultAsync(ct) is { } id)
        {
            var until = now + lease;
            var claimed = await free.Where(j => j.Id == id).ExecuteUpdateAsync(s => s
                .SetProperty(j => j.State, CertificateJobState.Running)
                .SetProperty(j => j.LeaseUntil, until), ct);
            if (claimed == 1) return id;
            // Another instance claimed it between the read and the update: look for the next one.
        }
        return null;
    }

    private async Task<bool> RunNextAsync(CancellationToken stop)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestDb>();
        if (await ClaimAsync(db, DateTimeOffset.UtcNow, Lease, stop) is not { } id) return false;
        var job = await db.CertificateJobs.SingleAsync(j => j.Id == id, stop);
        var awardIds = await db.Awards.Where(a => a.Entry.ContestId == job.ContestId).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(stop);
        var organizationAwardIds = await Organizations.OrganizationCertificateWriter.AwardIdsAsync(db, job.ContestId, stop);
        job.Total = awardIds.Count + organizationAwardIds.Count;
        job.Done = 0;
        await db.SaveChangesAsync(stop);
        try
        {
            foreach (var awardId in awardIds)
            {
                using (var one = scopes.CreateScope())
                    await one.ServiceProvider.GetRequiredService<CertificateWriter>().IssueAsync(awardId, job.PublicOrigin, stop);
                job.Done++;
                job.LeaseUntil = DateTimeOffset.UtcNow + Lease;
                await db.SaveChangesAsync(stop);
            }
            // Units' awards (优秀组织奖) are issued in the same job, after the entries'.
            foreach (var awardId in organizationAwardIds)
            {
                using (var one = scopes.CreateScope())
                    await ActivatorUtilities.CreateInstance<Organizations.OrganizationCertificateWriter>(one.ServiceProvider).IssueAsync(awardId, job.PublicOrigin, stop);
                job.Done++;
                job.LeaseUntil = DateTimeOffset.UtcNow + Lease;
                await db.SaveChangesAsync(stop);
            }
            job.State = CertificateJobState.Done;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogError(e, "Certificate job {Job} failed.", job.Id);
            job.State = CertificateJobState.Failed;
            job.Error = e.Message;
        }
        job.FinishedAt = DateTimeOffset.UtcNow;
        job.LeaseUntil = null;
        await db.SaveChangesAsync(stop);
        return true;
    }
}
