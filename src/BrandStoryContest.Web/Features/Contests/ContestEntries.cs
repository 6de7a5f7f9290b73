using System.Collections.Concurrent;
using System.Globalization;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Contests;

public sealed record EntryListRow(int Id, string? Number, string Title, string CategoryCode, CategoryKind Kind, EntryState State,
    FilmStatus FilmStatus, string EntrantName, string? EntrantOrganization, string EntrantEmail, int Length, double? DurationSeconds,
    bool HasPoster, DateTimeOffset? SubmittedAt, string? DisqualificationReason, bool AttachmentUnreadable = false,
    IReadOnlyList<FieldValue>? Answers = null);

/// <summary>An entry's answer to one custom field, as stored (see <see cref="EntryFieldAnswer"/>).</summary>
public sealed record FieldValue(int FieldId, string Value);

/// <summary>How the organizer's entry list is ordered; every order ends on the entry's id so pages never overlap.</summary>
public enum EntrySort { Number, Newest, Title }

/// <summary>The filters of the organizer's entry list, shared by the page and the exports so both show the same set.</summary>
public sealed record EntryFilter(int? CategoryId = null, EntryState? State = null, string? Search = null, EntrySort Sort = EntrySort.Number);

/// <param name="Counts">Per category and state over the whole contest (the category table), not over the filtered page.</param>
public sealed record ContestEntriesView(Contest Contest, Paged<EntryListRow> Entries, IReadOnlyDictionary<(int CategoryId, EntryState State), int> Counts,
    EntryFilter Filter);

public sealed record ContestEntriesQuery(int ContestId, EntryFilter Filter, PageRequest Page) : IQuery<Result<ContestEntriesView>>;

/// <summary>The organizer's list of a contest's entries with filters, one page at a time; drafts are the entrants' own business and are not shown.</summary>
public sealed class ContestEntriesHandler(ContestDb db, ICurrentUser user) : IQueryHandler<ContestEntriesQuery, Result<ContestEntriesView>>
{
    public async ValueTask<Result<ContestEntriesView>> Handle(ContestEntriesQuery q, CancellationToken ct)
    {
        var (version, contestVersion) = await DataVersions.ForListPageAsync(db, q.ContestId, false, ct);
        // The contest and its categories, kept under its judging row (any change to them bumps it), read-only like every kept value.
        var contest = await VersionedMemo.GetOrComputeAsync(db, $"contest|{q.ContestId}|{contestVersion}",
            () => db.Contests.AsNoTracking().Include(c => c.Categories).SingleOrDefaultAsync(c => c.Id == q.ContestId, ct), c => 1 + (c?.Categories.Count ?? 0));
        if (contest is null || !user.CanManage(contest)) return Result.NotFound;
        // The counts and the filter's order of ids are kept under the contest's entry-list versions (DataVersions), which
        // every write to a listed entry's state, category, title, number, submission time or entrant bumps in its own
        // transaction, on any instance: a repeat view (the next page, the same filter again) reads the versions and its
        // page's rows, not the 20,000 entries twice (the counts alone were 3-19 ms a view).
        var kept = $"entry-list|{contest.Id}|{version}";
        var counts = await VersionedMemo.GetOrComputeAsync(db, kept, () => CountAsync(contest.Id, ct), c => 1 + c.Count);
        var search = string.IsNullOrWhiteSpace(q.Filter.Search) ? null : q.Filter.Search.Trim();
        // Every id of the filter in the list's order (4 bytes each: a kept id weighs a tenth of a kept judge's row).
        var order = await VersionedMemo.GetOrComputeAsync(db, $"{kept}|{q.Filter.CategoryId}|{q.Filter.State}|{q.Filter.Sort}|{search}",
            () => EntryList.Ordered(db, contest.Id, q.Filter).Select(e => e.Id).ToArrayAsync(ct), ids => 1 + ids.Length / 10);
        // The page's rows too, and the view renders them once per kept page and language (RenderedFragments): every field
        // a row shows is bumped by the entry-list versions (DataVersions.ListedEntryFields, the accounts row for names), and
        // the contest's time zone the times are shown in is in the key. A repeat view reads the contest and the versions.
        var shown = await VersionedMemo.GetOrComputeAsync(db, $"{kept}|{q.Filter.CategoryId}|{q.Filter.State}|{q.Filter.Sort}|{search}|{q.Page.Skip}|{q.Page.Size}|{contest.TimeZoneId}",
            () => RowsAsync(kept, contest.Id, q, order, counts, ct), r => 1 + r.Count * 2);
        return new ContestEntriesView(contest, new Paged<EntryListRow>(shown, new PageInfo(q.Page.Number, q.Page.Size, order.Length)), counts, q.Filter);
    }

