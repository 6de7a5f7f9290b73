using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Awards;

/// <summary>
/// Polls the CertificateJobs table. A job left Running by a crash is simply taken again: issuing is
/// idempotent per award, so the repeat only re-renders the same numbers.
/// </summary>
public sealed class CertificateJobWorker(IServiceScopeFactory scopes, IConfiguration config, ILogger<CertificateJobWorker> log) : BackgroundService
{
    private TimeSpan Idle => TimeSpan.FromMilliseconds(config.GetValue("Certificates:PollMilliseconds", 1000));

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

    private async Task<bool> RunNextAsync(CancellationToken stop)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ContestDb>();
        var job = await db.CertificateJobs.OrderBy(j => j.Id)
            .FirstOrDefaultAsync(j => j.State == CertificateJobState.Queued || j.State == CertificateJobState.Running, stop);
        if (job is null) return false;
        var awardIds = await db.Awards.Where(a => a.Entry.ContestId == job.ContestId).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(stop);
        job.State = CertificateJobState.Running;
        job.Total = awardIds.Count;
        job.Done = 0;
        await db.SaveChangesAsync(stop);
        try
        {
            foreach (var awardId in awardIds)
            {
                using (var one = scopes.CreateScope())
                    await one.ServiceProvider.GetRequiredService<CertificateWriter>().IssueAsync(awardId, job.PublicOrigin, stop);
                job.Done++;
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
        await db.SaveChangesAsync(stop);
        return true;
    }
}
