using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Objections;

public sealed record ObjectionToMyEntry(int EntryId, string Reason, ObjectionState State, string? Decision, DateTimeOffset FiledAt, string TimeZoneId);

/// <summary>What the entrant sees of objections to their own entries: reason, outcome and the organizer's reason, never who objected.</summary>
public sealed record ObjectionsToMyEntriesQuery : IQuery<Result<IReadOnlyList<ObjectionToMyEntry>>>;

public sealed class ObjectionsToMyEntriesHandler(ContestDb db, ICurrentUser user) : IQueryHandler<ObjectionsToMyEntriesQuery, Result<IReadOnlyList<ObjectionToMyEntry>>>
{
    public async ValueTask<Result<IReadOnlyList<ObjectionToMyEntry>>> Handle(ObjectionsToMyEntriesQuery query, CancellationToken ct)
    {
        var me = user.RequiredId();
        return Result.Ok<IReadOnlyList<ObjectionToMyEntry>>(await db.Objections.AsNoTracking().Where(o => o.Entry.EntrantId == me).OrderBy(o => o.Id)
            .Select(o => new ObjectionToMyEntry(o.EntryId, o.Reason, o.State, o.Decision, o.FiledAt, o.Entry.Contest.TimeZoneId)).ToListAsync(ct));
    }
}
