using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Contests;

/// <summary>One place up or down among the category's active fields; answers the category id.</summary>
public sealed record MoveCategoryFieldCommand(int FieldId, bool Up) : ICommand<Result<int>>;

public sealed class MoveCategoryFieldHandler(ContestDb db, ICurrentUser user) : ICommandHandler<MoveCategoryFieldCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(MoveCategoryFieldCommand cmd, CancellationToken ct)
    {
        var field = await db.CategoryFields.Include(f => f.Category).ThenInclude(c => c.Contest).SingleOrDefaultAsync(f => f.Id == cmd.FieldId && !f.Archived, ct);
        if (field is null || !user.CanManage(field.Category.Contest)) return Result.NotFound;
        var fields = await db.CategoryFields.Where(f => f.CategoryId == field.CategoryId && !f.Archived).OrderBy(f => f.Order).ThenBy(f => f.Id).ToListAsync(ct);
        var i = fields.FindIndex(f => f.Id == field.Id);
        var j = cmd.Up ? i - 1 : i + 1;
        if (j < 0 || j >= fields.Count) return field.CategoryId; // already first or last: nothing to do
        // Renumber all, so equal or missing orders from earlier edits cannot make a swap a no-op.
        (fields[i], fields[j]) = (fields[j], fields[i]);
        for (var k = 0; k < fields.Count; k++) fields[k].Order = k + 1;
        await db.SaveChangesAsync(ct);
        return field.CategoryId;
    }
}
