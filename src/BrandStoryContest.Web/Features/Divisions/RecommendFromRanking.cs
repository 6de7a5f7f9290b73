using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Infrastructure.Mail;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Divisions;

/// <summary>Fills what is left of one category's quota from the division's finalized ranking.</summary>
public sealed record RecommendFromRankingCommand(int DivisionContestId, int QuotaId) : ICommand<Result<IReadOnlyList<RecommendationMade>>>;

public sealed class RecommendFromRankingValidator : AbstractValidator<RecommendFromRankingCommand>
{
    public RecommendFromRankingValidator(IStringLocalizer<SharedResource> L) =>
        RuleFor(c => c.QuotaId).GreaterThan(0).WithMessage(_ => L["Choose a category."]);
}

/// <summary>
/// Takes the ranking of the category's last finalized round (the same <see cref="RoundRankingQuery"/> the organizer's
/// round page and AdvanceEntries read), skips entries already recommended or no longer submitted, and recommends the
/// next ones in rank order until the quota is full. Entries tied at the cut-off are taken in ranking order; to pick
/// among them the organizer recommends by choice, with a reason.
/// </summary>
public sealed class RecommendFromRankingHandler(ContestDb db, ICurrentUser user, IMediator mediator, Outbox outbox, AppLinks links, TimeProvider clock)
    : ICommandHandler<RecommendFromRankingCommand, Result<IReadOnlyList<RecommendationMade>>>
{
    public async ValueTask<Result<IReadOnlyList<RecommendationMade>>> Handle(RecommendFromRankingCommand cmd, CancellationToken ct)
    {
        var division = await db.ManagedDivisionAsync(user, cmd.DivisionContestId, ct);
        var quota = division?.Quotas.SingleOrDefault(q => q.Id == cmd.QuotaId);
        if (division is null || quota is null) return Result.NotFound;
        if (!DivisionRules.AcceptsRecommendations(division.Final, clock.GetUtcNow()))
            return new RuleViolation("", "The final's recommendation deadline has passed or is not set.");
        var round = await db.Rounds.AsNoTracking().Where(r => r.CategoryId == quota.DivisionCategoryId && r.State == RoundState.Finalized)
            .OrderByDescending(r => r.Sequence).FirstOrDefaultAsync(ct);
        if (round is null) return new RuleViolation("", "This category has no finalized round yet: finalize its last round, or recommend by choice with a reason.");
        var ranking = await mediator.Send(new RoundRankingQuery(round.Id), ct);
        if (!ranking.IsOk) return ranking.Map<IReadOnlyList<RecommendationMade>>(_ => []);

        var taken = await db.Recommendations.Where(r => r.DivisionId == division.Id && r.WithdrawnAt == null).Select(r => r.SourceEntryId).ToListAsync(ct);
        var room = quota.Quota - await db.Recommendations.CountAsync(r => r.DivisionId == division.Id && r.FinalCategoryId == quota.FinalCategoryId && r.WithdrawnAt == null, ct);
        if (room <= 0) return new RuleViolation("", "This category's quota of {0} recommendations is full.", quota.Quota);
        var candidates = ranking.Value.Rows.OrderBy(r => r.Ranked.Rank).Select(r => r.Ranked.EntryId).Where(id => !taken.Contains(id)).ToList();
        var recommender = new Recommender(db, outbox, links, clock);
        var made = new List<RecommendationMade>();
        foreach (var entryId in candidates)
        {
            if (made.Count >= room) break;
            var entry = await db.Entries.SingleAsync(e => e.Id == entryId, ct);
            if (entry.ContestId != division.ContestId || entry.State != EntryState.Submitted) continue;
            var result = await recommender.RecommendAsync(division, entry, quota, round.Id, null, user.RequiredId(), ct);
            if (!result.IsOk) return made.Count > 0 ? made : result.Map<IReadOnlyList<RecommendationMade>>(_ => []);
            made.Add(result.Value);
        }
        if (made.Count == 0) return new RuleViolation("", "No ranked entry is left to recommend.");
        return made;
    }
}
