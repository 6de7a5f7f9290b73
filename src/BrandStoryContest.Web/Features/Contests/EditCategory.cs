using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Contests;

public sealed record EditCategoryQuery(int Id) : IQuery<Result<SaveCategoryCommand>>;

public sealed class EditCategoryHandler(ContestDb db, ICurrentUser user) : IQueryHandler<EditCategoryQuery, Result<SaveCategoryCommand>>
{
    public async ValueTask<Result<SaveCategoryCommand>> Handle(EditCategoryQuery query, CancellationToken ct)
    {
        var c = await db.Categories.AsNoTracking().Include(x => x.Contest).SingleOrDefaultAsync(x => x.Id == query.Id, ct);
        if (c is null || !user.CanManage(c.Contest)) return Result.NotFound;
        return new SaveCategoryCommand
        {
            Id = c.Id, ContestId = c.ContestId, Kind = c.Kind, Code = c.Code, NameZh = c.NameZh, NameEn = c.NameEn,
            MaxEntriesPerEntrant = c.MaxEntriesPerEntrant, RequireOriginalityPledge = c.RequireOriginalityPledge,
            RequireRightsDeclaration = c.RequireRightsDeclaration, RequirePublicationConsent = c.RequirePublicationConsent,
            MaxAuthors = c.MaxAuthors, MaxInstructors = c.MaxInstructors,
            MinLength = c.MinLength, MaxLength = c.MaxLength, AttachmentTypes = c.AttachmentTypes, MaxAttachmentMb = (int)(c.MaxAttachmentBytes / 1024 / 1024),
            AllowedContainers = c.AllowedContainers, AllowedVideoCodecs = c.AllowedVideoCodecs, MaxFileMb = (int)(c.MaxFileBytes / 1024 / 1024),
            MinDurationSeconds = c.MinDurationSeconds, MaxDurationSeconds = c.MaxDurationSeconds, MinWidth = c.MinWidth, MinHeight = c.MinHeight,
            Fields = (await db.CategoryFields.AsNoTracking().Where(f => f.CategoryId == c.Id)
                .Select(f => new { Field = f, Answers = db.EntryFieldAnswers.Count(a => a.FieldId == f.Id) }).ToListAsync(ct))
                .OrderBy(x => x.Field.Archived).ThenBy(x => x.Field.Order).Select(x => new CategoryFieldRow(x.Field, x.Answers)).ToList(),
        };
    }
}
