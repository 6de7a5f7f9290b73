using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Contests;

/// <summary>Add (Id = 0) or edit one custom entry field of a category. Choices are typed one per line.</summary>
public sealed class SaveCategoryFieldCommand : ICommand<Result<int>>
{
    public int Id { get; set; }
    public int CategoryId { get; set; }
    public FieldKind Kind { get; set; }
    public bool Required { get; set; }
    public string LabelZh { get; set; } = "";
    public string? LabelEn { get; set; }
    public string? HelpZh { get; set; }
    public string? HelpEn { get; set; }
    public string? Choices { get; set; }
    public bool Identifying { get; set; }
}

public sealed class SaveCategoryFieldValidator : AbstractValidator<SaveCategoryFieldCommand>
{
    public SaveCategoryFieldValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(c => c.Kind).IsInEnum().WithMessage(_ => L["Choose what the field asks for."]);
        RuleFor(c => c.LabelZh).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => L["Enter the field's Chinese label (at most 100 characters)."])
            .MaximumLength(CategoryField.MaxLabel).WithMessage(_ => L["Enter the field's Chinese label (at most 100 characters)."]);
        RuleFor(c => c.LabelEn).MaximumLength(CategoryField.MaxLabel).WithMessage(_ => L["At most 100 characters."]);
        RuleFor(c => c.HelpZh).MaximumLength(CategoryField.MaxHelp).WithMessage(_ => L["Help texts have at most 500 characters."]);
        RuleFor(c => c.HelpEn).MaximumLength(CategoryField.MaxHelp).WithMessage(_ => L["Help texts have at most 500 characters."]);
        RuleFor(c => c.Choices).MaximumLength(CategoryField.MaxChoicesText).WithMessage(_ => L["Choices have at most 2000 characters in all."]);
        When(c => c.Kind is FieldKind.SingleChoice or FieldKind.MultipleChoice, () =>
            RuleFor(c => c.Choices).Must(c => FieldRules.SplitChoices(c) is { Count: > 0 and <= CategoryField.MaxChoices } list && list.All(x => x.Length <= CategoryField.MaxChoice))
                .WithMessage(_ => L["Give 1 to 50 choices, one per line, each at most 100 characters."]));
    }
}

/// <summary>Answers the category id. Answers already given stay as they were: a field with answers keeps its kind.</summary>
public sealed class SaveCategoryFieldHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<SaveCategoryFieldCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(SaveCategoryFieldCommand form, CancellationToken ct)
    {
        var category = await db.Categories.Include(c => c.Contest).SingleOrDefaultAsync(c => c.Id == form.CategoryId, ct);
        if (category is null || !user.CanManage(category.Contest)) return Result.NotFound;
        CategoryField? field;
        if (form.Id == 0)
        {
            var active = await db.CategoryFields.Where(f => f.CategoryId == category.Id && !f.Archived).Select(f => f.Order).ToListAsync(ct);
            if (active.Count >= CategoryField.MaxPerCategory)
                return new RuleViolation("", "A category has at most {0} fields; remove one first.", CategoryField.MaxPerCategory);
            var last = await db.CategoryFields.Where(f => f.CategoryId == category.Id).MaxAsync(f => (int?)f.Order, ct) ?? 0;
            field = new CategoryField { CategoryId = category.Id, Kind = form.Kind, Order = last + 1 };
            db.CategoryFields.Add(field);
        }
        else
        {
            field = await db.CategoryFields.SingleOrDefaultAsync(f => f.Id == form.Id && f.CategoryId == category.Id && !f.Archived, ct);
            if (field is null) return Result.NotFound;
            if (field.Kind != form.Kind && await db.EntryFieldAnswers.AnyAsync(a => a.FieldId == field.Id, ct))
                return new RuleViolation("Kind", "This field already has answers, so what it asks for cannot change. Remove it and add a new one instead.");
            field.Kind = form.Kind;
        }
        field.Required = form.Required;
        field.LabelZh = form.LabelZh.Trim();
        field.LabelEn = Blank(form.LabelEn);
        field.HelpZh = Blank(form.HelpZh);
        field.HelpEn = Blank(form.HelpEn);
        field.Choices = form.Kind is FieldKind.SingleChoice or FieldKind.MultipleChoice ? string.Join('\n', FieldRules.SplitChoices(form.Choices)) : null;
        field.Identifying = form.Identifying;
        await db.SaveChangesAsync(ct);
        db.Record(clock, user.RequiredId(), form.Id == 0 ? "AddCategoryField" : "EditCategoryField", "CategoryField", field.Id, newValue: $"{field.Kind} {field.LabelZh}");
        await db.SaveChangesAsync(ct);
        return category.Id;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
