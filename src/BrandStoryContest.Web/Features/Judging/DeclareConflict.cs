using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>A judge declares a conflict on an entry shown to them; the unscored assignment is released for reassignment.</summary>
public sealed record DeclareConflictCommand(int AssignmentId, string? Reason) : ICommand<bool>;

public sealed class DeclareConflictValidator : AbstractValidator<DeclareConflictCommand>
{
    public DeclareConflictValidator(IStringLocalizer<SharedResource> L) =>
        RuleFor(c => c.Reason).MaximumLength(500).WithMessage(_ => L["At most {0} characters.", 500]);
}

public sealed class DeclareConflictHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<DeclareConflictCommand, bool>
{
    public async ValueTask<bool> Handle(DeclareConflictCommand cmd, CancellationToken ct)
    {
        var me = user.RequiredId();
        var a = await db.Assignments.Include(x => x.Entry).SingleOrDefaultAsync(x => x.Id == cmd.AssignmentId && x.JudgeId == me, ct);
        if (a is null) return false;
        await Conflicting.RecordAsync(db, clock, me, a.Entry, me, ConflictSource.DeclaredByJudge, cmd.Reason, ct);
        return true;
    }
}
