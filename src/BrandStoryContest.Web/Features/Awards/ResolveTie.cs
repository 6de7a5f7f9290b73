using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Awards;

/// <summary>The organizer places every entry of a tie: Placement[entryId] = a regular tier of the category, or 0 for no award.</summary>
public sealed class ResolveTieCommand : ICommand<Result<int>>
{
    public int TieId { get; set; }
    public Dictionary<int, int> Placement { get; set; } = [];
    public string Reason { get; set; } = "";
}

public sealed class ResolveTieValidator : AbstractValidator<ResolveTieCommand>
{
    public ResolveTieValidator(IStringLocalizer<SharedResource> L) =>
        RuleFor(c => c.Reason).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => L["Give the reason (at most {0} characters).", 500])
            .MaximumLength(500).WithMessage(_ => L["Give the reason (at most {0} characters).", 500]);
}

public sealed class ResolveTieHandler(ContestDb db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<ResolveTieCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(ResolveTieCommand cmd, CancellationToken ct)
    {
        var tie = await db.AwardTies.Include(t => t.Tier).ThenInclude(t => t.Category).ThenInclude(c => c.Contest)
            .SingleOrDefaultAsync(t => t.Id == cmd.TieId, ct);
        if (tie is null || !user.CanManage(tie.Tier.Category.Contest)) return Result.NotFound;
        var contest = tie.Tier.Category.Contest;
        if (contest.AwardsLocked) return new RuleViolation("", "Results are published; awards can no longer change.");
        if (tie.ResolvedAt is not null) return new RuleViolation("", "This tie is already resolved.");
        var entries = tie.EntryIdList;
        if (!entries.All(cmd.Placement.ContainsKey)) return new RuleViolation("", "Place every tied entry.");
        var tiers = await db.AwardTiers.Where(t => t.CategoryId == tie.CategoryId && !t.IsSpecial).ToDictionaryAsync(t => t.Id, ct);
        if (entries.Any(e => cmd.Placement[e] != 0 && !tiers.ContainsKey(cmd.Placement[e])))
            return new RuleViolation("", "Choose a tier of this category.");

        var now = clock.GetUtcNow();
        var me = user.RequiredId();
        var existing = await db.Awards.Where(a => entries.Contains(a.EntryId) && tiers.Keys.Contains(a.TierId)).ToListAsync(ct);
        foreach (var entryId in entries)
        {
            db.Awards.RemoveRange(existing.Where(a => a.EntryId == entryId));
            var tierId = cmd.Placement[entryId];
            if (tierId != 0)
                db.Awards.Add(new Award { CategoryId = tie.CategoryId, EntryId = entryId, TierId = tierId, IsManual = true, Reason = cmd.Reason.Trim(), CreatedAt = now });
            db.Record(clock, me, "ResolveAwardTie", "Entry", entryId, $"tied at {tie.Tier.NameZh}",
                tierId == 0 ? "no award" : tiers[tierId].NameZh, cmd.Reason.Trim());
        }
        tie.ResolvedAt = now;
        await db.SaveChangesAsync(ct);
        return contest.Id;
    }
}
