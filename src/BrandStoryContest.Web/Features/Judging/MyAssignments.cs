using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>What a judge sees in their list: the work, never its author.</summary>
public sealed record AssignmentRow(int AssignmentId, string EntryTitle, string? EntryNumber, CategoryKind Kind, bool HasPoster, int EntryId, double? Total);

public sealed record JudgeRound(int RoundId, string RoundName, RoundState State, string ContestTitleZh, string? ContestTitleEn,
    string CategoryNameZh, string? CategoryNameEn, IReadOnlyList<AssignmentRow> Assignments)
{
    public int Scored => Assignments.Count(a => a.Total is not null);
}

public sealed record MyAssignmentsQuery : IQuery<Result<IReadOnlyList<JudgeRound>>>;

/// <summary>
/// What the judge may open (<see cref="JudgingAccess.ReachableBy"/>): assignments of open and closed rounds, on
/// entries still in the contest, without those across a conflict. Kept per judge under the judge's data versions
/// (<see cref="VersionedMemo"/>).
/// </summary>
public sealed class MyAssignmentsHandler(ContestDb db, ICurrentUser user, JudgeVersionReads versions)
    : IQueryHandler<MyAssignmentsQuery, Result<IReadOnlyList<JudgeRound>>>
{
    public async ValueTask<Result<IReadOnlyList<JudgeRound>>> Handle(MyAssignmentsQuery query, CancellationToken ct)
    {
        var me = user.RequiredId();
        // The versions before the rows (see DataVersions); a repeat view reads nothing else.
        var version = await versions.ForJudgeAsync(db, me, ct);
        var list = await VersionedMemo.GetOrComputeAsync(db, $"list|{me}|{version}", () => ReadAsync(me, ct), l => 1 + l.Sum(r => r.Assignments.Count));
        return Result.Ok(list);
    }

    private async Task<IReadOnlyList<JudgeRound>> ReadAsync(string me, CancellationToken ct)
    {
        // One connection for the page's queries: EF would otherwise open and close one per query, and each SQLite
        // open registers EF's SQL functions again. The context closes it when the request ends.
        await db.Database.OpenConnectionAsync(ct);
        var rows = await db.Assignments.AsNoTracking()
            .ReachableBy(me)
            .OrderBy(a => a.RoundId).ThenBy(a => a.Entry.Number)
            .Select(a => new
            {
                a.Id, a.RoundId, a.Round.Name, a.Round.State, a.Round.Category.Contest.TitleZh, a.Round.Category.Contest.TitleEn,
                a.Round.Category.NameZh, a.Round.Category.NameEn, a.Entry.Title, a.Entry.Number, a.Round.Category.Kind,
                HasPoster = a.Entry.PosterBlob != null, a.EntryId, a.Total, a.Entry.ContestId,
                // The conflict rule's entrant side (Entry.OrganizationOfRecord), read with the row.
                a.Entry.EntrantId, Organization = a.Entry.EntrantName != null ? a.Entry.EntrantOrganization : a.Entry.Entrant.Organization,
            }).ToListAsync(ct);
        var conflicts = await JudgeConflicts.LoadAsync(db, me, ct);
        rows.RemoveAll(r => conflicts.Bar(r.ContestId, r.EntryId, r.EntrantId, r.Organization));
        return rows.GroupBy(r => r.RoundId).Select(g =>
        {
            var f = g.First();
            return new JudgeRound(g.Key, f.Name, f.State, f.TitleZh, f.TitleEn, f.NameZh, f.NameEn,
                g.Select(r => new AssignmentRow(r.Id, r.Title, r.Number, r.Kind, r.HasPoster, r.EntryId, r.Total)).ToList());
        }).ToList();
    }
}
