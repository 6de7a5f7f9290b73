using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Objections;

public sealed record ObjectionLine(int Id, int EntryId, string? Number, string Title, string EntrantName, string FiledByName, string? FiledByEmail,
    string Reason, string? EvidenceFileName, DateTimeOffset FiledAt, ObjectionState State, string? Decision, DateTimeOffset? DecidedAt);

public sealed record ObjectionsPageView(Contest Contest, IReadOnlyList<ObjectionLine> Objections);

/// <summary>The organizer's list of objections, undecided first.</summary>
public sealed record ObjectionsPageQuery(int ContestId) : IQuery<ObjectionsPageView?>;

public sealed class ObjectionsPageHandler(ContestDb db, ICurrentUser user) : IQueryHandler<ObjectionsPageQuery, ObjectionsPageView?>
{
    public async ValueTask<ObjectionsPageView?> Handle(ObjectionsPageQuery query, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.ContestId, ct);
        if (contest is null || !user.CanManage(contest)) return null;
        var lines = await db.Objections.AsNoTracking().Where(o => o.ContestId == contest.Id)
            .OrderBy(o => o.State != ObjectionState.Pending).ThenBy(o => o.Id)
            .Select(o => new ObjectionLine(o.Id, o.EntryId, o.Entry.Number, o.Entry.Title, o.Entry.Entrant.RealName, o.FiledBy.RealName, o.FiledBy.Email,
                o.Reason, o.EvidenceFileName, o.FiledAt, o.State, o.Decision, o.DecidedAt)).ToListAsync(ct);
        return new ObjectionsPageView(contest, lines);
    }
}
