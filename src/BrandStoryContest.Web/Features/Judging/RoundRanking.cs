using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.PublicVote;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Judging;

/// <param name="Hybrid">In a round with a public weight: the jury and public parts of <see cref="RankedEntry.Score"/>, which is then the combined score.</param>
public sealed record RankingRow(RankedEntry Ranked, string? Number, string Title, string EntrantName, int Assigned, int Scored, HybridParts? Hybrid = null);

public sealed record EntryLabel(int EntryId, string? Number, string Title);

/// <param name="NotAdvancedByVote">Entries the vote cut-off kept from the jury.</param>
/// <param name="NotInPublicVote">Entries without publication consent: not shown to voters, public score 0, exempt from the cut-off.</param>
public sealed record PublicVoteSummary(IReadOnlyList<EntryLabel> NotAdvancedByVote, IReadOnlyList<EntryLabel> NotInPublicVote, int MaxVotes);

public sealed record JudgeProgress(string JudgeId, string Name, int Assigned, int Scored);

public sealed record RoundRankingView(Round Round, IReadOnlyList<RankingRow> Rows, IReadOnlyList<JudgeProgress> Judges,
    double KendallsW, double Icc, IReadOnlyDictionary<string, string> JudgeNames, int UnscoredEntries,
    IReadOnlyDictionary<int, ScoreInterval> Intervals, IReadOnlyList<int> UncertainCutoffs, PublicVoteSummary? PublicVote = null)
{
    /// <summary>The rows the organizer's page shows: the whole ranking filtered by the search, then one page of it (all rows when not paged).</summary>
    public Paged<RankingRow> Shown { get; init; } = new(Rows, new PageInfo(1, Math.Max(1, Rows.Count), Rows.Count));

    /// <summary>The data versions read before <see cref="Round"/> (<see cref="DataVersions.ForRoundAsync"/>): the round page reads its assignments under them.</summary>
    public string Versions { get; init; } = "";

    /// <summary>The kept ranking <see cref="Shown"/> comes from, and what of it is shown (search and page): the organizer's
    /// page renders its ranking table once per both (<see cref="RenderedFragments"/>). Null when not kept (not paged).</summary>
    public (object Kept, string Part)? ShownFrom { get; init; }
}

/// <summary>The organizer's page of a ranking: a search over number, title and entrant, and the page.</summary>
public sealed record RankingPage(string? Search, PageRequest Page);

/// <summary>
/// <paramref name="WithUncertainty"/>: also bootstrap each entry's interval (1,000 resamples per entry) and
/// check the award cut-offs. Only the organizer's round page shows them; advancing, proposing awards and
/// exporting need the ranking alone. <paramref name="Page"/>: rank the whole round, then show one page of it; the
/// intervals are then bootstrapped only for the shown rows and the entries either side of each cut-off.
/// </summary>
public sealed record RoundRankingQuery(int RoundId, AggregationMethod? Method = null, bool WithUncertainty = false, RankingPage? Page = null)
    : IQuery<Result<RoundRankingView>>;

