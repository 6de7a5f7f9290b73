using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Awards;

public sealed record ProposeAwardsResult(int? ContestId, RuleViolation? Refusal, int Awarded = 0, int Ties = 0);

/// <summary>
/// Replaces the category's regular awards with the proposal from its last finalized round. Groups of equal
/// score that straddle a quota boundary are recorded as ties; publishing waits until the organizer places them.
/// Special awards are left alone.
/// </summary>
public sealed record ProposeAwardsCommand(int CategoryId) : ICommand<ProposeAwardsResult>;

public sealed class ProposeAwardsHandler(ContestDb db, ICurrentUser user, TimeProvider clock, IMediator mediator)
    : ICommandHandler<ProposeAwardsCommand, ProposeAwardsResult>
{
    public async ValueTask<ProposeAwardsResult> Handle(ProposeAwardsCommand cmd, CancellationToken ct)
    {
        var category = await db.ManagedCategoryAsync(user, cmd.CategoryId, ct);
        if (category is null) return new(null, null);
        if (category.Contest.WhyAwardsFrozen() is { } frozen) return new(category.ContestId, frozen);
        var round = await db.Rounds.AsNoTracking().Where(r => r.CategoryId == category.Id && r.State == RoundState.Finalized)
            .OrderByDescending(r => r.Sequence).FirstOrDefaultAsync(ct);
        if (round is null) return new(category.ContestId, new("", "Finalize a judging round of this category before proposing awards."));
        await db.EnsureTiersAsync([category.Id], ct);
        var tiers = await db.AwardTiers.Where(t => t.CategoryId == category.Id && !t.IsSpecial).OrderBy(t => t.Order).ThenBy(t => t.Id).ToListAsync(ct);
        var ranking = await mediator.Send(new RoundRankingQuery(round.Id), ct) is { IsOk: true } ranked ? ranked.Value : null;
        if (ranking is null) return new(null, null);

        var proposal = AwardProposal.Propose(ranking.Rows.Select(r => r.Ranked).ToList(),
            tiers.Select(t => new AwardTierQuota(t.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), t.Quota)).ToList());

        var regularTierIds = tiers.Select(t => t.Id).ToList();
        db.Awards.RemoveRange(await db.Awards.Where(a => regularTierIds.Contains(a.TierId)).ToListAsync(ct));
        db.AwardTies.RemoveRange(await db.AwardTies.Where(t => t.CategoryId == category.Id).ToListAsync(ct));
        var now = clock.GetUtcNow();
        foreach (var p in proposal.Awards)
            db.Awards.Add(new Award { CategoryId = category.Id, EntryId = p.EntryId, TierId = int.Parse(p.Tier), Rank = p.Rank, CreatedAt = now });
        foreach (var t in proposal.Ties)
            db.AwardTies.Add(new AwardTie { CategoryId = category.Id, TierId = int.Parse(t.Tier), EntryIds = string.Join(',', t.EntryIds), SeatsLeft = t.SeatsLeft });
        db.Record(clock, user.RequiredId(), "ProposeAwards", "Category", category.Id, null,
            $"round {round.Id}: {proposal.Awards.Count} awards, {proposal.Ties.Count} ties");
        await db.SaveChangesAsync(ct);
        return new(category.ContestId, null, proposal.Awards.Count, proposal.Ties.Count);
    }
}
