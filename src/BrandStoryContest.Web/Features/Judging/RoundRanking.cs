using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Judging;

public sealed record RankingRow(RankedEntry Ranked, string? Number, string Title, string EntrantName, int Assigned, int Scored);

public sealed record JudgeProgress(string JudgeId, string Name, int Assigned, int Scored);

public sealed record RoundRankingView(Round Round, IReadOnlyList<RankingRow> Rows, IReadOnlyList<JudgeProgress> Judges,
    double KendallsW, double Icc, IReadOnlyDictionary<string, string> JudgeNames, int UnscoredEntries,
    IReadOnlyDictionary<int, ScoreInterval> Intervals, IReadOnlyList<int> UncertainCutoffs);

/// <summary>
/// <paramref name="WithUncertainty"/>: also bootstrap each entry's interval (1,000 resamples per entry) and
/// check the award cut-offs. Only the organizer's round page shows them; advancing, proposing awards and
/// exporting need the ranking alone.
/// </summary>
public sealed record RoundRankingQuery(int RoundId, AggregationMethod? Method = null, bool WithUncertainty = false) : IQuery<RoundRankingView?>;

/// <summary>The organizer's ranking of a round: aggregated by the round's method (or another, to compare), with each judge's total.</summary>
public sealed class RoundRankingHandler(ContestDb db, ICurrentUser user) : IQueryHandler<RoundRankingQuery, RoundRankingView?>
{
    public async ValueTask<RoundRankingView?> Handle(RoundRankingQuery query, CancellationToken ct)
    {
        var round = await db.ManagedRoundAsync(user, query.RoundId, ct);
        if (round is null) return null;
        var assignments = await db.Assignments.AsNoTracking().Where(a => a.RoundId == round.Id)
            .Select(a => new { a.EntryId, a.JudgeId, a.Total, JudgeName = a.Judge.RealName }).ToListAsync(ct);
        var entries = await db.RoundEntries.AsNoTracking().Where(r => r.RoundId == round.Id)
            .Select(r => new { r.EntryId, r.Entry.Number, r.Entry.Title, r.Entry.Entrant.RealName, r.Entry.State }).ToListAsync(ct);
        var eligible = entries.Where(e => e.State == EntryState.Submitted).Select(e => e.EntryId).ToHashSet();
        var scores = assignments.Where(a => a.Total is not null && eligible.Contains(a.EntryId))
            .Select(a => new JudgeScore(a.EntryId, a.JudgeId, a.Total!.Value)).ToList();
        var method = query.Method ?? round.Method;
        var ranked = ScoreAggregation.Rank(scores, method);
        var byId = entries.ToDictionary(e => e.EntryId);
        // Counted once per entry, not once per row over all assignments: a national round has tens of thousands of each.
        var perEntry = assignments.GroupBy(a => a.EntryId).ToDictionary(g => g.Key, g => (Assigned: g.Count(), Scored: g.Count(a => a.Total is not null)));
        var rows = ranked.Select(r => new RankingRow(r, byId[r.EntryId].Number, byId[r.EntryId].Title, byId[r.EntryId].RealName,
            perEntry[r.EntryId].Assigned, perEntry[r.EntryId].Scored)).ToList();
        var judges = assignments.GroupBy(a => a.JudgeId)
            .Select(g => new JudgeProgress(g.Key, g.First().JudgeName, g.Count(), g.Count(a => a.Total is not null))).OrderBy(j => j.Name).ToList();
        var unscored = eligible.Count - ranked.Count; // every ranked entry is an eligible one with a complete score

        IReadOnlyList<ScoreInterval> intervals = [];
        IReadOnlyList<int> uncertain = [];
        if (query.WithUncertainty)
        {
            intervals = RankingUncertainty.Intervals(ranked, method, round.Seed);
            // Award cut-offs: after the first prize's quota, after first + second, and so on.
            var quotas = await db.AwardTiers.Where(t => t.CategoryId == round.CategoryId && !t.IsSpecial).OrderBy(t => t.Order).Select(t => t.Quota).ToListAsync(ct);
            var cutoffs = quotas.Select((q, i) => quotas.Take(i + 1).Sum()).ToList();
            uncertain = RankingUncertainty.OverlapsAtCutoffs(ranked, intervals, cutoffs);
        }
        return new RoundRankingView(round, rows, judges, ScoreAggregation.KendallsW(scores), JuryAgreement.Icc1(scores),
            judges.ToDictionary(j => j.JudgeId, j => j.Name), unscored, intervals.ToDictionary(i => i.EntryId), uncertain);
    }
}
