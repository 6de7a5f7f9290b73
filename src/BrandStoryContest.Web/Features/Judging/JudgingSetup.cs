using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Judging;

public sealed record PoolJudge(string Id, string Name, string? Organization, bool OnPanel);

public sealed record ConflictRow(int Id, string JudgeName, string EntrantName, ConflictSource Source, string? Reason);

public sealed record RoundSummary(Round Round, int Entries, int Assignments, int Scored);

public sealed record AssignmentLine(int Id, int EntryId, string? Number, string Title, string JudgeId, string JudgeName, bool Scored, bool IsManual,
    double? WatchedFraction, int ReadingSeconds);

/// <param name="SubmittedEntries">The entries the conflict form offers: at most <see cref="JudgingSetupQuery.EntryChoices"/> matching <paramref name="EntrySearch"/>.</param>
/// <param name="SubmittedCount">All submitted entries of the category.</param>
public sealed record JudgingSetupView(Category Category, IReadOnlyList<PoolJudge> Pool, IReadOnlyList<ConflictRow> Conflicts,
    IReadOnlyList<RoundSummary> Rounds, IReadOnlyList<(int Id, string? Number, string Title)> SubmittedEntries, int SubmittedCount = 0,
    string? EntrySearch = null);

/// <param name="EntrySearch">Narrows the conflict form's entry choice by number or title: a national category has too many entries for one list.</param>
public sealed record JudgingSetupQuery(int CategoryId, string? EntrySearch = null) : IQuery<Result<JudgingSetupView>>
{
    public const int EntryChoices = 50;
}

/// <summary>The organizer's judging page of a category: panel, conflicts and rounds.</summary>
public sealed class JudgingSetupHandler(ContestDb db, ICurrentUser user) : IQueryHandler<JudgingSetupQuery, Result<JudgingSetupView>>
{
    public async ValueTask<Result<JudgingSetupView>> Handle(JudgingSetupQuery query, CancellationToken ct)
    {
        // One connection for the view's ~6 statements: opening and closing a pooled SQLite connection per statement took the
        // pool's lock each time, and 50 views at once spent an eighth of their CPU waiting on it. The context closes it.
        await db.Database.OpenConnectionAsync(ct);
        // The versions before the rows (see DataVersions), with the contest found from the category, which never moves.
        var (contestId, version) = await DataVersions.ForCategoryAsync(db, query.CategoryId, ct);
        if (contestId is null) return Result.NotFound;
        // The category with its contest, panel, judges, conflicts and rounds: every write to them bumps the contest's row
        // (DataVersions.Collect), so they are kept under it and a repeat view reads the versions and the counts' key; they
        // were five of its seven statements. Kept untracked and shared between views; the caller's right to run the contest
        // is still asked on every view.
        var header = await VersionedMemo.GetOrComputeAsync(db, $"setup-header|{query.CategoryId}|{contestId}|{version}", () => HeaderAsync(query.CategoryId),
            h => 1 + h.Pool.Count + h.Conflicts.Count + h.Rounds.Count, ct);
        if (header.Category is not { } category || !user.CanManage(category.Contest)) return Result.NotFound;
        var rounds = header.Rounds;
        // Counting a national category's 20,000 entries and 40,000 assignments per round, and sorting its entries by
        // number for the conflict form, was most of this page. Once the category has a round, every write those read
        // (round entries, assignments, scores, and the category's entries) bumps the contest's version, so they are kept
        // under it; before that an entry write bumps nothing (DataVersions), and they are read fresh.
        var search = string.IsNullOrWhiteSpace(query.EntrySearch) ? null : query.EntrySearch.Trim();
        var counts = rounds.Count > 0
            ? await VersionedMemo.GetOrComputeAsync(db, $"setup|{category.Id}|{search}|{version}", () => CountAsync(category, rounds, search), c => 1 + c.Entries.Count, ct)
            : await CountAsync(category, rounds, search);
        var summaries = rounds.Select(r => counts.Rounds.TryGetValue(r.Id, out var c) ? new RoundSummary(r, c.Entries, c.Assignments, c.Scored) : new RoundSummary(r, 0, 0, 0)).ToList();
        var (submittedCount, entries) = (counts.Submitted, counts.Entries);
        return new JudgingSetupView(category, header.Pool, header.Conflicts, summaries, entries, submittedCount, query.EntrySearch);
    }

