using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>A judge declares a conflict on an entry shown to them; the unscored assignment is released for reassignment.</summary>
public sealed record DeclareConflictCommand(int AssignmentId, string? Reason) : ICommand<Result<Result.Done>>;

public sealed class DeclareConflictValidator : AbstractValidator<DeclareConflictCommand>
{
    public DeclareConflictValidator(IStringLocalizer<SharedResource> L) =>
        RuleFor(c => c.Reason).MaximumLength(500).WithMessage(_ => L["At most {0} characters.", 500]);
}

public sealed class DeclareConflictHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<DeclareConflictCommand, Result<Result.Done>>
{
    public async ValueTask<Result<Result.Done>> Handle(DeclareConflictCommand cmd, CancellationToken ct)
    {
        var me = user.RequiredId();
        var a = await db.Assignments.Include(x => x.Entry).SingleOrDefaultAsync(x => x.Id == cmd.AssignmentId && x.JudgeId == me, ct);
        if (a is null) return Result.NotFound;
        await Conflicting.RecordAsync(db, clock, me, a.Entry, me, ConflictSource.DeclaredByJudge, cmd.Reason, ct);
        return Result.Ok();
    }
}
