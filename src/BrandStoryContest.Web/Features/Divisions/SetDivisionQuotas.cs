using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Divisions;

public sealed class QuotaValue
{
    public int Id { get; set; }
    public int Quota { get; set; }
}

/// <summary>The final's recommendation deadline (wall-clock time in the final's zone) and each division's quota per category.</summary>
public sealed class SetDivisionQuotasCommand : ICommand<Result<Result.Done>>
{
    public int FinalId { get; set; }
    public DateTime? RecommendationClosesAt { get; set; }
    public List<QuotaValue> Quotas { get; set; } = [];
}

public sealed class SetDivisionQuotasValidator : AbstractValidator<SetDivisionQuotasCommand>
{
    public SetDivisionQuotasValidator(IStringLocalizer<SharedResource> L) =>
        RuleFor(c => c.Quotas.Count).LessThanOrEqualTo(2000).WithMessage(_ => L["Too many quotas in one form."]);
}

/// <summary>
/// Saves the deadline and quotas. Checked here, not only in the form: a quota is 0–500 and never below the
/// recommendations a division has already made; the deadline may not lie in the past; every quota must be one of this
/// final's divisions' (another final's id is "not found").
/// </summary>
public sealed class SetDivisionQuotasHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<SetDivisionQuotasCommand, Result<Result.Done>>
{
    public async ValueTask<Result<Result.Done>> Handle(SetDivisionQuotasCommand cmd, CancellationToken ct)
    {
        var final = await db.ManagedFinalAsync(user, cmd.FinalId, ct);
        if (final is null) return Result.NotFound;
        var now = clock.GetUtcNow();
        var ids = cmd.Quotas.Select(q => q.Id).Distinct().ToList();
        var quotas = await db.DivisionQuotas.Where(q => ids.Contains(q.Id) && q.Division.FinalId == final.Id).ToListAsync(ct);
        if (quotas.Count != ids.Count) return Result.NotFound;
        var made = await db.Recommendations.Where(r => r.Division.FinalId == final.Id && r.WithdrawnAt == null)
            .GroupBy(r => new { r.DivisionId, r.FinalCategoryId }).Select(g => new { g.Key.DivisionId, g.Key.FinalCategoryId, Count = g.Count() }).ToListAsync(ct);

        DateTimeOffset? deadline = cmd.RecommendationClosesAt is { } local ? ContestTime.FromLocal(local, final.TimeZoneId) : null;
        if (deadline is { } d && d <= now && d != final.RecommendationClosesAt)
            return new RuleViolation("RecommendationClosesAt", "The recommendation deadline must lie in the future.");
        foreach (var value in cmd.Quotas)
        {
            if (value.Quota is < 0 or > DivisionRules.MaxQuota)
                return new RuleViolation("Quotas", "A quota is a whole number from 0 to {0}.", DivisionRules.MaxQuota);
            var quota = quotas.Single(q => q.Id == value.Id);
            var already = made.FirstOrDefault(m => m.DivisionId == quota.DivisionId && m.FinalCategoryId == quota.FinalCategoryId)?.Count ?? 0;
            if (value.Quota < already)
                return new RuleViolation("Quotas", "A quota cannot be lower than the {0} recommendations already made.", already);
            quota.Quota = value.Quota;
        }
        if (final.RecommendationClosesAt != deadline)
            db.Record(clock, user.RequiredId(), "SetRecommendationDeadline", "Contest", final.Id, final.RecommendationClosesAt?.ToString("O"), deadline?.ToString("O"));
        final.RecommendationClosesAt = deadline;
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