    /// <summary>The page's header: null <see cref="Category"/> when there is no such category.</summary>
    private sealed record SetupHeader(Category? Category, IReadOnlyList<PoolJudge> Pool, IReadOnlyList<ConflictRow> Conflicts, IReadOnlyList<Round> Rounds);

    /// <summary>Reads with this request's context and no cancellation: views waiting for the same header share it (see <see cref="KeptUnderVersions"/>).</summary>
    private async Task<SetupHeader> HeaderAsync(int categoryId)
    {
        var ct = CancellationToken.None;
        var category = await db.Categories.AsNoTracking().Include(c => c.Contest).SingleOrDefaultAsync(c => c.Id == categoryId, ct);
        if (category is null) return new SetupHeader(null, [], [], []);
        var panel = (await db.PanelMembers.Where(p => p.CategoryId == category.Id).Select(p => p.JudgeId).ToListAsync(ct)).ToHashSet();
        var pool = await db.ContestJudges.Where(j => j.ContestId == category.ContestId)
            .Select(j => new { j.JudgeId, j.Judge.RealName, j.Judge.Organization }).ToListAsync(ct);
        var conflicts = await (from c in db.Conflicts
                               join j in db.Users on c.JudgeId equals j.Id
                               join e in db.Users on c.EntrantId equals e.Id
                               where c.ContestId == category.ContestId
                               select new ConflictRow(c.Id, j.RealName, e.RealName, c.Source, c.Reason)).ToListAsync(ct);
        var rounds = await db.Rounds.AsNoTracking().Include(r => r.Criteria).Where(r => r.CategoryId == category.Id).OrderBy(r => r.Sequence).ToListAsync(ct);
        return new SetupHeader(category,
            pool.Select(p => new PoolJudge(p.JudgeId, p.RealName, p.Organization, panel.Contains(p.JudgeId))).OrderBy(p => p.Name).ToList(), conflicts, rounds);
    }

    private sealed record SetupCounts(IReadOnlyDictionary<int, (int Entries, int Assignments, int Scored)> Rounds, int Submitted,
        IReadOnlyList<(int Id, string? Number, string Title)> Entries);

    /// <summary>Reads with this request's context and no cancellation: views waiting for the same counts share them (see <see cref="KeptUnderVersions"/>).</summary>
    private async Task<SetupCounts> CountAsync(Category category, IReadOnlyList<Round> rounds, string? search)
    {
        var ct = CancellationToken.None;
        var ids = rounds.Select(r => r.Id).ToList();
        var roundEntries = await db.RoundEntries.Where(x => ids.Contains(x.RoundId)).GroupBy(x => x.RoundId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var assignments = await db.Assignments.Where(a => ids.Contains(a.RoundId)).GroupBy(a => a.RoundId)
            .Select(g => new { g.Key, Count = g.Count(), Scored = g.Count(a => a.Total != null) }).ToDictionaryAsync(g => g.Key, ct);
        var perRound = ids.ToDictionary(id => id, id => (roundEntries.GetValueOrDefault(id),
            assignments.TryGetValue(id, out var a) ? a.Count : 0, a?.Scored ?? 0));
        var submitted = db.Entries.Where(e => e.CategoryId == category.Id && e.State == EntryState.Submitted);
        var submittedCount = await submitted.CountAsync(ct);
        if (search is not null) submitted = submitted.Where(e => e.Number!.Contains(search) || e.Title.Contains(search));
        var entries = await submitted.OrderBy(e => e.Number).ThenBy(e => e.Id).Take(JudgingSetupQuery.EntryChoices)
            .Select(e => new { e.Id, e.Number, e.Title }).ToListAsync(ct);
        return new SetupCounts(perRound, submittedCount, entries.Select(e => (e.Id, e.Number, e.Title)).ToList());
    }
}
