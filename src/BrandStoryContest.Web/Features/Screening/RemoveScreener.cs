using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Screening;

public sealed record RemoveScreenerCommand(int ContestId, string ScreenerId) : ICommand<Result<int>>;

public sealed class RemoveScreenerValidator : AbstractValidator<RemoveScreenerCommand>
{
    public RemoveScreenerValidator(IStringLocalizer<SharedResource> L) =>
        RuleFor(c => c.ScreenerId).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => L["Choose a screener."])
            .MaximumLength(64).WithMessage(_ => L["Choose a screener."]);
}

/// <summary>The organizer takes a screener off the contest; what they returned stays returned.</summary>
public sealed class RemoveScreenerHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<RemoveScreenerCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(RemoveScreenerCommand cmd, CancellationToken ct)
    {
        var contest = await db.Contests.SingleOrDefaultAsync(c => c.Id == cmd.ContestId, ct);
        if (contest is null || !user.CanManage(contest)) return Result.NotFound;
        var row = await db.ContestScreeners.SingleOrDefaultAsync(s => s.ContestId == contest.Id && s.ScreenerId == cmd.ScreenerId, ct);
        if (row is null) return Result.NotFound;
        db.ContestScreeners.Remove(row);
        db.Record(clock, user.RequiredId(), "RemoveScreener", "Contest", contest.Id, oldValue: row.ScreenerId);
        await db.SaveChangesAsync(ct);
        return contest.Id;
    }
}
