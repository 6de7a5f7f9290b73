using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Divisions;

public sealed record WithdrawRecommendationCommand(int DivisionContestId, int RecommendationId) : ICommand<Result<Result.Done>>;

public sealed class WithdrawRecommendationValidator : AbstractValidator<WithdrawRecommendationCommand>
{
    public WithdrawRecommendationValidator(IStringLocalizer<SharedResource> L) =>
        RuleFor(c => c.RecommendationId).GreaterThan(0).WithMessage(_ => L["Choose a recommendation."]);
}

/// <summary>
/// Takes a recommendation back, before the deadline only: the final's entry is withdrawn (out of its rounds, rankings
/// and awards, which all ask for Submitted), keeps its final number (never reused) and frees the quota place. The
/// entry is not deleted: a final round may already list it, and recommending it again brings the same one back.
/// </summary>
public sealed class WithdrawRecommendationHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<WithdrawRecommendationCommand, Result<Result.Done>>
{
    public async ValueTask<Result<Result.Done>> Handle(WithdrawRecommendationCommand cmd, CancellationToken ct)
    {
        var division = await db.ManagedDivisionAsync(user, cmd.DivisionContestId, ct);
        if (division is null) return Result.NotFound;
        var recommendation = await db.Recommendations.Include(r => r.FinalEntry)
            .SingleOrDefaultAsync(r => r.Id == cmd.RecommendationId && r.DivisionId == division.Id && r.WithdrawnAt == null, ct);
        if (recommendation is null) return Result.NotFound;
        var now = clock.GetUtcNow();
        if (!DivisionRules.AcceptsRecommendations(division.Final, now))
            return new RuleViolation("", "The final's recommendation deadline has passed or is not set.");
        recommendation.WithdrawnAt = now;
        recommendation.QuotaSlot = null;
        recommendation.FinalEntry.Withdraw(now);
        db.Record(clock, user.RequiredId(), "WithdrawRecommendation", "Entry", recommendation.SourceEntryId, recommendation.FinalEntry.Number, null);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
