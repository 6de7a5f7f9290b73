using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Infrastructure.Web;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;

namespace BrandStoryContest.Web.Features.Awards;

/// <summary>Gives each category of the contest the default tiers (一等奖 1, 二等奖 3, 三等奖 5, 优秀奖 20) when it has none.</summary>
public sealed record EnsureAwardTiersCommand(int ContestId) : ICommand<Result<Result.Done>>;

public sealed class EnsureAwardTiersHandler(ContestDb db, ICurrentUser user) : ICommandHandler<EnsureAwardTiersCommand, Result<Result.Done>>
{
    public async ValueTask<Result<Result.Done>> Handle(EnsureAwardTiersCommand cmd, CancellationToken ct)
    {
        var contest = await db.ManagedContestAsync(user, cmd.ContestId, ct);
        if (contest is null) return Result.NotFound;
        await db.EnsureTiersAsync(contest.Categories.Select(c => c.Id), ct);
        return Result.Ok();
    }
}
