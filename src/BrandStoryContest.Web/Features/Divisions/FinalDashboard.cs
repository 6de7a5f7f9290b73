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
        // Only the columns the page shows: a national final has 32 divisions, and each whole contest row (descriptions,
        // certificate wording, every rule) and category row would be read, materialized and thrown away on every view.
        var divisions = await db.Divisions.AsNoTracking().Where(d => d.FinalId == final.Id).OrderBy(d => d.Id)
            .Select(d => new
            {
                Division = new Division { Id = d.Id, ContestId = d.ContestId, NameZh = d.NameZh, NameEn = d.NameEn },
                d.Contest.Code,
                OrganizerName = db.Users.Where(u => u.Id == d.Contest.OwnerId).Select(u => u.RealName).FirstOrDefault(),
            }).ToListAsync(ct);
        var quotas = (await db.DivisionQuotas.AsNoTracking().Where(q => q.Division.FinalId == final.Id).OrderBy(q => q.FinalCategoryId)
            .Select(q => new { q.Id, q.DivisionId, q.FinalCategoryId, q.Quota }).ToListAsync(ct)).ToLookup(q => q.DivisionId);
        var contestIds = divisions.Select(d => d.Division.ContestId).ToList();
        var entries = await db.Entries.Where(e => contestIds.Contains(e.ContestId) && e.State == EntryState.Submitted)
            .GroupBy(e => e.ContestId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var rounds = (await db.Rounds.AsNoTracking().Where(r => contestIds.Contains(r.Category.ContestId))
            .OrderBy(r => r.CategoryId).ThenBy(r => r.Sequence)
            .Select(r => new { r.Category.ContestId, r.Category.NameZh, r.Category.NameEn, r.Name, r.State }).ToListAsync(ct)).ToLookup(r => r.ContestId);
        var made = (await db.Recommendations.Where(r => r.Division.FinalId == final.Id && r.WithdrawnAt == null)
            .GroupBy(r => new { r.DivisionId, r.FinalCategoryId }).Select(g => new { g.Key.DivisionId, g.Key.FinalCategoryId, Count = g.Count() }).ToListAsync(ct))
            .ToDictionary(m => (m.DivisionId, m.FinalCategoryId), m => m.Count);
        var categoryNames = final.Categories.ToDictionary(c => c.Id, c => c.Name(language));

        var english = language == Languages.English;
        var rows = divisions.Select(d => new DivisionRow(d.Division.ContestId, d.Division.Name(language), d.Code, d.OrganizerName ?? "",
            entries.GetValueOrDefault(d.Division.ContestId),
            rounds[d.Division.ContestId].Select(r => new DivisionRound(english && !string.IsNullOrWhiteSpace(r.NameEn) ? r.NameEn! : r.NameZh, r.Name, r.State)).ToList(),
            quotas[d.Division.Id].Select(q => new DivisionQuotaRow(q.Id, categoryNames.GetValueOrDefault(q.FinalCategoryId, ""), q.Quota,
                made.GetValueOrDefault((d.Division.Id, q.FinalCategoryId)))).ToList())).ToList();
        var now = clock.GetUtcNow();
        TimeSpan? left = final.RecommendationClosesAt is { } closes ? (closes > now ? closes - now : TimeSpan.Zero) : null;
        DateTime? local = final.RecommendationClosesAt is { } at ? ContestTime.ToLocal(at, final.TimeZoneId).DateTime : null;
        return new FinalDashboardView(final, local, left, rows);
    }
}
