using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Awards;

/// <summary>Gives, moves or (TierId 0) removes an entry's regular award, with the reason kept in the audit log.</summary>
public sealed class AdjustAwardCommand : ICommand<Result<int>>
{
    public int CategoryId { get; set; }
    public int EntryId { get; set; }
    public int TierId { get; set; }
    public string Reason { get; set; } = "";
}

public sealed class AdjustAwardValidator : AbstractValidator<AdjustAwardCommand>
{
    public AdjustAwardValidator(IStringLocalizer<SharedResource> L) =>
        RuleFor(c => c.Reason).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => L["Give the reason (at most {0} characters).", 500])
            .MaximumLength(500).WithMessage(_ => L["Give the reason (at most {0} characters).", 500]);
}

public sealed class AdjustAwardHandler(ContestDb db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<AdjustAwardCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(AdjustAwardCommand cmd, CancellationToken ct)
    {
        var category = await db.ManagedCategoryAsync(user, cmd.CategoryId, ct);
        if (category is null) return Result.NotFound;
        if (category.Contest.WhyAwardsFrozen() is { } frozen) return frozen;
        var entry = await db.Entries.SingleOrDefaultAsync(e => e.Id == cmd.EntryId && e.CategoryId == category.Id, ct);
        if (entry is null) return new RuleViolation("", "This entry is not in this category.");
        if (entry.State != EntryState.Submitted) return new RuleViolation("", "Only submitted entries can be awarded.");
        var tiers = await db.AwardTiers.Where(t => t.CategoryId == category.Id && !t.IsSpecial).ToDictionaryAsync(t => t.Id, ct);
        if (cmd.TierId != 0 && !tiers.ContainsKey(cmd.TierId)) return new RuleViolation("", "Choose a tier of this category.");

        var current = await db.Awards.Where(a => a.EntryId == entry.Id && tiers.Keys.Contains(a.TierId)).ToListAsync(ct);
        var old = current.Count == 0 ? "no award" : string.Join(", ", current.Select(a => tiers[a.TierId].NameZh));
        db.Awards.RemoveRange(current);
        if (cmd.TierId != 0)
            db.Awards.Add(new Award
            {
                CategoryId = category.Id, EntryId = entry.Id, TierId = cmd.TierId, IsManual = true, Reason = cmd.Reason.Trim(),
                Rank = current.FirstOrDefault()?.Rank, CreatedAt = clock.GetUtcNow(),
            });
        db.Record(clock, user.RequiredId(), "AdjustAward", "Entry", entry.Id, old,
            cmd.TierId == 0 ? "no award" : tiers[cmd.TierId].NameZh, cmd.Reason.Trim());
        await db.SaveChangesAsync(ct);
        return category.ContestId;
    }
}
