using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Objections;

public sealed record ObjectionLine(int Id, int EntryId, string? Number, string Title, string EntrantName, string FiledByName, string? FiledByEmail,
    string Reason, string? EvidenceFileName, DateTimeOffset FiledAt, ObjectionState State, string? Decision, DateTimeOffset? DecidedAt);

/// <param name="Pending">Undecided objections of the whole contest, whatever the filter.</param>
public sealed record ObjectionsPageView(Contest Contest, Paged<ObjectionLine> Objections, int Pending, ObjectionState? State, string? Search);

/// <summary>The organizer's list of objections, undecided first, one page at a time; filter by state, search entry number, title or who filed.</summary>
public sealed record ObjectionsPageQuery(int ContestId, ObjectionState? State = null, string? Search = null, PageRequest? Page = null)
    : IQuery<Result<ObjectionsPageView>>;

public sealed class ObjectionsPageHandler(ContestDb db, ICurrentUser user) : IQueryHandler<ObjectionsPageQuery, Result<ObjectionsPageView>>
{
    public async ValueTask<Result<ObjectionsPageView>> Handle(ObjectionsPageQuery query, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.ContestId, ct);
        if (contest is null || !user.CanManage(contest)) return Result.NotFound;
        var all = db.Objections.AsNoTracking().Where(o => o.ContestId == contest.Id);
        var pending = await all.CountAsync(o => o.State == ObjectionState.Pending, ct);
        var filtered = all;
        if (query.State is { } state) filtered = filtered.Where(o => o.State == state);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var s = query.Search.Trim();
            filtered = filtered.Where(o => o.Entry.Number!.Contains(s) || o.Entry.Title.Contains(s) || o.FiledBy.RealName.Contains(s) || o.Reason.Contains(s));
        }
        var page = query.Page ?? new PageRequest();
        var total = await filtered.CountAsync(ct);
        // The page's ids first, ordered in IX_Objections_ContestId_State alone; then only those rows joined to their entries
        // and accounts. In one query every objection of the contest was joined (its entry's row read) before the sort.
        var ids = await filtered.OrderBy(o => o.State != ObjectionState.Pending).ThenBy(o => o.Id).Select(o => o.Id)
            .Skip(page.Skip).Take(page.Size).ToListAsync(ct);
        var lines = ids.Count == 0 ? [] : await db.Objections.AsNoTracking().Where(o => ids.Contains(o.Id))
            .OrderBy(o => o.State != ObjectionState.Pending).ThenBy(o => o.Id)
            .Select(o => new ObjectionLine(o.Id, o.EntryId, o.Entry.Number, o.Entry.Title, o.Entry.Entrant.RealName, o.FiledBy.RealName, o.FiledBy.Email,
                o.Reason, o.EvidenceFileName, o.FiledAt, o.State, o.Decision, o.DecidedAt)).ToListAsync(ct);
        return new ObjectionsPageView(contest, new Paged<ObjectionLine>(lines, new PageInfo(page.Number, page.Size, total)), pending, query.State, query.Search);
    }
}
