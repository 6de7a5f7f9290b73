using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Judging;

public sealed class CriterionForm
{
    public string Name { get; set; } = "";
    public string? NameEn { get; set; }
    public double Weight { get; set; }
    public int MinScore { get; set; }
    public int MaxScore { get; set; } = 10;
    public string? Guidance { get; set; }
}

/// <summary>A new scoring round for a category; the first one takes every submitted entry, later ones the advanced entries.</summary>
public sealed class CreateRoundCommand : ICommand<Result<int>>
{
    public int CategoryId { get; set; }
    public string Name { get; set; } = "";
    public int JudgesPerEntry { get; set; } = 3;
    public AggregationMethod Method { get; set; } = AggregationMethod.TrimmedMean;
    /// <summary>Percentage of a film a judge must play before scoring; 0 for none.</summary>
    public int MinWatchedPercent { get; set; }
    public List<CriterionForm> Criteria { get; set; } = Criterion.DefaultRubric()
        .Select(c => new CriterionForm { Name = c.Name, NameEn = c.NameEn, Weight = c.Weight, MinScore = c.MinScore, MaxScore = c.MaxScore, Guidance = c.Guidance })
        .ToList();
}

public sealed class CreateRoundValidator : AbstractValidator<CreateRoundCommand>
{
    public CreateRoundValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(c => c.Name).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => L["Name the round (at most 100 characters)."])
            .MaximumLength(100).WithMessage(_ => L["Name the round (at most 100 characters)."]);
        RuleFor(c => c.JudgesPerEntry).InclusiveBetween(1, 15).WithMessage(_ => L["Between 1 and 15 judges per entry."]);
        RuleFor(c => c.MinWatchedPercent).InclusiveBetween(0, 100).WithMessage(_ => L["Between 0 and 100 percent."]);
        RuleFor(c => c.Criteria).Must(c => c.Count(x => !string.IsNullOrWhiteSpace(x.Name)) >= 1).WithMessage(_ => L["The rubric needs at least one criterion."]);
        RuleForEach(c => c.Criteria).Where(x => !string.IsNullOrWhiteSpace(x.Name)).ChildRules(c =>
        {
            c.RuleFor(x => x.Name).MaximumLength(100).WithMessage(_ => L["A criterion's name has at most 100 characters."]);
            c.RuleFor(x => x.NameEn).MaximumLength(100).WithMessage(_ => L["A criterion's name has at most 100 characters."]);
            c.RuleFor(x => x.Guidance).MaximumLength(2000).WithMessage(_ => L["A criterion's guidance has at most 2000 characters."]);
            c.RuleFor(x => x.Weight).Cascade(CascadeMode.Stop)
                .GreaterThan(0).WithMessage(_ => L["Each weight is between 0 and 100."])
                .LessThanOrEqualTo(100).WithMessage(_ => L["Each weight is between 0 and 100."]);
            c.RuleFor(x => x.MaxScore).Cascade(CascadeMode.Stop)
                .GreaterThan(x => x.MinScore).WithMessage(_ => L["Each score range must go up, at most to 100."])
                .LessThanOrEqualTo(100).WithMessage(_ => L["Each score range must go up, at most to 100."]);
            c.RuleFor(x => x.MinScore).GreaterThanOrEqualTo(0).WithMessage(_ => L["Each score range must go up, at most to 100."]);
        });
    }
}

public sealed class CreateRoundHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<CreateRoundCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(CreateRoundCommand cmd, CancellationToken ct)
    {
        var category = await db.ManagedCategoryAsync(user, cmd.CategoryId, ct);
        if (category is null) return Result.NotFound;
        var last = await db.Rounds.Where(r => r.CategoryId == category.Id).MaxAsync(r => (int?)r.Sequence, ct) ?? 0;
        var round = new Round
        {
            CategoryId = category.Id, Name = cmd.Name.Trim(), Sequence = last + 1, JudgesPerEntry = cmd.JudgesPerEntry, Method = cmd.Method,
            Seed = Random.Shared.Next(1, int.MaxValue), MinWatchedFraction = cmd.MinWatchedPercent / 100.0,
            Criteria = cmd.Criteria.Where(c => !string.IsNullOrWhiteSpace(c.Name)).Select((c, i) => new Criterion
            {
                Name = c.Name.Trim(), NameEn = c.NameEn?.Trim(), Weight = c.Weight, MinScore = c.MinScore, MaxScore = c.MaxScore,
                Guidance = c.Guidance?.Trim(), Order = i + 1,
            }).ToList(),
        };
        db.Rounds.Add(round);
        await db.SaveChangesAsync(ct);
        db.Record(clock, user.RequiredId(), "CreateRound", "Round", round.Id, newValue: $"{round.Name} #{round.Sequence}");
        await db.SaveChangesAsync(ct);
        return round.Id;
    }
}