    private async Task<IReadOnlyList<EntryListRow>> RowsAsync(string kept, int contestId, ContestEntriesQuery q, int[] order,
        IReadOnlyDictionary<(int CategoryId, EntryState State), int> counts, CancellationToken ct)
    {
        var ids = order.Skip(q.Page.Skip).Take(q.Page.Size).ToList();
        if (ids.Count == 0) return [];
        // Story lengths are kept under the same versions (a listed entry's body bumps them too): a page whose lengths are
        // all known does not read its 50 stories (each ~5 KB, on SQLite in overflow pages) nor count them again.
        var lengths = await VersionedMemo.GetOrComputeAsync(db, $"{kept}|lengths", () => Task.FromResult(new ConcurrentDictionary<int, int>()), _ => 1 + counts.Values.Sum() / 10);
        var withBody = !ids.All(lengths.ContainsKey);
        var rows = await EntryList.Project(EntryList.Ordered(db, contestId, q.Filter with { Search = null }).Where(e => ids.Contains(e.Id)), withBody).ToListAsync(ct);
        return rows.Select(r => r.ToRow(withBody ? lengths[r.Id] = r.Length() : lengths.GetValueOrDefault(r.Id))).ToList();
    }

    private async Task<IReadOnlyDictionary<(int CategoryId, EntryState State), int>> CountAsync(int contestId, CancellationToken ct) =>
        await db.Entries.Where(e => e.ContestId == contestId && e.State != EntryState.Draft)
            .GroupBy(e => new { e.CategoryId, e.State }).Select(g => new { g.Key.CategoryId, g.Key.State, N = g.Count() })
            .ToDictionaryAsync(x => (x.CategoryId, x.State), x => x.N, ct);
}

/// <summary>What the list reads per entry; the story body is only read to count its length and is not kept.</summary>
public sealed record EntryListData(int Id, string? Number, string Title, string Code, CategoryKind Kind, EntryState State, FilmStatus FilmStatus,
    string RealName, string? Organization, string? Email, string? Body, double? DurationSeconds, bool HasPoster, DateTimeOffset? SubmittedAt,
    string? DisqualificationReason, bool AttachmentUnreadable, List<FieldValue> Answers)
{
    public int Length() => Kind == CategoryKind.Story ? StoryText.Length(Body) : 0;

    /// <param name="length">The story's length when known without its body (the list keeps them).</param>
    public EntryListRow ToRow(int? length = null) => new(Id, Number, Title, Code, Kind, State, FilmStatus, RealName, Organization, Email ?? "",
        length ?? Length(), DurationSeconds, HasPoster, SubmittedAt, DisqualificationReason, AttachmentUnreadable, Answers);
}

public static class EntryList
{
    /// <summary>The filtered, ordered entries of a contest as a query: paged by the page, streamed by the exports.</summary>
    public static IQueryable<EntryListData> Rows(ContestDb db, int contestId, EntryFilter f) => Project(Ordered(db, contestId, f));

