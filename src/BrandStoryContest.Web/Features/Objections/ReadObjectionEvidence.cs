using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Infrastructure.Storage;
using BrandStoryContest.Web.Infrastructure.Web;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Objections;

public sealed record ObjectionEvidence(Stream Content, string FileName, string ContentType);

/// <summary>The evidence file of an objection, for the organizer of its contest only.</summary>
public sealed record ReadObjectionEvidenceQuery(int ObjectionId) : IQuery<Result<ObjectionEvidence>>;

public sealed class ReadObjectionEvidenceHandler(ContestDb db, ICurrentUser user, IBlobStore blobs) : IQueryHandler<ReadObjectionEvidenceQuery, Result<ObjectionEvidence>>
{
    public async ValueTask<Result<ObjectionEvidence>> Handle(ReadObjectionEvidenceQuery query, CancellationToken ct)
    {
        var o = await db.Objections.AsNoTracking().Include(x => x.Entry).ThenInclude(e => e.Contest).SingleOrDefaultAsync(x => x.Id == query.ObjectionId, ct);
        if (o?.EvidenceBlob is null || !user.CanManage(o.Entry.Contest)) return Result.NotFound;
        var content = await blobs.OpenReadAsync(o.EvidenceBlob, ct);
        if (content is null) return Result.NotFound;
        return new ObjectionEvidence(content, o.EvidenceFileName ?? "evidence" + Path.GetExtension(o.EvidenceBlob), ContentTypes.Of(o.EvidenceBlob));
    }
}
