using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Awards;

public sealed record CertificateProgress(int JobId, string State, int Done, int Total, string? Error);

/// <summary>The latest certificate job of the contest, for the organizer page's progress bar.</summary>
public sealed record CertificateProgressQuery(int ContestId) : IQuery<Result<CertificateProgress>>;

public sealed class CertificateProgressHandler(ContestDb db, ICurrentUser user) : IQueryHandler<CertificateProgressQuery, Result<CertificateProgress>>
{
    public async ValueTask<Result<CertificateProgress>> Handle(CertificateProgressQuery query, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.ContestId, ct);
        if (contest is null || !user.CanManage(contest)) return Result.NotFound;
        var job = await db.CertificateJobs.AsNoTracking().Where(j => j.ContestId == contest.Id).OrderByDescending(j => j.Id).FirstOrDefaultAsync(ct);
        return job is null ? new CertificateProgress(0, "None", 0, 0, null) : new CertificateProgress(job.Id, job.State.ToString(), job.Done, job.Total, job.Error);
    }
}
