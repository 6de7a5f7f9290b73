using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Features.Judging;
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
        var (version, contestVersion) = await DataVersions.ForListPageAsync(db, query.ContestId, true, ct);
        // The contest, kept under its judging row like the entry list's (the same key: both read it with its categories).
        var contest = await VersionedMemo.GetOrComputeAsync(db, $"contest|{query.ContestId}|{contestVersion}",
            () => db.Contests.AsNoTracking().Include(c => c.Categories).SingleOrDefaultAsync(c => c.Id == query.ContestId, ct), c => 1 + (c?.Categories.Count ?? 0));
        if (contest is null || !user.CanManage(contest)) return Result.NotFound;
        var page = query.Page ?? new PageRequest();
        var search = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search.Trim();
        // The page is kept under the contest's objection, entry-list and accounts versions (DataVersions.ForListPageAsync with objections):
        // filing or deciding an objection, an entry's number or title, a name or address shown all bump one of them, so a
        // repeat view reads the contest and the versions, not four counts and joins.
        var (lines, pending, total) = await VersionedMemo.GetOrComputeAsync(db,
            $"objections|{contest.Id}|{version}|{query.State}|{search}|{page.Skip}|{page.Size}|{contest.TimeZoneId}",
            () => ReadAsync(contest.Id, query.State, search, page, ct), p => 1 + p.Lines.Count * 2);
        return new ObjectionsPageView(contest, new Paged<ObjectionLine>(lines, new PageInfo(page.Number, page.Size, total)), pending, query.State, query.Search);
    }

    private async Task<(IReadOnlyList<ObjectionLine> Lines, int Pending, int Total)> ReadAsync(int contestId, ObjectionState? state, string? search,
        PageRequest page, CancellationToken ct)
    {
        var all = db.Objections.AsNoTracking().Where(o => o.ContestId == contestId);
        var pending = await all.CountAsync(o => o.State == ObjectionState.Pending, ct);
        var filtered = all;
        if (state is { } s) filtered = filtered.Where(o => o.State == s);
        if (search is not null)
            filtered = filtered.Where(o => o.Entry.Number!.Contains(search) || o.Entry.Title.Contains(search) || o.FiledBy.RealName.Contains(search) || o.Reason.Contains(search));
        var total = await filtered.CountAsync(ct);
        // The page's ids first, ordered in IX_Objections_ContestId_State alone; then only those rows joined to their entries
        // and accounts. In one query every objection of the contest was joined (its entry's row read) before the sort.
        var ids = await filtered.OrderBy(o => o.State != ObjectionState.Pending).ThenBy(o => o.Id).Select(o => o.Id)
            .Skip(page.Skip).Take(page.Size).ToListAsync(ct);
        var lines = ids.Count == 0 ? [] : await db.Objections.AsNoTracking().Where(o => ids.Contains(o.Id))
            .OrderBy(o => o.State != ObjectionState.Pending).ThenBy(o => o.Id)
            .Select(o => new ObjectionLine(o.Id, o.EntryId, o.Entry.Number, o.Entry.Title, o.Entry.Entrant.RealName, o.FiledBy.RealName, o.FiledBy.Email,
                o.Reason, o.EvidenceFileName, o.FiledAt, o.State, o.Decision, o.DecidedAt)).ToListAsync(ct);
        return (lines, pending, total);
    }
}
