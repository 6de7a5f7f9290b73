using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Divisions;

/// <param name="FinalNumber">Shown to the division's organizer, who made the recommendation; never to the final's judges.</param>
public sealed record RecommendedRow(int Id, string? DivisionNumber, string Title, string? FinalNumber, bool FromRanking, string? Reason, DateTimeOffset At);

public sealed record QuotaSection(int QuotaId, string Category, int Quota, string? FinalizedRound, IReadOnlyList<RecommendedRow> Recommended,
    IReadOnlyList<EntryLabelRow> Candidates);

public sealed record EntryLabelRow(int Id, string? Number, string Title);

public sealed record DivisionPageView(Division Division, string FinalTitle, bool Open, DateTime? DeadlineLocal, TimeSpan? TimeLeft, IReadOnlyList<QuotaSection> Sections);

public sealed record DivisionPageQuery(int DivisionContestId) : IQuery<Result<DivisionPageView>>;

/// <summary>The division organizer's recommendation page: per category the quota, what is recommended, and the submitted entries to choose from.</summary>
public sealed class DivisionPageHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : IQueryHandler<DivisionPageQuery, Result<DivisionPageView>>
{
    public async ValueTask<Result<DivisionPageView>> Handle(DivisionPageQuery query, CancellationToken ct)
    {
        var language = ReaderLanguage.Current;
        var division = await db.ManagedDivisionAsync(user, query.DivisionContestId, ct);
        if (division is null) return Result.NotFound;
        var categoryIds = division.Quotas.Select(q => q.DivisionCategoryId).ToList();
        var categories = await db.Categories.AsNoTracking().Where(c => categoryIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, ct);
        var finalized = await db.Rounds.AsNoTracking().Where(r => categoryIds.Contains(r.CategoryId) && r.State == RoundState.Finalized)
            .Select(r => new { r.CategoryId, r.Sequence, r.Name }).ToListAsync(ct);
        var recommended = await db.Recommendations.AsNoTracking().Where(r => r.DivisionId == division.Id && r.WithdrawnAt == null)
            .OrderBy(r => r.RecommendedAt)
            .Select(r => new { r.FinalCategoryId, Row = new RecommendedRow(r.Id, r.SourceEntry.Number, r.SourceEntry.Title, r.FinalEntry.Number, r.FromRoundId != null, r.Reason, r.RecommendedAt), r.SourceEntryId })
            .ToListAsync(ct);
        var taken = recommended.Select(r => r.SourceEntryId).ToHashSet();
        var submitted = await db.Entries.AsNoTracking().Where(e => e.ContestId == division.ContestId && e.State == EntryState.Submitted)
            .OrderBy(e => e.Number).Select(e => new { e.CategoryId, e.Id, e.Number, e.Title }).ToListAsync(ct);

        var sections = division.Quotas.OrderBy(q => q.FinalCategoryId).Select(q => new QuotaSection(q.Id, categories[q.DivisionCategoryId].Name(language), q.Quota,
            finalized.Where(r => r.CategoryId == q.DivisionCategoryId).OrderByDescending(r => r.Sequence).Select(r => r.Name).FirstOrDefault(),
            recommended.Where(r => r.FinalCategoryId == q.FinalCategoryId).Select(r => r.Row).ToList(),
            submitted.Where(e => e.CategoryId == q.DivisionCategoryId && !taken.Contains(e.Id)).Select(e => new EntryLabelRow(e.Id, e.Number, e.Title)).ToList())).ToList();
        var now = clock.GetUtcNow();
        var final = division.Final;
        TimeSpan? left = final.RecommendationClosesAt is { } closes ? (closes > now ? closes - now : TimeSpan.Zero) : null;
        DateTime? local = final.RecommendationClosesAt is { } at ? ContestTime.ToLocal(at, final.TimeZoneId).DateTime : null;
        return new DivisionPageView(division, final.Title(language), DivisionRules.AcceptsRecommendations(final, now), local, left, sections);
    }
}
