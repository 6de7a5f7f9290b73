using System.Text;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Contests;

public sealed record EntryListRow(int Id, string? Number, string Title, string CategoryCode, CategoryKind Kind, EntryState State,
    FilmStatus FilmStatus, string EntrantName, string? EntrantOrganization, string EntrantEmail, int Length, double? DurationSeconds,
    bool HasPoster, DateTimeOffset? SubmittedAt, string? DisqualificationReason, bool AttachmentUnreadable = false);

public sealed record ContestEntriesView(Contest Contest, IReadOnlyList<EntryListRow> Rows, IReadOnlyDictionary<(int CategoryId, EntryState State), int> Counts,
    int? CategoryId, EntryState? State, string? Search);

public sealed record ContestEntriesQuery(int ContestId, int? CategoryId, EntryState? State, string? Search) : IQuery<ContestEntriesView?>;

/// <summary>The organizer's list of a contest's entries with filters; drafts are the entrants' own business and are not shown.</summary>
public sealed class ContestEntriesHandler(ContestDb db, ICurrentUser user) : IQueryHandler<ContestEntriesQuery, ContestEntriesView?>
{
    public async ValueTask<ContestEntriesView?> Handle(ContestEntriesQuery q, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().Include(c => c.Categories).SingleOrDefaultAsync(c => c.Id == q.ContestId, ct);
        if (contest is null || !user.CanManage(contest)) return null;
        var entries = db.Entries.AsNoTracking().Where(e => e.ContestId == contest.Id && e.State != EntryState.Draft);
        var counts = await entries.GroupBy(e => new { e.CategoryId, e.State }).Select(g => new { g.Key.CategoryId, g.Key.State, N = g.Count() })
            .ToDictionaryAsync(x => (x.CategoryId, x.State), x => x.N, ct);
        if (q.CategoryId is { } cat) entries = entries.Where(e => e.CategoryId == cat);
        if (q.State is { } state) entries = entries.Where(e => e.State == state);
        if (!string.IsNullOrWhiteSpace(q.Search))
            entries = entries.Where(e => e.Title.Contains(q.Search) || e.Number!.Contains(q.Search) || e.Entrant.RealName.Contains(q.Search)
                || (e.Entrant.Organization != null && e.Entrant.Organization.Contains(q.Search)));
        var rows = await entries.OrderBy(e => e.Number).Select(e => new
        {
            e.Id, e.Number, e.Title, e.Category.Code, e.Category.Kind, e.State, e.FilmStatus, e.Entrant.RealName, e.Entrant.Organization,
            e.Entrant.Email, e.Body, e.DurationSeconds, HasPoster = e.PosterBlob != null, e.SubmittedAt, e.DisqualificationReason,
            AttachmentUnreadable = e.AttachmentBlob != null && e.AttachmentUnreadable,
        }).ToListAsync(ct);
        return new ContestEntriesView(contest, rows.Select(r => new EntryListRow(r.Id, r.Number, r.Title, r.Code, r.Kind, r.State, r.FilmStatus,
            r.RealName, r.Organization, r.Email ?? "", StoryText.Length(r.Body), r.DurationSeconds, r.HasPoster, r.SubmittedAt,
            r.DisqualificationReason, r.AttachmentUnreadable)).ToList(), counts, q.CategoryId, q.State, q.Search);
    }
}

public static class EntriesExport
{
    private static readonly string[] Header =
        ["number", "title", "category", "state", "film_status", "entrant", "organization", "email", "length", "duration_s", "submitted_at", "disqualification"];

    private static IEnumerable<IReadOnlyList<object?>> Rows(ContestEntriesView view) => view.Rows.Select(r => (IReadOnlyList<object?>)
    [
        r.Number, r.Title, r.CategoryCode, r.State.ToString(), r.Kind == CategoryKind.Film ? r.FilmStatus.ToString() : null,
        r.EntrantName, r.EntrantOrganization, r.EntrantEmail, r.Kind == CategoryKind.Story ? r.Length : null,
        r.DurationSeconds is { } d ? Math.Round(d, 1) : null,
        r.SubmittedAt is { } s ? ContestTime.Format(s, view.Contest.TimeZoneId) : null, r.DisqualificationReason,
    ]);

    public static byte[] Xlsx(ContestEntriesView view) => Infrastructure.Web.Xlsx.Write("entries", Header, Rows(view));

    public static byte[] Csv(ContestEntriesView view)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Infrastructure.Web.Csv.Line(Header));
        foreach (var row in Rows(view))
            sb.AppendLine(Infrastructure.Web.Csv.Line(row.Select(v => v switch
            {
                double d => d.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture),
                _ => v?.ToString(),
            })));
        return Infrastructure.Web.Csv.Utf8WithBom(sb);
    }
}
