using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Contests;

/// <summary>
/// Takes a field off the entry form. A field nobody answered is deleted; one with answers is archived, so the
/// answers stay with their entries, shown to the organizer and exported, marked archived. Answers the category id.
/// </summary>
public sealed record ArchiveCategoryFieldCommand(int FieldId) : ICommand<Result<int>>;

public sealed class ArchiveCategoryFieldHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<ArchiveCategoryFieldCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(ArchiveCategoryFieldCommand cmd, CancellationToken ct)
    {
        var field = await db.CategoryFields.Include(f => f.Category).ThenInclude(c => c.Contest).SingleOrDefaultAsync(f => f.Id == cmd.FieldId && !f.Archived, ct);
        if (field is null || !user.CanManage(field.Category.Contest)) return Result.NotFound;
        var answered = await db.EntryFieldAnswers.AnyAsync(a => a.FieldId == field.Id, ct);
        if (answered) field.Archived = true;
        else db.CategoryFields.Remove(field);
        db.Record(clock, user.RequiredId(), answered ? "ArchiveCategoryField" : "DeleteCategoryField", "CategoryField", field.Id, oldValue: field.LabelZh);
        await db.SaveChangesAsync(ct);
        return field.CategoryId;
    }
}
