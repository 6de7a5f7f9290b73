using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>
/// A judge drops out: their unscored assignments go to the rest of the panel (balanced, conflict-free),
/// and they leave the panel. Scores they already gave are kept.
/// </summary>
public sealed record ReleaseJudgeCommand(int RoundId, string JudgeId) : ICommand<Result<AssignJudgesResult>>;

public sealed class ReleaseJudgeValidator : AbstractValidator<ReleaseJudgeCommand>
{
    public ReleaseJudgeValidator(IStringLocalizer<SharedResource> L) =>
        RuleFor(c => c.JudgeId).NotEmpty().WithMessage(_ => L["Choose a judge from the list."])
            .MaximumLength(Account.MaxIdLength).WithMessage(_ => L["Choose a judge from the list."]);
}

public sealed class ReleaseJudgeHandler(ContestDb db, ICurrentUser user, TimeProvider clock, IMediator mediator) : ICommandHandler<ReleaseJudgeCommand, Result<AssignJudgesResult>>
{
    public async ValueTask<Result<AssignJudgesResult>> Handle(ReleaseJudgeCommand cmd, CancellationToken ct)
    {
        var round = await db.ManagedRoundAsync(user, cmd.RoundId, ct);
        if (round is null) return Result.NotFound;
        db.PanelMembers.RemoveRange(await db.PanelMembers.Where(p => p.CategoryId == round.CategoryId && p.JudgeId == cmd.JudgeId).ToListAsync(ct));
        var open = await db.Assignments.Include(a => a.Scores).Where(a => a.RoundId == round.Id && a.JudgeId == cmd.JudgeId && a.Total == null).ToListAsync(ct);
        db.Assignments.RemoveRange(open.Where(a => a.Scores.Count == 0));
        db.Record(clock, user.RequiredId(), "ReleaseJudge", "Round", round.Id, cmd.JudgeId, $"{open.Count} assignments released");
        await db.SaveChangesAsync(ct);
        // Re-plan: kept (scored) assignments stay, the freed seats are filled by the remaining panel. A round that no
        // longer takes assignments (closed) keeps the freed seats empty: the release itself is done either way.
        var replan = await mediator.Send(new AssignJudgesCommand(round.Id), ct);
        return replan.IsOk ? replan : new AssignJudgesResult(0, []);
    }
}
