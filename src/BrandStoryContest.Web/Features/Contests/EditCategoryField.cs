using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Contests;

/// <summary>The field form: a new field of the category, or the stored one.</summary>
public sealed record EditCategoryFieldQuery(int CategoryId, int? FieldId) : IQuery<Result<SaveCategoryFieldCommand>>;

public sealed class EditCategoryFieldHandler(ContestDb db, ICurrentUser user) : IQueryHandler<EditCategoryFieldQuery, Result<SaveCategoryFieldCommand>>
{
    public async ValueTask<Result<SaveCategoryFieldCommand>> Handle(EditCategoryFieldQuery query, CancellationToken ct)
    {
        if (query.FieldId is not { } id)
        {
            var category = await db.Categories.AsNoTracking().Include(c => c.Contest).SingleOrDefaultAsync(c => c.Id == query.CategoryId, ct);
            if (category is null || !user.CanManage(category.Contest)) return Result.NotFound;
            return new SaveCategoryFieldCommand { CategoryId = category.Id };
        }
        var f = await db.CategoryFields.AsNoTracking().Include(x => x.Category).ThenInclude(c => c.Contest).SingleOrDefaultAsync(x => x.Id == id && !x.Archived, ct);
        if (f is null || !user.CanManage(f.Category.Contest)) return Result.NotFound;
        return new SaveCategoryFieldCommand
        {
            Id = f.Id, CategoryId = f.CategoryId, Kind = f.Kind, Required = f.Required, LabelZh = f.LabelZh, LabelEn = f.LabelEn,
            HelpZh = f.HelpZh, HelpEn = f.HelpEn, Choices = f.Choices, Identifying = f.Identifying,
        };
    }
}
