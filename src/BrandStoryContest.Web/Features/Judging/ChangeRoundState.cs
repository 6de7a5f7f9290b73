using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>Moves a round one step along its life (<see cref="Round.NextStates"/>).</summary>
public sealed record ChangeRoundStateCommand(int RoundId, RoundState To) : ICommand<Result<Result.Done>>;

public sealed class ChangeRoundStateHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<ChangeRoundStateCommand, Result<Result.Done>>
{
    public async ValueTask<Result<Result.Done>> Handle(ChangeRoundStateCommand cmd, CancellationToken ct)
    {
        var round = await db.ManagedRoundAsync(user, cmd.RoundId, ct);
        if (round is null) return Result.NotFound;
        if (!round.CanMoveTo(cmd.To)) return new RuleViolation("", "A round in state {0} cannot move to {1}.", round.State, cmd.To);
        if (cmd.To == RoundState.Open && !await db.Assignments.AnyAsync(a => a.RoundId == round.Id, ct))
            return new RuleViolation("", "Assign judges before opening the round.");
        // A finalized ranking feeds advancement and awards: votes still coming in would change it afterwards.
        if (cmd.To == RoundState.Finalized && round.IsHybrid && round.VotingClosesAt is { } closes && clock.GetUtcNow() < closes)
            return new RuleViolation("", "Public voting is still open: finalize the round after it closes.");
        var old = round.State;
        round.State = cmd.To;
        round.Version++;
        db.Record(clock, user.RequiredId(), "ChangeRoundState", "Round", round.Id, old.ToString(), cmd.To.ToString());
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
