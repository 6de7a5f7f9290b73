using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Features.Media;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Storage;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Entries;

/// <summary>
/// The file answer of a custom field, for the entrant and the contest's organizer only. Judges never get these files,
/// identifying or not: a form file (an entry form, an ID scan, a letter from the 单位) is where names are, and no
/// scrub of document properties removes a name printed on the page.
/// </summary>
public sealed record ReadFieldFileQuery(int EntryId, int FieldId) : IQuery<Result<EntryMedia>>;

public sealed class ReadFieldFileHandler(ContestDb db, ICurrentUser user, IBlobStore blobs) : IQueryHandler<ReadFieldFileQuery, Result<EntryMedia>>
{
    public async ValueTask<Result<EntryMedia>> Handle(ReadFieldFileQuery query, CancellationToken ct)
    {
        var answer = await db.EntryFieldAnswers.AsNoTracking().Include(a => a.Entry).ThenInclude(e => e.Contest)
            .SingleOrDefaultAsync(a => a.EntryId == query.EntryId && a.FieldId == query.FieldId, ct);
        if (answer?.BlobName is null) return Result.NotFound;
        if (answer.Entry.EntrantId != user.Id && !user.CanManage(answer.Entry.Contest)) return Result.NotFound;
        var stream = await blobs.OpenReadAsync(answer.BlobName, ct);
        if (stream is null) return Result.NotFound;
        return new EntryMedia(stream, ContentTypes.Of(answer.BlobName), answer.Value);
    }
}
