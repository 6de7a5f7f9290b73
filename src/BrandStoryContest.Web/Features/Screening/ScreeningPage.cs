using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Screening;

/// <summary>
/// What a screener needs to check an entry's form, and nothing more: no entrant identity, no scores, no judges.
/// </summary>
public sealed record ScreeningRow(int Id, string? Number, string Title, string CategoryCode, CategoryKind Kind, EntryState State,
    int Length, FilmStatus FilmStatus, bool HasAttachment, bool PledgedOriginality, bool DeclaredRights, DateTimeOffset? SubmittedAt,
    string? ReturnReason, DateTimeOffset? CorrectionDueAt, bool Overdue);

public sealed record ScreenerRow(string Id, string Name, string Email);

/// <param name="Screeners">The contest's screeners, for its organizer only (empty for a screener).</param>
/// <param name="SuggestedDue">What the deadline fields start with: a week from now on the app's clock.</param>
public sealed record ScreeningView(Contest Contest, Paged<ScreeningRow> Entries, bool CanManage, IReadOnlyList<ScreenerRow> Screeners,
    DateTimeOffset SuggestedDue);

public sealed record ScreeningPageQuery(int ContestId, PageRequest Page, bool ReturnedOnly = false) : IQuery<Result<ScreeningView>>;

/// <summary>The screening list: a contest's submitted and returned entries, one page at a time, returned ones first.</summary>
public sealed class ScreeningPageHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : IQueryHandler<ScreeningPageQuery, Result<ScreeningView>>
{
    public async ValueTask<Result<ScreeningView>> Handle(ScreeningPageQuery q, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == q.ContestId, ct);
        if (contest is null || !await db.CanScreenAsync(user, contest, ct)) return Result.NotFound;
        var now = clock.GetUtcNow();
        var entries = db.Entries.AsNoTracking().Screenable(contest.Id);
        if (q.ReturnedOnly) entries = entries.Where(e => e.State == EntryState.Returned);
        var page = await entries.OrderBy(e => e.State == EntryState.Returned ? 0 : 1).ThenBy(e => e.Number).ThenBy(e => e.Id)
            .Select(e => new
            {
                e.Id, e.Number, e.Title, e.Category.Code, e.Category.Kind, e.State, Body = e.Category.Kind == CategoryKind.Story ? e.Body : null,
                e.FilmStatus, HasAttachment = e.AttachmentBlob != null, e.PledgedOriginality, e.DeclaredRights, e.SubmittedAt,
                e.ReturnReason, e.CorrectionDueAt,
            }).ToPageAsync(q.Page, ct);
        var rows = page.Items.Select(e => new ScreeningRow(e.Id, e.Number, e.Title, e.Code, e.Kind, e.State,
            e.Kind == CategoryKind.Story ? StoryText.Length(e.Body) : 0, e.FilmStatus, e.HasAttachment, e.PledgedOriginality, e.DeclaredRights,
            e.SubmittedAt, e.State == EntryState.Returned ? e.ReturnReason : null, e.State == EntryState.Returned ? e.CorrectionDueAt : null,
            e.State == EntryState.Returned && now >= e.CorrectionDueAt)).ToList();
        var manages = user.CanManage(contest);
        var screeners = manages
            ? await db.ContestScreeners.Where(s => s.ContestId == contest.Id).OrderBy(s => s.Screener.RealName)
                .Select(s => new ScreenerRow(s.ScreenerId, s.Screener.RealName, s.Screener.Email ?? "")).ToListAsync(ct)
            : [];
        return new ScreeningView(contest, new Paged<ScreeningRow>(rows, page.Info), manages, screeners, now.AddDays(7));
    }
}
