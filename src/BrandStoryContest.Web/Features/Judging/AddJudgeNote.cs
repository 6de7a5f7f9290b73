using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>A judge pins a note to a moment of the film they are scoring; only on their own assignment.</summary>
public sealed record AddJudgeNoteCommand(int AssignmentId, double AtSeconds, string Text) : ICommand<Result<Result.Done>>;

public sealed class AddJudgeNoteHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<AddJudgeNoteCommand, Result<Result.Done>>
{
    public async ValueTask<Result<Result.Done>> Handle(AddJudgeNoteCommand cmd, CancellationToken ct)
    {
        var me = user.RequiredId();
        var a = await db.ReachableAsync(db.Assignments, me, cmd.AssignmentId, write: false, ct);
        if (a is null) return Result.NotFound;
        if (!a.Round.AcceptsScores) return new RuleViolation("", "The round is {0}: notes can no longer be changed.", a.Round.State);
        var text = (cmd.Text ?? "").Trim();
        if (text.Length is 0 or > 500) return new RuleViolation("Text", "A note has 1 to 500 characters.");
        if (!double.IsFinite(cmd.AtSeconds) || cmd.AtSeconds < 0 || cmd.AtSeconds > (a.Entry.DurationSeconds ?? 0) + 1)
            return new RuleViolation("AtSeconds", "The note's time is outside the film.");
        db.JudgeNotes.Add(new JudgeNote { AssignmentId = a.Id, AtSeconds = Math.Round(cmd.AtSeconds, 1), Text = text, CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
