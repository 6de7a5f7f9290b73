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
        if ((await db.JudgedInDivisionAsync([cmd.EntryId], [cmd.JudgeId], ct)).Count > 0)
            return new RuleViolation("", "This judge scored this entry in its division: the final needs an independent second look.");
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