/// <summary>
/// The organizer's ranking of a round: aggregated by the round's method (or another, to compare), with each judge's total.
/// A round with a public weight is ranked by the combined jury + public score (<see cref="HybridScore"/>); advancing,
/// award proposals and the CSV read that ranking, so they follow it without knowing about votes.
/// </summary>
public sealed class RoundRankingHandler(ContestDb db, ICurrentUser user) : IQueryHandler<RoundRankingQuery, Result<RoundRankingView>>
{
    public async ValueTask<Result<RoundRankingView>> Handle(RoundRankingQuery query, CancellationToken ct)
    {
        // One connection for the view's ~6 statements: opening and closing a pooled SQLite connection per statement took the
        // pool's lock each time, and 50 views at once spent an eighth of their CPU waiting on it. The context closes it.
        await db.Database.OpenConnectionAsync(ct);
        // The versions first, then the rows: a ranking is never kept under a version newer than what it read.
        var version = await DataVersions.ForRoundAsync(db, query.RoundId, ct);
        Round? round;
        IReadOnlyList<int> quotas;
        if (query.Page is not null)
        {
            // The organizer's page: the round with its category, contest and criteria, and the award tiers' quotas, are kept
            // under the versions (every write to them bumps the contest's row: DataVersions.Collect), so a repeat view reads
            // the versions and nothing else; the four-table join and the tiers were most of its SQL. Only this read-only path
            // takes the kept round: the commands that rank (advancing, awards, objections) read their own tracked round.
            round = await db.KeptManagedRoundAsync(user, query.RoundId, version, ct);
            quotas = round is null ? [] : await VersionedMemo.GetOrComputeAsync(db,
                $"quotas|{round.CategoryId}|{version}",
                () => QuotasAsync(db, round.CategoryId, CancellationToken.None), q => 1 + q.Count, ct);
        }
        else
        {
            round = await db.ManagedRoundAsync(user, query.RoundId, ct);
            quotas = round is null ? [] : await QuotasAsync(db, round.CategoryId, ct);
        }
        if (round is null) return Result.NotFound;
        var method = query.Method ?? round.Method;
        var publicVote = round.HasPublicVote;
        // The bootstrap resamples judges only; on a combined score its intervals would describe the wrong number.
        var withUncertainty = query.WithUncertainty && !(publicVote && round.IsHybrid);
        if (!withUncertainty) quotas = [];
        var cutoffs = quotas.Select((q, i) => quotas.Take(i + 1).Sum()).ToList();

        // The round's own settings (method, seed, public weight) are in its contest's version; they are in the key too
        // so that a comparison by another method is its own ranking. The memo scopes it by database.
        var key = $"{round.Id}|{(int)method}|{round.Seed}|{round.PublicWeightPercent}|{version}";
        var computed = await RankingMemo.GetOrComputeAsync(db, key, async () =>
        {
            var assignments = await db.Assignments.AsNoTracking().Where(a => a.RoundId == round.Id)
                .Select(a => new AssignmentInput(a.EntryId, a.JudgeId, a.Total, a.Judge.RealName)).ToListAsync(CancellationToken.None);
            var entries = await db.RoundEntries.AsNoTracking().Where(r => r.RoundId == round.Id)
                .Select(r => new EntryInput(r.EntryId, r.Entry.Number, r.Entry.Title, r.Entry.Entrant.RealName, r.Entry.State)).ToListAsync(CancellationToken.None);
            var vote = publicVote ? await PublicInputAsync(round, CancellationToken.None) : null;
            return Compute(round, method, assignments, entries, vote);
        }, ct);
        var search = string.IsNullOrWhiteSpace(query.Page?.Search) ? null : query.Page.Search.Trim();
        var shown = query.Page is { } page ? Paged<RankingRow>.Of(Matching(computed.Rows, search), page.Page) : null;

        IReadOnlyList<ScoreInterval> intervals = [];
        IReadOnlyList<int> uncertain = [];
        if (withUncertainty)
        {
            // 1,000 resamples for each of 20,000 entries would take seconds on every page view; one page and the cut-offs do not.
            HashSet<int>? needed = null;
            if (shown is not null)
            {
                var byRank = computed.ByRank;
                needed = [.. shown.Items.Select(r => r.Ranked.EntryId),
                    .. cutoffs.Where(c => c >= 1 && c < byRank.Count).SelectMany(c => new[] { byRank[c - 1].EntryId, byRank[c].EntryId })];
            }
            intervals = computed.Intervals(needed, method, round.Seed);
            uncertain = RankingUncertainty.OverlapsAtCutoffs(computed.ByRank, intervals, cutoffs);
        }
        var view = new RoundRankingView(round, computed.Rows, computed.Judges, computed.KendallsW, computed.Icc, computed.JudgeNames,
            computed.UnscoredEntries, intervals.ToDictionary(i => i.EntryId), uncertain, computed.PublicVote);
        // Everything the shown table reads besides the kept ranking (whose key holds the round, method, seed and versions,
        // and so the award cut-offs and the intervals drawn from it) is the search and the page.
        return shown is null ? view with { Versions = version }
            : view with { Shown = shown, Versions = version, ShownFrom = (computed, $"{(int)method}|{shown.Info.Number}|{shown.Info.Size}|{search}") };
    }

    /// <summary>The award cut-offs' quotas, first prize first (special awards are outside the ranking).</summary>
    private static async Task<IReadOnlyList<int>> QuotasAsync(ContestDb db, int categoryId, CancellationToken ct) =>
        await db.AwardTiers.AsNoTracking().Where(t => t.CategoryId == categoryId && !t.IsSpecial).OrderBy(t => t.Order).Select(t => t.Quota).ToListAsync(ct);

    private sealed record AssignmentInput(int EntryId, string JudgeId, double? Total, string JudgeName);

    private sealed record EntryInput(int EntryId, string? Number, string Title, string RealName, EntryState State);

    private sealed record CandidateInput(int Id, string? Number, string Title, bool ConsentsToPublication);

