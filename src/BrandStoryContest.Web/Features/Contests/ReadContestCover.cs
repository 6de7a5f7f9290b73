using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Media;
using BrandStoryContest.Web.Infrastructure.Storage;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Contests;

public sealed record ReadContestCoverQuery(int ContestId) : IQuery<Result<Stream>>;

/// <summary>Covers of public contests are public; unlisted ones only for their organizers.</summary>
public sealed class ReadContestCoverHandler(ContestDb db, ICurrentUser user, IBlobStore blobs) : IQueryHandler<ReadContestCoverQuery, Result<Stream>>
{
    public async ValueTask<Result<Stream>> Handle(ReadContestCoverQuery query, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.ContestId, ct);
        if (contest?.CoverBlob is null || !(contest.IsPublic || user.CanManage(contest))) return Result.NotFound;
        // A cover whose blob is gone (storage cleaned by hand) is not found either, never a broken image.
        return await blobs.OpenReadAsync(contest.CoverBlob, ct) is { } image ? image : Result.NotFound;
    }
}
