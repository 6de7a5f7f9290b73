using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;

namespace BrandStoryContest.Web.Features.Awards;

/// <summary>Gives each category of the contest the default tiers (一等奖 1, 二等奖 3, 三等奖 5, 优秀奖 20) when it has none.</summary>
public sealed record EnsureAwardTiersCommand(int ContestId) : ICommand<bool>;

public sealed class EnsureAwardTiersHandler(ContestDb db, ICurrentUser user) : ICommandHandler<EnsureAwardTiersCommand, bool>
{
    public async ValueTask<bool> Handle(EnsureAwardTiersCommand cmd, CancellationToken ct)
    {
        var contest = await db.ManagedContestAsync(user, cmd.ContestId, ct);
        if (contest is null) return false;
        await db.EnsureTiersAsync(contest.Categories.Select(c => c.Id), ct);
        return true;
    }
}
