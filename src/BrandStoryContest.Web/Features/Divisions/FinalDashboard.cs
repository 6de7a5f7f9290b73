using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Divisions;

public sealed record DivisionRound(string Category, string Round, RoundState State);

/// <param name="Made">Active recommendations in this final category; Missing is what the quota still lacks.</param>
public sealed record DivisionQuotaRow(int QuotaId, string FinalCategory, int Quota, int Made)
{
    public int Missing => Math.Max(0, Quota - Made);
}

public sealed record DivisionRow(int ContestId, string Name, string Code, string OrganizerName, int Entries, IReadOnlyList<DivisionRound> Rounds,
    IReadOnlyList<DivisionQuotaRow> Quotas)
{
    public int Missing => Quotas.Sum(q => q.Missing);
}

/// <param name="TimeLeft">Until the recommendation deadline; null when none is set, zero once it passed.</param>
public sealed record FinalDashboardView(Contest Final, DateTime? DeadlineLocal, TimeSpan? TimeLeft, IReadOnlyList<DivisionRow> Divisions);

public sealed record FinalDashboardQuery(int FinalId) : IQuery<Result<FinalDashboardView>>;

/// <summary>
/// The final organizer's view of every division: submitted entries, each round's state, recommendations made and
/// missing per final category, and the time left in the final's zone. Counts and states only: the final's organizer
/// does not run the divisions and sees none of their entries, judges or scores (those stay with each division's organizer).
/// </summary>
public sealed class FinalDashboardHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : IQueryHandler<FinalDashboardQuery, Result<FinalDashboardView>>
{
    public async ValueTask<Result<FinalDashboardView>> Handle(FinalDashboardQuery query, CancellationToken ct)
    {
        var language = ReaderLanguage.Current;
        var final = await db.ManagedFinalAsync(user, query.FinalId, ct);
        if (final is null) return Result.NotFound;
        var divisions = await db.Divisions.AsNoTracking().Include(d => d.Contest).Include(d => d.Quotas).ThenInclude(q => q.FinalCategory)
            .Where(d => d.FinalId == final.Id).OrderBy(d => d.Id).ToListAsync(ct);
        var contestIds = divisions.Select(d => d.ContestId).ToList();
        var entries = await db.Entries.Where(e => contestIds.Contains(e.ContestId) && e.State == EntryState.Submitted)
            .GroupBy(e => e.ContestId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var rounds = await db.Rounds.AsNoTracking().Where(r => contestIds.Contains(r.Category.ContestId))
            .OrderBy(r => r.CategoryId).ThenBy(r => r.Sequence)
            .Select(r => new { r.Category.ContestId, r.Category.NameZh, r.Category.NameEn, r.Name, r.State }).ToListAsync(ct);
        var divisionIds = divisions.Select(d => d.Id).ToList();
        var made = await db.Recommendations.Where(r => divisionIds.Contains(r.DivisionId) && r.WithdrawnAt == null)
            .GroupBy(r => new { r.DivisionId, r.FinalCategoryId }).Select(g => new { g.Key.DivisionId, g.Key.FinalCategoryId, Count = g.Count() }).ToListAsync(ct);
        var ownerIds = divisions.Select(d => d.Contest.OwnerId).ToList();
        var owners = await db.Users.Where(u => ownerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.RealName, ct);

        var english = language == Languages.English;
        var rows = divisions.Select(d => new DivisionRow(d.ContestId, d.Name(language), d.Contest.Code, owners.GetValueOrDefault(d.Contest.OwnerId, ""),
            entries.GetValueOrDefault(d.ContestId),
            rounds.Where(r => r.ContestId == d.ContestId).Select(r => new DivisionRound(english && !string.IsNullOrWhiteSpace(r.NameEn) ? r.NameEn! : r.NameZh, r.Name, r.State)).ToList(),
            d.Quotas.OrderBy(q => q.FinalCategoryId).Select(q => new DivisionQuotaRow(q.Id, q.FinalCategory.Name(language), q.Quota,
                made.FirstOrDefault(m => m.DivisionId == d.Id && m.FinalCategoryId == q.FinalCategoryId)?.Count ?? 0)).ToList())).ToList();
        var now = clock.GetUtcNow();
        TimeSpan? left = final.RecommendationClosesAt is { } closes ? (closes > now ? closes - now : TimeSpan.Zero) : null;
        DateTime? local = final.RecommendationClosesAt is { } at ? ContestTime.ToLocal(at, final.TimeZoneId).DateTime : null;
        return new FinalDashboardView(final, local, left, rows);
    }
}
