using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>The round page's assignment list: search over entry number, title and judge; <paramref name="Scored"/> keeps only scored or only open ones.</summary>
public sealed record AssignmentFilter(string? Search = null, bool? Scored = null);

public sealed record RoundAssignmentsQuery(int RoundId, AssignmentFilter Filter, PageRequest Page) : IQuery<Result<Paged<AssignmentLine>>>;

public sealed class RoundAssignmentsHandler(ContestDb db, ICurrentUser user) : IQueryHandler<RoundAssignmentsQuery, Result<Paged<AssignmentLine>>>
{
    public async ValueTask<Result<Paged<AssignmentLine>>> Handle(RoundAssignmentsQuery query, CancellationToken ct)
    {
        var round = await db.ManagedRoundAsync(user, query.RoundId, ct);
        if (round is null) return Result.NotFound;
        var assignments = db.Assignments.AsNoTracking().Where(a => a.RoundId == round.Id);
        if (query.Filter.Scored is { } scored) assignments = scored ? assignments.Where(a => a.Total != null) : assignments.Where(a => a.Total == null);
        if (!string.IsNullOrWhiteSpace(query.Filter.Search))
        {
            var s = query.Filter.Search.Trim();
            assignments = assignments.Where(a => a.Entry.Number!.Contains(s) || a.Entry.Title.Contains(s) || a.Judge.RealName.Contains(s));
        }
        var lines = await assignments.OrderBy(a => a.Entry.Number).ThenBy(a => a.Judge.RealName).ThenBy(a => a.Id)
            .Select(a => new AssignmentLine(a.Id, a.EntryId, a.Entry.Number, a.Entry.Title, a.JudgeId, a.Judge.RealName, a.Total != null, a.IsManual,
                a.WatchedFraction, a.ReadingSeconds))
            .ToPageAsync(query.Page, ct, param: "apage");
        return lines;
    }
}
