using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Judging;

public static class JudgingAccess
{
    /// <summary>The round with its category and contest, if the caller runs that contest; otherwise null ("not found").</summary>
    public static async Task<Round?> ManagedRoundAsync(this ContestDb db, ICurrentUser user, int roundId, CancellationToken ct)
    {
        var round = await db.Rounds.Include(r => r.Criteria).Include(r => r.Category).ThenInclude(c => c.Contest)
            .SingleOrDefaultAsync(r => r.Id == roundId, ct);
        return round is not null && user.CanManage(round.Category.Contest) ? round : null;
    }

    /// <summary>
    /// <see cref="ManagedRoundAsync"/> for the organizer's read-only pages (the round page, the public vote review), kept
    /// under the round's data versions (<paramref name="versions"/>, read before: every write to the round, its criteria,
    /// category or contest bumps the contest's judging row), so a repeat view does not read four tables for its ownership
    /// check. Kept untracked and shared between views: commands read their own tracked round. Whether the caller runs the
    /// contest is still asked on every view, of the kept contest.
    /// </summary>
    public static async Task<Round?> KeptManagedRoundAsync(this ContestDb db, ICurrentUser user, int roundId, string versions, CancellationToken ct)
    {
        // Read with the first caller's context and no cancellation: views waiting for the same round share it.
        var round = await VersionedMemo.GetOrComputeAsync(db, $"managed-round|{roundId}|{versions}",
            () => db.Rounds.AsNoTracking().Include(r => r.Criteria).Include(r => r.Category).ThenInclude(c => c.Contest)
                .SingleOrDefaultAsync(r => r.Id == roundId, CancellationToken.None),
            r => 1 + (r?.Criteria.Count ?? 0), ct);
        return round is not null && user.CanManage(round.Category.Contest) ? round : null;
    }

    public static async Task<Category?> ManagedCategoryAsync(this ContestDb db, ICurrentUser user, int categoryId, CancellationToken ct)
    {
        var category = await db.Categories.Include(c => c.Contest).SingleOrDefaultAsync(c => c.Id == categoryId, ct);
        return category is not null && user.CanManage(category.Contest) ? category : null;
    }

    /// <summary>Every (judge, entry) pair of a contest that must not meet: recorded conflicts, same organization, own entries, over the whole team.</summary>
    /// <remarks>
    /// The entrant side is the identity fixed on the entry at submission (<see cref="Entry.OrganizationOfRecord"/>), not the live profile.
    /// In a final, conflicts recorded in any of its divisions hold too (a conflict is between two people, wherever it was
    /// found), and a judge who scored a carried entry in its division does not score it again (<see cref="JudgedInDivisionAsync"/>).
    /// A carried entry keeps its entrant, identity of record and authors, so the other rules need nothing more.
    /// </remarks>
    public static async Task<HashSet<(int EntryId, string JudgeId)>> ConflictedPairsAsync(this ContestDb db, int contestId,
        IReadOnlyList<int> entryIds, IReadOnlyList<string> judgeIds, CancellationToken ct)
    {
        var recorded = (await db.Conflicts.Where(c => c.ContestId == contestId || db.Divisions.Any(d => d.FinalId == contestId && d.ContestId == c.ContestId))
            .Select(c => new { c.JudgeId, c.EntrantId }).ToListAsync(ct))
            .Select(c => (c.JudgeId, c.EntrantId)).ToHashSet();
        var judges = await db.Users.Where(u => judgeIds.Contains(u.Id)).ToListAsync(ct);
        var entrants = await db.Entries.Where(e => entryIds.Contains(e.Id))
            .Select(e => new { e.Id, e.EntrantId, Organization = e.EntrantName != null ? e.EntrantOrganization : e.Entrant.Organization, e.CarriedOver }).ToListAsync(ct);
        var team = (await db.EntryAuthors.Where(a => entryIds.Contains(a.EntryId)).Select(a => new { a.EntryId, a.Organization, a.AccountId }).ToListAsync(ct))
            .ToLookup(a => a.EntryId, a => (a.Organization, a.AccountId));
        var pairs = new HashSet<(int, string)>();
        foreach (var e in entrants)
            foreach (var j in judges)
                if (Conflicts.Between(j, e.EntrantId, e.Organization, recorded, team[e.Id])) pairs.Add((e.Id, j.Id));
        var carried = entrants.Where(e => e.CarriedOver).Select(e => e.Id).ToList();
        if (carried.Count > 0) pairs.UnionWith(await db.JudgedInDivisionAsync(carried, judgeIds, ct));
        return pairs;
    }

