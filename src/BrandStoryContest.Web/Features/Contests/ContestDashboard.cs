using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Contests;

public sealed record CategoryCounts(Category Category, int Drafts, int Submitted, int Withdrawn, int Disqualified);

public sealed record JudgeLoad(string Name, int Assigned, int Scored);

public sealed record RoundHistogram(string Label, IReadOnlyList<int> Bins);

public sealed record DashboardView(Contest Contest, IReadOnlyList<CategoryCounts> Categories, IReadOnlyList<(DateOnly Day, int Count)> SubmissionsPerDay,
    IReadOnlyList<JudgeLoad> Judges, IReadOnlyList<RoundHistogram> ScoreDistributions, double DaysToClose, double? DaysToJudgingEnd,
    ReturnedCounts? Returned = null);

/// <summary>Entries returned for correction: all of them, and those whose correction deadline passed (locked, waiting for the organizer).</summary>
public sealed record ReturnedCounts(int Returned, int Overdue);

public sealed record ContestDashboardQuery(int ContestId) : IQuery<Result<DashboardView>>;

/// <summary>The numbers an organizer looks at every morning: entries by state, arrivals per day, jury progress, score spread.</summary>
public sealed class ContestDashboardHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : IQueryHandler<ContestDashboardQuery, Result<DashboardView>>
{
    public const int Bins = 10;

    public async ValueTask<Result<DashboardView>> Handle(ContestDashboardQuery query, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().Include(c => c.Categories).SingleOrDefaultAsync(c => c.Id == query.ContestId, ct);
        if (contest is null || !user.CanManage(contest)) return Result.NotFound;
        var states = await db.Entries.Where(e => e.ContestId == contest.Id).GroupBy(e => new { e.CategoryId, e.State })
            .Select(g => new { g.Key.CategoryId, g.Key.State, N = g.Count() }).ToListAsync(ct);
        int N(int category, EntryState s) => states.FirstOrDefault(x => x.CategoryId == category && x.State == s)?.N ?? 0;
        var categories = contest.Categories.OrderBy(c => c.Id).Select(c => new CategoryCounts(c,
            N(c.Id, EntryState.Draft), N(c.Id, EntryState.Submitted), N(c.Id, EntryState.Withdrawn), N(c.Id, EntryState.Disqualified))).ToList();

        // Days are the contest's own calendar days, not the server's.
        var submittedAt = await db.Entries.Where(e => e.ContestId == contest.Id && e.SubmittedAt != null).Select(e => e.SubmittedAt!.Value).ToListAsync(ct);
        var perDay = submittedAt.GroupBy(t => DateOnly.FromDateTime(ContestTime.ToLocal(t, contest.TimeZoneId).DateTime))
            .Select(g => (g.Key, g.Count())).OrderBy(x => x.Key).ToList();

        var assignments = await db.Assignments.Where(a => a.Round.Category.ContestId == contest.Id)
            .Select(a => new { a.Judge.RealName, a.Total, a.RoundId, a.Round.Name, CategoryName = a.Round.Category.NameZh }).ToListAsync(ct);
        var judges = assignments.GroupBy(a => a.RealName).Select(g => new JudgeLoad(g.Key, g.Count(), g.Count(a => a.Total is not null)))
            .OrderBy(j => j.Name).ToList();
        var histograms = assignments.Where(a => a.Total is not null).GroupBy(a => (a.RoundId, a.CategoryName, a.Name))
            .Select(g =>
            {
                var bins = new int[Bins];
                foreach (var a in g) bins[Math.Min(Bins - 1, (int)(a.Total!.Value / (100.0 / Bins)))]++;
                return new RoundHistogram($"{g.Key.CategoryName} · {g.Key.Name}", bins);
            }).ToList();

        var now = clock.GetUtcNow();
        var returnedDue = await db.Entries.Where(e => e.ContestId == contest.Id && e.State == EntryState.Returned)
            .Select(e => e.CorrectionDueAt).ToListAsync(ct);
        var returned = new ReturnedCounts(returnedDue.Count, returnedDue.Count(d => d is null || now >= d));
        return new DashboardView(contest, categories, perDay, judges, histograms,
            (contest.SubmissionClosesAt - now).TotalDays, contest.JudgingEndsAt is { } je ? (je - now).TotalDays : null, returned);
    }
}
