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

/// <summary>Adds a tier (TierId 0) or changes one: names, quota, order, special.</summary>
public sealed class SaveTierCommand : ICommand<Result<int>>
{
    public int TierId { get; set; }
    public int CategoryId { get; set; }
    public string NameZh { get; set; } = "";
    public string? NameEn { get; set; }
    public int Quota { get; set; }
    public int Order { get; set; }
    public bool IsSpecial { get; set; }
}

public sealed class SaveTierValidator : AbstractValidator<SaveTierCommand>
{
    public SaveTierValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(c => c.NameZh).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => L["Enter a Chinese name (at most {0} characters).", 60])
            .MaximumLength(60).WithMessage(_ => L["Enter a Chinese name (at most {0} characters).", 60]);
        RuleFor(c => c.NameEn).MaximumLength(80).WithMessage(_ => L["At most {0} characters.", 80]);
        RuleFor(c => c.Quota).InclusiveBetween(0, 1000).WithMessage(_ => L["The quota is 0 to 1000 entries."]);
    }
}

public sealed class SaveTierHandler(ContestDb db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<SaveTierCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(SaveTierCommand cmd, CancellationToken ct)
    {
        var category = await db.ManagedCategoryAsync(user, cmd.CategoryId, ct);
        if (category is null) return Result.NotFound;
        if (category.Contest.WhyAwardsFrozen() is { } frozen) return frozen;
        AwardTier? tier;
        string? old = null;
        if (cmd.TierId == 0)
        {
            tier = new AwardTier { CategoryId = category.Id };
            db.AwardTiers.Add(tier);
        }
        else
        {
            tier = await db.AwardTiers.SingleOrDefaultAsync(t => t.Id == cmd.TierId && t.CategoryId == category.Id, ct);
            if (tier is null) return Result.NotFound;
            old = $"{tier.NameZh}/{tier.NameEn} quota {tier.Quota} order {tier.Order} special {tier.IsSpecial}";
        }
        tier.NameZh = cmd.NameZh.Trim();
        tier.NameEn = string.IsNullOrWhiteSpace(cmd.NameEn) ? null : cmd.NameEn.Trim();
        tier.Quota = cmd.Quota;
        tier.Order = cmd.Order;
        tier.IsSpecial = cmd.IsSpecial;
        await db.SaveChangesAsync(ct);
        db.Record(clock, user.RequiredId(), "SaveAwardTier", "AwardTier", tier.Id, old,
            $"{tier.NameZh}/{tier.NameEn} quota {tier.Quota} order {tier.Order} special {tier.IsSpecial}");
        await db.SaveChangesAsync(ct);
        return category.ContestId;
    }
}
