using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Awards;

/// <summary>Gives (or with Remove takes back) a special award such as "Best Brand Story" or "Popular Choice".</summary>
public sealed class GiveSpecialAwardCommand : ICommand<(int? ContestId, RuleViolation? Refusal)>
{
    public int TierId { get; set; }
    public int EntryId { get; set; }
    public string Reason { get; set; } = "";
    public bool Remove { get; set; }
}

public sealed class GiveSpecialAwardValidator : AbstractValidator<GiveSpecialAwardCommand>
{
    public GiveSpecialAwardValidator(IStringLocalizer<SharedResource> L) =>
        RuleFor(c => c.Reason).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => L["Give the reason (at most {0} characters).", 500])
            .MaximumLength(500).WithMessage(_ => L["Give the reason (at most {0} characters).", 500]);
}

public sealed class GiveSpecialAwardHandler(ContestDb db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<GiveSpecialAwardCommand, (int? ContestId, RuleViolation? Refusal)>
{
    public async ValueTask<(int? ContestId, RuleViolation? Refusal)> Handle(GiveSpecialAwardCommand cmd, CancellationToken ct)
    {
        var tier = await db.AwardTiers.Include(t => t.Category).ThenInclude(c => c.Contest).SingleOrDefaultAsync(t => t.Id == cmd.TierId, ct);
        if (tier is null || !user.CanManage(tier.Category.Contest)) return (null, null);
        var contestId = tier.Category.ContestId;
        if (tier.Category.Contest.WhyAwardsFrozen() is { } frozen) return (contestId, frozen);
        if (!tier.IsSpecial) return (contestId, new("", "This is not a special award."));
        var entry = await db.Entries.SingleOrDefaultAsync(e => e.Id == cmd.EntryId && e.CategoryId == tier.CategoryId, ct);
        if (entry is null) return (contestId, new("", "This entry is not in this category."));
        if (entry.State != EntryState.Submitted) return (contestId, new("", "Only submitted entries can be awarded."));
        var existing = await db.Awards.SingleOrDefaultAsync(a => a.TierId == tier.Id && a.EntryId == entry.Id, ct);
        if (cmd.Remove)
        {
            if (existing is null) return (contestId, null);
            db.Awards.Remove(existing);
        }
        else
        {
            if (existing is not null) return (contestId, new("", "This entry already has this award."));
            db.Awards.Add(new Award { CategoryId = tier.CategoryId, EntryId = entry.Id, TierId = tier.Id, IsManual = true, Reason = cmd.Reason.Trim(), CreatedAt = clock.GetUtcNow() });
        }
        db.Record(clock, user.RequiredId(), cmd.Remove ? "RemoveSpecialAward" : "GiveSpecialAward", "Entry", entry.Id,
            cmd.Remove ? tier.NameZh : "no award", cmd.Remove ? "no award" : tier.NameZh, cmd.Reason.Trim());
        await db.SaveChangesAsync(ct);
        return (contestId, null);
    }
}
