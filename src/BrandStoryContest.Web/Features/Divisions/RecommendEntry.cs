using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Mail;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Divisions;

/// <summary>The division organizer's own pick, outside (or beyond) the ranking: the reason is required and audited.</summary>
public sealed class RecommendEntryCommand : ICommand<Result<RecommendationMade>>
{
    public int DivisionContestId { get; set; }
    public int EntryId { get; set; }
    public string Reason { get; set; } = "";
}

public sealed class RecommendEntryValidator : AbstractValidator<RecommendEntryCommand>
{
    public RecommendEntryValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(c => c.EntryId).GreaterThan(0).WithMessage(_ => L["Choose an entry."]);
        RuleFor(c => c.Reason).Cascade(CascadeMode.Stop)
            .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage(_ => L["Say why you recommend this entry (at most 500 characters)."])
            .MaximumLength(DivisionRules.MaxReason).WithMessage(_ => L["Say why you recommend this entry (at most 500 characters)."]);
    }
}

public sealed class RecommendEntryHandler(ContestDb db, ICurrentUser user, Outbox outbox, AppLinks links, TimeProvider clock)
    : ICommandHandler<RecommendEntryCommand, Result<RecommendationMade>>
{
    public async ValueTask<Result<RecommendationMade>> Handle(RecommendEntryCommand cmd, CancellationToken ct)
    {
        var division = await db.ManagedDivisionAsync(user, cmd.DivisionContestId, ct);
        if (division is null) return Result.NotFound;
        // Only an entry of this division: another division's (or the final's) id is "not found".
        var entry = await db.Entries.SingleOrDefaultAsync(e => e.Id == cmd.EntryId && e.ContestId == division.ContestId, ct);
        if (entry is null) return Result.NotFound;
        var quota = division.Quotas.SingleOrDefault(q => q.DivisionCategoryId == entry.CategoryId);
        if (quota is null) return new RuleViolation("", "This category has no counterpart in the final.");
        return await new Recommender(db, outbox, links, clock).RecommendAsync(division, entry, quota, null, cmd.Reason.Trim(), user.RequiredId(), ct);
    }
}
