using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Awards;

/// <summary>Gives (or with Remove takes back) a special award such as "Best Brand Story" or "Popular Choice".</summary>
public sealed class GiveSpecialAwardCommand : ICommand<Result<int>>
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
    : ICommandHandler<GiveSpecialAwardCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(GiveSpecialAwardCommand cmd, CancellationToken ct)
    {
        var tier = await db.AwardTiers.Include(t => t.Category).ThenInclude(c => c.Contest).SingleOrDefaultAsync(t => t.Id == cmd.TierId, ct);
        if (tier is null || !user.CanManage(tier.Category.Contest)) return Result.NotFound;
        var contestId = tier.Category.ContestId;
        if (tier.Category.Contest.WhyAwardsFrozen() is { } frozen) return frozen;
        if (!tier.IsSpecial) return new RuleViolation("", "This is not a special award.");
        var entry = await db.Entries.SingleOrDefaultAsync(e => e.Id == cmd.EntryId && e.CategoryId == tier.CategoryId, ct);
        if (entry is null) return new RuleViolation("", "This entry is not in this category.");
        if (entry.State != EntryState.Submitted) return new RuleViolation("", "Only submitted entries can be awarded.");
        var existing = await db.Awards.SingleOrDefaultAsync(a => a.TierId == tier.Id && a.EntryId == entry.Id, ct);
        if (cmd.Remove)
        {
            if (existing is null) return contestId;
            db.Awards.Remove(existing);
        }
        else
        {
            if (existing is not null) return new RuleViolation("", "This entry already has this award.");
            db.Awards.Add(new Award { CategoryId = tier.CategoryId, EntryId = entry.Id, TierId = tier.Id, IsManual = true, Reason = cmd.Reason.Trim(), CreatedAt = clock.GetUtcNow() });
        }
        db.Record(clock, user.RequiredId(), cmd.Remove ? "RemoveSpecialAward" : "GiveSpecialAward", "Entry", entry.Id,
            cmd.Remove ? tier.NameZh : "no award", cmd.Remove ? "no award" : tier.NameZh, cmd.Reason.Trim());
        await db.SaveChangesAsync(ct);
        return contestId;
    }
}
