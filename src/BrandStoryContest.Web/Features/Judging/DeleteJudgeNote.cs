using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Judging;

public sealed record DeleteJudgeNoteCommand(int NoteId) : ICommand<Result<int>>;

public sealed class DeleteJudgeNoteHandler(ContestDb db, ICurrentUser user) : ICommandHandler<DeleteJudgeNoteCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(DeleteJudgeNoteCommand cmd, CancellationToken ct)
    {
        var me = user.RequiredId();
        var note = await db.JudgeNotes.SingleOrDefaultAsync(n => n.Id == cmd.NoteId && db.Assignments.Any(a => a.Id == n.AssignmentId && a.JudgeId == me), ct);
        // Notes are part of the sheet: removable only while the sheet itself can change.
        if (note is null || await db.ReachableAsync(db.Assignments, me, note.AssignmentId, write: true, ct) is null) return Result.NotFound;
        db.JudgeNotes.Remove(note);
        await db.SaveChangesAsync(ct);
        return note.AssignmentId;
    }
}