    /// <summary>
    /// The (final entry, judge) pairs where the judge scored (fully or in part) the entry's division original: the final
    /// is an independent second look, so "judged it in the division" is a conflict there, for the planner and by hand alike.
    /// </summary>
    public static async Task<List<(int EntryId, string JudgeId)>> JudgedInDivisionAsync(this ContestDb db, IReadOnlyList<int> finalEntryIds,
        IReadOnlyList<string> judgeIds, CancellationToken ct) =>
        (await db.ScoredInDivision().Where(x => finalEntryIds.Contains(x.FinalEntryId) && judgeIds.Contains(x.JudgeId)).Distinct().ToListAsync(ct))
        .Select(x => (x.FinalEntryId, x.JudgeId)).ToList();

    /// <summary>The rule of <see cref="JudgedInDivisionAsync"/> as a query, for every final entry and judge (JudgeConflicts reads it for one judge).</summary>
    public static IQueryable<ScoredOriginal> ScoredInDivision(this ContestDb db) =>
        db.Assignments.Where(a => a.Total != null || a.Scores.Any())
            .Join(db.Recommendations, a => a.EntryId, r => r.SourceEntryId, (a, r) => new ScoredOriginal { FinalEntryId = r.FinalEntryId, JudgeId = a.JudgeId });

    /// <summary>A judge who scored the division original of a final's entry.</summary>
    public sealed class ScoredOriginal
    {
        public int FinalEntryId { get; init; }
        public string JudgeId { get; init; } = "";
    }

    /// <summary>Whether this judge may score this entry now: checked in every scoring handler, not only in assignment.</summary>
    public static async Task<bool> IsConflictedAsync(this ContestDb db, Assignment a, CancellationToken ct) =>
        (await db.ConflictedPairsAsync(a.Entry.ContestId, [a.EntryId], [a.JudgeId], ct)).Count > 0;

    // What a judge reaches. The one rule, used by the /judging list, the score sheet, scoring, notes, viewing
    // evidence and entry media: the judge's own assignments, of a round that is Open (read and write) or Closed
    // (read only), on an entry still in the contest (not withdrawn, not disqualified), and never across a
    // conflict. Draft rounds are not shown yet; finalized rounds not any more (see Round.ShownToJudges).

    /// <summary>The judge's assignments that the rule lets them open, before the conflict check (which needs the accounts).</summary>
    public static IQueryable<Assignment> ReachableBy(this IQueryable<Assignment> assignments, string judgeId) =>
        assignments.Where(a => a.JudgeId == judgeId && a.Entry.State == EntryState.Submitted
            && (a.Round.State == RoundState.Open || a.Round.State == RoundState.Closed));

    /// <summary>
    /// The judge's reach on one loaded assignment (with its Round and Entry): none, read, or read and write.
    /// A handler that gets <see cref="JudgeReach.None"/> answers "not found".
    /// </summary>
    public static async Task<JudgeReach> ReachAsync(this ContestDb db, Assignment? a, string judgeId, CancellationToken ct)
    {
        if (a is null || a.JudgeId != judgeId || a.Entry.State != EntryState.Submitted || !a.Round.ShownToJudges) return JudgeReach.None;
        if (await db.IsConflictedAsync(a, ct)) return JudgeReach.None;
        return a.Round.AcceptsScores ? JudgeReach.Write : JudgeReach.Read;
    }

    /// <summary>The assignment if the judge may open it (and write to it, when <paramref name="write"/>); otherwise null.</summary>
    public static async Task<Assignment?> ReachableAsync(this ContestDb db, IQueryable<Assignment> loaded, string judgeId, int assignmentId,
        bool write, CancellationToken ct)
    {
        var a = await loaded.Include(x => x.Round).Include(x => x.Entry).ReachableBy(judgeId).SingleOrDefaultAsync(x => x.Id == assignmentId, ct);
        var reach = await db.ReachAsync(a, judgeId, ct);
        return reach == JudgeReach.Write || (reach == JudgeReach.Read && !write) ? a : null;
    }

    /// <summary>Whether the judge may see this entry (its media) through any assignment the rule lets them open.</summary>
    public static async Task<bool> JudgeSeesEntryAsync(this ContestDb db, string judgeId, int entryId, CancellationToken ct)
    {
        var candidates = await db.Assignments.Include(a => a.Round).Include(a => a.Entry).ReachableBy(judgeId)
            .Where(a => a.EntryId == entryId).ToListAsync(ct);
        foreach (var a in candidates)
            if (await db.ReachAsync(a, judgeId, ct) != JudgeReach.None) return true;
        return false;
    }
}

public enum JudgeReach { None, Read, Write }
