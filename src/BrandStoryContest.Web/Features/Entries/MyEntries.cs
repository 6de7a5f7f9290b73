using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Entries;

public sealed record MyEntryRow(int Id, string Title, string? Number, EntryState State, CategoryKind Kind, FilmStatus FilmStatus,
    string? FilmRejectionReason, string? DisqualificationReason, bool HasPoster, string ContestTitleZh, string? ContestTitleEn,
    string CategoryNameZh, string? CategoryNameEn, DateTimeOffset ClosesAt, string TimeZoneId, bool Editable,
    string? ReturnReason = null, DateTimeOffset? CorrectionDueAt = null);

/// <summary>The entrant's "My entries" page: their entries, the awards they won and the objections filed against them.</summary>
public sealed record MyEntriesPage(IReadOnlyList<MyEntryRow> Entries, IReadOnlyList<Awards.MyAward> Awards,
    IReadOnlyList<Objections.ObjectionToMyEntry> Objections);

public sealed record MyEntriesQuery : IQuery<Result<IReadOnlyList<MyEntryRow>>>;

public sealed class MyEntriesHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : IQueryHandler<MyEntriesQuery, Result<IReadOnlyList<MyEntryRow>>>
{
    public async ValueTask<Result<IReadOnlyList<MyEntryRow>>> Handle(MyEntriesQuery query, CancellationToken ct)
    {
        var me = user.RequiredId();
        var now = clock.GetUtcNow();
        var rows = await db.Entries.AsNoTracking().Where(e => e.EntrantId == me).OrderByDescending(e => e.Id)
            .Select(e => new
            {
                e.Id, e.Title, e.Number, e.State, e.Category.Kind, e.FilmStatus, e.FilmRejectionReason, e.DisqualificationReason,
                HasPoster = e.PosterBlob != null, e.Contest.TitleZh, e.Contest.TitleEn, e.Category.NameZh, e.Category.NameEn,
                e.Contest.SubmissionOpensAt, e.Contest.SubmissionClosesAt, e.Contest.TimeZoneId, e.ReturnReason, e.CorrectionDueAt,
            }).ToListAsync(ct);
        return Result.Ok<IReadOnlyList<MyEntryRow>>(rows.Select(r => new MyEntryRow(r.Id, r.Title, r.Number, r.State, r.Kind, r.FilmStatus, r.FilmRejectionReason,
            r.DisqualificationReason, r.HasPoster, r.TitleZh, r.TitleEn, r.NameZh, r.NameEn, r.SubmissionClosesAt, r.TimeZoneId,
            r.State is EntryState.Draft or EntryState.Submitted && now >= r.SubmissionOpensAt && now < r.SubmissionClosesAt
                || r.State == EntryState.Returned && now < r.CorrectionDueAt,
            r.State == EntryState.Returned ? r.ReturnReason : null, r.State == EntryState.Returned ? r.CorrectionDueAt : null)).ToList());
    }
}