    /// <summary>The filtered entries in the list's order (each order ends on the id, so pages never overlap).</summary>
    public static IOrderedQueryable<Entry> Ordered(ContestDb db, int contestId, EntryFilter f)
    {
        var entries = db.Entries.AsNoTracking().Where(e => e.ContestId == contestId && e.State != EntryState.Draft);
        if (f.CategoryId is { } cat) entries = entries.Where(e => e.CategoryId == cat);
        if (f.State is { } state) entries = entries.Where(e => e.State == state);
        if (!string.IsNullOrWhiteSpace(f.Search))
        {
            var s = f.Search.Trim();
            // The matching entrants are found once (one pass over the accounts) rather than joined to every entry, so
            // the entries themselves are tested in IX_Entries_List_Title without reading their rows.
            var entrants = db.Users.Where(u => u.RealName.Contains(s) || (u.Organization != null && u.Organization.Contains(s))).Select(u => u.Id);
            entries = entries.Where(e => e.Title.Contains(s) || e.Number!.Contains(s) || entrants.Contains(e.EntrantId));
        }
        return f.Sort switch
        {
            EntrySort.Newest => entries.OrderByDescending(e => e.SubmittedAt).ThenByDescending(e => e.Id),
            EntrySort.Title => entries.OrderBy(e => e.Title).ThenBy(e => e.Id),
            _ => entries.OrderBy(e => e.Number).ThenBy(e => e.Id),
        };
    }

    /// <param name="withBody">False when the caller knows the stories' lengths: the body is then not read at all.</param>
    public static IQueryable<EntryListData> Project(IQueryable<Entry> ordered, bool withBody = true) =>
        ordered.Select(e => new EntryListData(e.Id, e.Number, e.Title, e.Category.Code, e.Category.Kind, e.State, e.FilmStatus,
            e.Entrant.RealName, e.Entrant.Organization, e.Entrant.Email, withBody && e.Category.Kind == CategoryKind.Story ? e.Body : null,
            e.DurationSeconds, e.PosterBlob != null, e.SubmittedAt, e.DisqualificationReason, e.AttachmentBlob != null && e.AttachmentUnreadable,
            e.FieldAnswers.Select(a => new FieldValue(a.FieldId, a.Value)).ToList()));

    private static readonly string[] Header =
        ["number", "title", "category", "state", "film_status", "entrant", "organization", "email", "length", "duration_s", "submitted_at", "disqualification"];

    /// <summary>The fixed columns, then one per custom field: "S: 手机号", "S: 单位 [archived]".</summary>
    private static IReadOnlyList<string> Headers(EntriesExport export) =>
        [.. Header, .. (export.Fields ?? []).Select(f => $"{f.CategoryCode}: {f.Label}{(f.Archived ? " [archived]" : "")}")];

    private static async IAsyncEnumerable<IReadOnlyList<object?>> Cells(EntriesExport export)
    {
        var fields = export.Fields ?? [];
        await foreach (var r in export.Rows)
            yield return
            [
                r.Number, r.Title, r.CategoryCode, r.State.ToString(), r.Kind == CategoryKind.Film ? r.FilmStatus.ToString() : null,
                r.EntrantName, r.EntrantOrganization, r.EntrantEmail, r.Kind == CategoryKind.Story ? r.Length : null,
                r.DurationSeconds is { } d ? Math.Round(d, 1) : null,
                r.SubmittedAt is { } s ? ContestTime.Format(s, export.Contest.TimeZoneId) : null, r.DisqualificationReason,
                .. fields.Select(f => (object?)r.Answers?.FirstOrDefault(a => a.FieldId == f.Id)?.Value),
            ];
    }

    public static Task<Stream> XlsxAsync(EntriesExport export, CancellationToken ct) => Xlsx.WriteAsync("entries", Headers(export), Cells(export), ct);

    public static Task CsvAsync(EntriesExport export, Stream output, CancellationToken ct) => Csv.WriteAsync(output, Headers(export), Text(export), ct);

    private static async IAsyncEnumerable<IEnumerable<string?>> Text(EntriesExport export)
    {
        await foreach (var row in Cells(export))
            yield return row.Select(v => v switch
            {
                double d => d.ToString("0.0", CultureInfo.InvariantCulture),
                int i => i.ToString(CultureInfo.InvariantCulture),
                _ => v?.ToString(),
            });
    }
}
