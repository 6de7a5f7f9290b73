using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>The organizer records that a judge must not score an entry's author (any of that author's entries).</summary>
public sealed record AddConflictCommand(int EntryId, string JudgeId, string? Reason) : ICommand<Result<int>>;

public sealed class AddConflictValidator : AbstractValidator<AddConflictCommand>
{
    public AddConflictValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(c => c.JudgeId).MaximumLength(Account.MaxIdLength).WithMessage(_ => L["Choose a judge from the list."]);
        RuleFor(c => c.Reason).MaximumLength(500).WithMessage(_ => L["At most {0} characters.", 500]);
    }
}

public sealed class AddConflictHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<AddConflictCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(AddConflictCommand cmd, CancellationToken ct)
    {
        var entry = await db.Entries.Include(e => e.Contest).SingleOrDefaultAsync(e => e.Id == cmd.EntryId, ct);
        if (entry is null || !user.CanManage(entry.Contest)) return Result.NotFound;
        if (!await db.ContestJudges.AnyAsync(j => j.ContestId == entry.ContestId && j.JudgeId == cmd.JudgeId, ct)) return Result.NotFound;
        await Conflicting.RecordAsync(db, clock, user.RequiredId(), entry, cmd.JudgeId, ConflictSource.AddedByOrganizer, cmd.Reason, ct);
        return entry.CategoryId;
    }
}

internal static class Conflicting
{
    /// <summary>Records the conflict and drops the judge's unscored assignments on that author's entries; scored ones stay for the organizer to decide.</summary>
    public static async Task RecordAsync(ContestDb db, TimeProvider clock, string actorId, Entry entry, string judgeId,
        ConflictSource source, string? reason, CancellationToken ct)
    {
        if (!await db.Conflicts.AnyAsync(c => c.ContestId == entry.ContestId && c.JudgeId == judgeId && c.EntrantId == entry.EntrantId, ct))
            db.Conflicts.Add(new Conflict
            {
                ContestId = entry.ContestId, JudgeId = judgeId, EntrantId = entry.EntrantId, Source = source,
                Reason = reason?.Trim(), CreatedAt = clock.GetUtcNow(),
            });
        var open = await db.Assignments.Where(a => a.JudgeId == judgeId && a.Total == null && a.Entry.EntrantId == entry.EntrantId
            && a.Entry.ContestId == entry.ContestId).ToListAsync(ct);
        db.Assignments.RemoveRange(open);
        db.Record(clock, actorId, source == ConflictSource.DeclaredByJudge ? "DeclareConflict" : "AddConflict", "Entry", entry.Id,
            newValue: judgeId, reason: reason);
        await db.SaveChangesAsync(ct);
    }
}
