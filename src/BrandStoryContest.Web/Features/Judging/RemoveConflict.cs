using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Judging;

public sealed record RemoveConflictCommand(int ConflictId) : ICommand<Result<int>>;

public sealed class RemoveConflictHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<RemoveConflictCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(RemoveConflictCommand cmd, CancellationToken ct)
    {
        var conflict = await db.Conflicts.SingleOrDefaultAsync(c => c.Id == cmd.ConflictId, ct);
        var contest = conflict is null ? null : await db.Contests.SingleAsync(c => c.Id == conflict.ContestId, ct);
        if (conflict is null || contest is null || !user.CanManage(contest)) return Result.NotFound;
        db.Conflicts.Remove(conflict);
        db.Record(clock, user.RequiredId(), "RemoveConflict", "Conflict", conflict.Id, $"{conflict.JudgeId}×{conflict.EntrantId}", null);
        await db.SaveChangesAsync(ct);
        return contest.Id;
    }
}
