using System.Globalization;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Broadcasts;

/// <summary>The empty broadcast form for the contest's own organizer; null (not found) for anyone else's contest.</summary>
public sealed record ComposeBroadcastQuery(int ContestId) : IQuery<Result<BroadcastForm>>;

public sealed class ComposeBroadcastHandler(ContestDb db, ICurrentUser user) : IQueryHandler<ComposeBroadcastQuery, Result<BroadcastForm>>
{
    public async ValueTask<Result<BroadcastForm>> Handle(ComposeBroadcastQuery query, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.ContestId, ct);
        if (contest is null || !user.CanManage(contest)) return Result.NotFound;
        return new BroadcastForm { ContestId = contest.Id, ContestTitle = contest.Title(Languages.Normalize(CultureInfo.CurrentUICulture.Name)) };
    }
}
