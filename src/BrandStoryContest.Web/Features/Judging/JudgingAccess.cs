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

    public static async Task<Category?> ManagedCategoryAsync(this ContestDb db, ICurrentUser user, int categoryId, CancellationToken ct)
    {
        var category = await db.Categories.Include(c => c.Contest).SingleOrDefaultAsync(c => c.Id == categoryId, ct);
        return category is not null && user.CanManage(category.Contest) ? category : null;
    }

    /// <summary>Every (judge, entrant) pair of a contest that must not meet: recorded conflicts, same organization, own entries.</summary>
    public static async Task<HashSet<(int EntryId, string JudgeId)>> ConflictedPairsAsync(this ContestDb db, int contestId,
        IReadOnlyList<int> entryIds, IReadOnlyList<string> judgeIds, CancellationToken ct)
    {
        var recorded = (await db.Conflicts.Where(c => c.ContestId == contestId).Select(c => new { c.JudgeId, c.EntrantId }).ToListAsync(ct))
            .Select(c => (c.JudgeId, c.EntrantId)).ToHashSet();
        var judges = await db.Users.Where(u => judgeIds.Contains(u.Id)).ToListAsync(ct);
        var entrants = await db.Entries.Where(e => entryIds.Contains(e.Id)).Select(e => new { e.Id, e.Entrant }).ToListAsync(ct);
        var pairs = new HashSet<(int, string)>();
        foreach (var e in entrants)
            foreach (var j in judges)
                if (Conflicts.Between(j, e.Entrant, recorded)) pairs.Add((e.Id, j.Id));
        return pairs;
    }

    /// <summary>Whether this judge may score this entry now: checked in every scoring handler, not only in assignment.</summary>
    public static async Task<bool> IsConflictedAsync(this ContestDb db, Assignment a, CancellationToken ct) =>
        (await db.ConflictedPairsAsync(a.Entry.ContestId, [a.EntryId], [a.JudgeId], ct)).Count > 0;
}
