using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Infrastructure.Web;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Awards;

/// <summary>What the proposal gave; ties at a quota boundary wait for the organizer.</summary>
public sealed record ProposedAwards(int ContestId, int Awarded, int Ties);

/// <summary>
/// Replaces the category's regular awards with the proposal from its last finalized round. Groups of equal
/// score that straddle a quota boundary are recorded as ties; publishing waits until the organizer places them.
/// Special awards are left alone.
/// </summary>
public sealed record ProposeAwardsCommand(int CategoryId) : ICommand<Result<ProposedAwards>>;

public sealed class ProposeAwardsHandler(ContestDb db, ICurrentUser user, TimeProvider clock, IMediator mediator)
    : ICommandHandler<ProposeAwardsCommand, Result<ProposedAwards>>
{
    public async ValueTask<Result<ProposedAwards>> Handle(ProposeAwardsCommand cmd, CancellationToken ct)
    {
        var category = await db.ManagedCategoryAsync(user, cmd.CategoryId, ct);
        if (category is null) return Result.NotFound;
        if (category.Contest.WhyAwardsFrozen() is { } frozen) return frozen;
        var round = await db.Rounds.AsNoTracking().Where(r => r.CategoryId == category.Id && r.State == RoundState.Finalized)
            .OrderByDescending(r => r.Sequence).FirstOrDefaultAsync(ct);
        if (round is null) return new RuleViolation("", "Finalize a judging round of this category before proposing awards.");
        await db.EnsureTiersAsync([category.Id], ct);
        var tiers = await db.AwardTiers.Where(t => t.CategoryId == category.Id && !t.IsSpecial).OrderBy(t => t.Order).ThenBy(t => t.Id).ToListAsync(ct);
        var ranking = await mediator.Send(new RoundRankingQuery(round.Id), ct) is { IsOk: true } ranked ? ranked.Value : null;
        if (ranking is null) return Result.NotFound;

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
        return new ProposedAwards(category.ContestId, proposal.Awards.Count, proposal.Ties.Count);
    }
}