    private sealed record PublicInput(IReadOnlyList<CandidateInput> Candidates, IReadOnlyDictionary<int, int> Counts, IReadOnlySet<int> Passing);

    private static ComputedRanking Compute(Round round, AggregationMethod method, IReadOnlyList<AssignmentInput> assignments, IReadOnlyList<EntryInput> entries, PublicInput? vote)
    {
        var eligible = entries.Where(e => e.State == EntryState.Submitted).Select(e => e.EntryId).ToHashSet();
        var scores = assignments.Where(a => a.Total is not null && eligible.Contains(a.EntryId))
            .Select(a => new JudgeScore(a.EntryId, a.JudgeId, a.Total!.Value)).ToList();
        var ranked = ScoreAggregation.Rank(scores, method);
        var (hybrid, publicVote) = vote is not null ? PublicPart(round, method, ranked, vote) : (null, null);
        if (hybrid is not null) ranked = hybrid.Select(h => h.Ranked).ToList();
        var parts = hybrid?.ToDictionary(h => h.Ranked.EntryId, h => h.Parts);
        var byId = entries.ToDictionary(e => e.EntryId);
        // Counted once per entry, not once per row over all assignments: a national round has tens of thousands of each.
        var perEntry = assignments.GroupBy(a => a.EntryId).ToDictionary(g => g.Key, g => (Assigned: g.Count(), Scored: g.Count(a => a.Total is not null)));
        var rows = ranked.Select(r => new RankingRow(r, byId[r.EntryId].Number, byId[r.EntryId].Title, byId[r.EntryId].RealName,
            perEntry[r.EntryId].Assigned, perEntry[r.EntryId].Scored, parts?.GetValueOrDefault(r.EntryId))).ToList();
        var judges = assignments.GroupBy(a => a.JudgeId)
            .Select(g => new JudgeProgress(g.Key, g.First().JudgeName, g.Count(), g.Count(a => a.Total is not null))).OrderBy(j => j.Name).ToList();
        var unscored = eligible.Count - ranked.Count; // every ranked entry is an eligible one with a complete score
        return new ComputedRanking(ranked, rows, judges, ScoreAggregation.KendallsW(scores), JuryAgreement.Icc1(scores), unscored, publicVote);
    }

    private static IReadOnlyList<RankingRow> Matching(IReadOnlyList<RankingRow> rows, string? s)
    {
        if (s is null) return rows;
        return rows.Where(r => (r.Number?.Contains(s, StringComparison.OrdinalIgnoreCase) ?? false) || r.Title.Contains(s, StringComparison.OrdinalIgnoreCase)
            || r.EntrantName.Contains(s, StringComparison.OrdinalIgnoreCase)).ToList();
    }

    private async Task<PublicInput> PublicInputAsync(Round round, CancellationToken ct)
    {
        var candidates = await db.RoundCandidates(round).AsNoTracking().OrderBy(e => e.Number)
            .Select(e => new CandidateInput(e.Id, e.Number, e.Title, e.ConsentsToPublication)).ToListAsync(ct);
        var counts = await db.VoteCountsAsync(round.Id, ct);
        var passing = PublicVoteAccess.PassingCutoff(round, candidates.Select(c => (c.Id, c.ConsentsToPublication)).ToList(), counts);
        return new PublicInput(candidates, counts, passing);
    }

    /// <summary>The combined ranking when the round has a public weight (null otherwise), and who the public vote left out.</summary>
    private static (IReadOnlyList<(RankedEntry Ranked, HybridParts Parts)>?, PublicVoteSummary) PublicPart(
        Round round, AggregationMethod method, IReadOnlyList<RankedEntry> jury, PublicInput vote)
    {
        var (candidates, counts, passing) = (vote.Candidates, vote.Counts, vote.Passing);
        int max = candidates.Select(c => counts.GetValueOrDefault(c.Id)).DefaultIfEmpty(0).Max();
        var notInVote = candidates.Where(c => !c.ConsentsToPublication).Select(c => c.Id).ToHashSet();
        var summary = new PublicVoteSummary(
            candidates.Where(c => !passing.Contains(c.Id)).Select(c => new EntryLabel(c.Id, c.Number, c.Title)).ToList(),
            candidates.Where(c => notInVote.Contains(c.Id)).Select(c => new EntryLabel(c.Id, c.Number, c.Title)).ToList(), max);
        return (round.IsHybrid ? HybridScore.Rank(jury, method, counts, max, round.PublicWeightPercent, notInVote) : null, summary);
    }
}
