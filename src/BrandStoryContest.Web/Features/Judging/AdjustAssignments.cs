using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>The organizer gives one entry to one more judge by hand; conflicts still apply.</summary>
public sealed record AddAssignmentCommand(int RoundId, int EntryId, string JudgeId) : ICommand<Result<Result.Done>>;

public sealed class AddAssignmentHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<AddAssignmentCommand, Result<Result.Done>>
{
    public async ValueTask<Result<Result.Done>> Handle(AddAssignmentCommand cmd, CancellationToken ct)
    {
        var round = await db.ManagedRoundAsync(user, cmd.RoundId, ct);
        if (round is null) return Result.NotFound;
        if (round.State is RoundState.Closed or RoundState.Finalized) return new RuleViolation("", "The round is closed: assignments can no longer change.");
        if (!await db.RoundEntries.AnyAsync(r => r.RoundId == round.Id && r.EntryId == cmd.EntryId, ct)) return new RuleViolation("", "This entry is not in the round.");
        if (!await db.PanelMembers.AnyAsync(p => p.CategoryId == round.CategoryId && p.JudgeId == cmd.JudgeId, ct)) return new RuleViolation("", "This judge is not on the category's panel.");
        if ((await db.ConflictedPairsAsync(round.Category.ContestId, [cmd.EntryId], [cmd.JudgeId], ct)).Count > 0)
            return new RuleViolation("", "This judge has a conflict of interest with this entry.");
        if (await db.Assignments.AnyAsync(a => a.RoundId == round.Id && a.EntryId == cmd.EntryId && a.JudgeId == cmd.JudgeId, ct))
            return new RuleViolation("", "This judge already has this entry.");
        db.Assignments.Add(new Assignment { RoundId = round.Id, EntryId = cmd.EntryId, JudgeId = cmd.JudgeId, IsManual = true, CreatedAt = clock.GetUtcNow() });
        db.Record(clock, user.RequiredId(), "AddAssignment", "Round", round.Id, newValue: $"entry {cmd.EntryId} → {cmd.JudgeId}");
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}

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
