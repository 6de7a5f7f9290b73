using System.Globalization;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>The round page's assignment list: search over entry number, title and judge; <paramref name="Scored"/> keeps only scored or only open ones.</summary>
public sealed record AssignmentFilter(string? Search = null, bool? Scored = null);

public sealed record RoundAssignmentsQuery(int RoundId, AssignmentFilter Filter, PageRequest Page) : IQuery<Result<Paged<AssignmentLine>>>;

public sealed class RoundAssignmentsHandler(ContestDb db, ICurrentUser user) : IQueryHandler<RoundAssignmentsQuery, Result<Paged<AssignmentLine>>>
{
    public async ValueTask<Result<Paged<AssignmentLine>>> Handle(RoundAssignmentsQuery query, CancellationToken ct)
    {
        // The versions before the rows (see DataVersions).
        var version = await DataVersions.ForRoundAsync(db, query.RoundId, ct);
        var round = await db.ManagedRoundAsync(user, query.RoundId, ct);
        if (round is null) return Result.NotFound;
        return await PageAsync(db, round, version, query.Filter, query.Page, ct);
    }

    /// <summary>
    /// One page of the assignments of a round the caller has already checked, under the versions it read before the round:
    /// the round page has both from its ranking, and reading them again was a fifth of its time.
    /// </summary>
    public static async Task<Paged<AssignmentLine>> PageAsync(ContestDb db, Round round, string version, AssignmentFilter filter, PageRequest pageRequest, CancellationToken ct)
    {
        var search = string.IsNullOrWhiteSpace(filter.Search) ? null : filter.Search.Trim();
        // Sorting a national round's 40,000 assignments by entry number and judge took most of the round page: the order
        // (and so the count) is kept under the contest's data version, which every write it reads bumps (numbers, titles,
        // judges' names, scores, assignments). The page's own rows are read fresh: the viewing evidence they show is not
        // versioned.
        var ordered = await VersionedMemo.GetOrComputeAsync(db, $"assignments|{round.Id}|{filter.Scored}|{search}|{version}", async () =>
        {
            var assignments = db.Assignments.AsNoTracking().Where(a => a.RoundId == round.Id);
            if (filter.Scored is { } scored) assignments = scored ? assignments.Where(a => a.Total != null) : assignments.Where(a => a.Total == null);
            if (search is not null)
                assignments = assignments.Where(a => a.Entry.Number!.Contains(search) || a.Entry.Title.Contains(search) || a.Judge.RealName.Contains(search));
            return (IReadOnlyList<int>)await assignments.OrderBy(a => a.Entry.Number).ThenBy(a => a.Judge.RealName).ThenBy(a => a.Id).Select(a => a.Id).ToListAsync(ct);
        }, ids => 1 + ids.Count / 100);
        var page = Paged<int>.Of(ordered, pageRequest, "apage");
        var shown = page.Items.ToList();
        // The page's rows too, but for their viewing evidence: what they show of entries, judges and scores is versioned, the
        // evidence (written every few seconds while a judge watches) is not, so it alone is read on every view, by key.
        // The rows' join of entries and accounts was a sixth of a repeat view of the round page.
        var rows = await VersionedMemo.GetOrComputeAsync(db, $"assignment-rows|{round.Id}|{filter.Scored}|{search}|{page.Info.Number}|{page.Info.Size}|{version}", async () =>
            (IReadOnlyList<AssignmentLine>)(await db.Assignments.AsNoTracking().Where(a => shown.Contains(a.Id))
                .Select(a => new AssignmentLine(a.Id, a.EntryId, a.Entry.Number, a.Entry.Title, a.JudgeId, a.Judge.RealName, a.Total != null, a.IsManual, null, 0))
                .ToListAsync(CancellationToken.None)).OrderBy(l => shown.IndexOf(l.Id)).ToList(), r => 1 + r.Count, ct);
        var evidence = await ViewingEvidenceAsync(db, shown, ct);
        var lines = rows.Select(l => evidence.TryGetValue(l.Id, out var e) ? l with { WatchedFraction = e.Watched, ReadingSeconds = e.Reading } : l).ToList();
        return new Paged<AssignmentLine>(lines, page.Info);
    }

    /// <summary>
    /// The viewing evidence of the shown assignments, by id, in one plain statement: through EF (a 50-parameter IN list
    /// bound and a query cache lookup on every view) it was a sixth of a repeat view of the round page.
    /// </summary>
    private static async Task<Dictionary<int, (double? Watched, int Reading)>> ViewingEvidenceAsync(ContestDb db, IReadOnlyList<int> ids, CancellationToken ct)
    {
        var found = new Dictionary<int, (double? Watched, int Reading)>(ids.Count);
        if (ids.Count == 0) return found;
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
            // The ids are the kept order's ints, never text from the request, so they are written into the statement as numbers.
            cmd.CommandText = $"""SELECT "Id", "WatchedFraction", "ReadingSeconds" FROM "Assignments" WHERE "Id" IN ({string.Join(',', ids.Select(id => id.ToString(CultureInfo.InvariantCulture)))})""";
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                found[reader.GetInt32(0)] = (reader.IsDBNull(1) ? null : reader.GetDouble(1), reader.GetInt32(2));
        }
        finally { await db.Database.CloseConnectionAsync(); }
        return found;
    }
}
