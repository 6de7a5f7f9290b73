using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>Removes an assignment that has no score yet; a scored one is the judge's work and stays. The result is the assignment's round.</summary>
public sealed record RemoveAssignmentCommand(int AssignmentId) : ICommand<Result<int>>;

public sealed class RemoveAssignmentHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<RemoveAssignmentCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(RemoveAssignmentCommand cmd, CancellationToken ct)
    {
        var a = await db.Assignments.Include(x => x.Scores).SingleOrDefaultAsync(x => x.Id == cmd.AssignmentId, ct);
        var round = a is null ? null : await db.ManagedRoundAsync(user, a.RoundId, ct);
        if (a is null || round is null) return Result.NotFound;
        if (a.IsScored || a.Scores.Count > 0) return Result.Refuse("This assignment already has scores and cannot be removed.");
        if (round.State is RoundState.Closed or RoundState.Finalized) return Result.Refuse("The round is closed: assignments can no longer change.");
        db.Assignments.Remove(a);
        db.Record(clock, user.RequiredId(), "RemoveAssignment", "Round", round.Id, $"entry {a.EntryId} → {a.JudgeId}", null);
        await db.SaveChangesAsync(ct);
        return round.Id;
    }
}
