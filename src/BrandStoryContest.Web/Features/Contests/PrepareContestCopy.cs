using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Contests;

/// <summary>The copy form, filled with the source's titles and its dates a year on.</summary>
public sealed record PrepareContestCopyQuery(int SourceId) : IQuery<Result<CopyContestCommand>>;

public sealed class PrepareContestCopyHandler(ContestDb db, ICurrentUser user) : IQueryHandler<PrepareContestCopyQuery, Result<CopyContestCommand>>
{
    public async ValueTask<Result<CopyContestCommand>> Handle(PrepareContestCopyQuery query, CancellationToken ct)
    {
        var c = await db.Contests.AsNoTracking().SingleOrDefaultAsync(x => x.Id == query.SourceId, ct);
        if (c is null || !user.CanManage(c)) return Result.NotFound;
        DateTime NextYear(DateTimeOffset t) => ContestTime.ToLocal(t, c.TimeZoneId).DateTime.AddYears(1);
        return new CopyContestCommand
        {
            SourceId = c.Id, TitleZh = c.TitleZh, TitleEn = c.TitleEn,
            SubmissionOpensAt = NextYear(c.SubmissionOpensAt), SubmissionClosesAt = NextYear(c.SubmissionClosesAt),
            JudgingStartsAt = c.JudgingStartsAt is { } js ? NextYear(js) : null, JudgingEndsAt = c.JudgingEndsAt is { } je ? NextYear(je) : null,
        };
    }
}
