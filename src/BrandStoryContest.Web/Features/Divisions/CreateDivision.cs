using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Contests;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Divisions;

/// <summary>A new division of a final: its name, its contest code, its organizer (an organizer account's email) and its submission dates (the final's time zone).</summary>
public sealed class CreateDivisionCommand : ICommand<Result<int>>
{
    public int FinalId { get; set; }
    public string Code { get; set; } = "";
    public string NameZh { get; set; } = "";
    public string? NameEn { get; set; }
    public string OrganizerEmail { get; set; } = "";
    public DateTime SubmissionOpensAt { get; set; }
    public DateTime SubmissionClosesAt { get; set; }
}

public sealed class CreateDivisionValidator : AbstractValidator<CreateDivisionCommand>
{
    public CreateDivisionValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(c => c.Code).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => L["The code is 1–16 capital letters or digits, e.g. BSC2026."])
            .MaximumLength(16).WithMessage(_ => L["The code is 1–16 capital letters or digits, e.g. BSC2026."])
            .Matches("^[A-Z0-9]+$").WithMessage(_ => L["The code is 1–16 capital letters or digits, e.g. BSC2026."]);
        RuleFor(c => c.NameZh).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => L["Name the division in Chinese (at most 50 characters)."])
            .MaximumLength(DivisionRules.MaxName).WithMessage(_ => L["Name the division in Chinese (at most 50 characters)."]);
        RuleFor(c => c.NameEn).MaximumLength(DivisionRules.MaxName).WithMessage(_ => L["At most 50 characters."]);
        RuleFor(c => c.OrganizerEmail).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => L["Give the email of the division's organizer."])
            .MaximumLength(256).WithMessage(_ => L["Give the email of the division's organizer."])
            .EmailAddress().WithMessage(_ => L["Give the email of the division's organizer."]);
        RuleFor(c => c.SubmissionOpensAt).NotEqual(default(DateTime)).WithMessage(_ => L["Give the division's dates."]);
        RuleFor(c => c.SubmissionClosesAt).GreaterThan(c => c.SubmissionOpensAt).WithMessage(_ => L["Submissions must close after they open."]);
    }
}

/// <summary>
/// Creates the division's contest from the final with CopyContest's copy (settings, categories and rules, rounds and
/// criteria, award tiers, certificate wording, declarations), then hands it to the named organizer, links each of its
/// categories to the final's one of the same code (quota 0 until the final's organizer sets it) and puts the
/// division's name in its title and in its tiers' names, so its certificates read "江城赛区一等奖".
/// </summary>
public sealed class CreateDivisionHandler(ContestDb db, ICurrentUser user, IMediator mediator, TimeProvider clock)
    : ICommandHandler<CreateDivisionCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(CreateDivisionCommand cmd, CancellationToken ct)
    {
        var final = await db.ManagedFinalAsync(user, cmd.FinalId, ct);
        if (final is null) return Result.NotFound;
        var email = cmd.OrganizerEmail.Trim().ToUpperInvariant();
        var organizer = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.NormalizedEmail == email, ct);
        var isOrganizer = organizer is not null && await db.UserRoles
            .AnyAsync(ur => ur.UserId == organizer.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Organizer), ct);
        if (!isOrganizer) return new RuleViolation("OrganizerEmail", "No organizer account has this email.");
        var nameZh = cmd.NameZh.Trim();
        var nameEn = string.IsNullOrWhiteSpace(cmd.NameEn) ? null : cmd.NameEn.Trim();

        var copied = await mediator.Send(new CopyContestCommand
        {
            SourceId = final.Id, Code = cmd.Code.Trim(), TitleZh = Truncate($"{final.TitleZh} {nameZh}"),
            TitleEn = final.TitleEn is { Length: > 0 } en ? Truncate($"{en} — {nameEn ?? nameZh}") : null,
            SubmissionOpensAt = cmd.SubmissionOpensAt, SubmissionClosesAt = cmd.SubmissionClosesAt,
        }, ct);
        if (!copied.IsOk) return copied;
        db.ChangeTracker.Clear();

        var contest = await db.Contests.Include(c => c.Categories).SingleAsync(c => c.Id == copied.Value, ct);
        contest.OwnerId = organizer!.Id;
        // A division is not the final's next edition.
        contest.PreviousEditionId = null;
        contest.RecommendationClosesAt = null;
        var division = new Division { FinalId = final.Id, Contest = contest, NameZh = nameZh, NameEn = nameEn };
        db.Divisions.Add(division);
        foreach (var category in contest.Categories)
            if (final.Categories.FirstOrDefault(f => f.Code == category.Code) is { } finalCategory)
                division.Quotas.Add(new DivisionQuota { FinalCategoryId = finalCategory.Id, DivisionCategory = category, Quota = 0 });
        var categoryIds = contest.Categories.Select(c => c.Id).ToList();
        foreach (var tier in await db.AwardTiers.Where(t => categoryIds.Contains(t.CategoryId)).ToListAsync(ct))
        {
            tier.NameZh = DivisionRules.DivisionTier(nameZh, tier.NameZh, english: false);
            if (tier.NameEn is { Length: > 0 } tierEn) tier.NameEn = DivisionRules.DivisionTier(nameEn ?? nameZh, tierEn, english: true);
        }
        db.Record(clock, user.RequiredId(), "CreateDivision", "Contest", contest.Id, final.Code, contest.Code, nameZh);
        await db.SaveChangesAsync(ct);
        return contest.Id;
    }

    private static string Truncate(string title) => title.Length <= 200 ? title : title[..200];
}
