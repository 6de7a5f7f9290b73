using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>
/// The conflict rule (<see cref="Conflicts.Between(Account, string, string?, IReadOnlySet{ValueTuple{string, string}}, IEnumerable{ValueTuple{string?, string?}})"/>)
/// for one judge's lists: the same inputs as <see cref="JudgingAccess.ConflictedPairsAsync"/>, read once per request
/// for every entry the judge can reach: the judge's account, the judge's recorded conflicts, and the teams of those
/// entries. A list of 150 assignments then costs three small queries, not two more with 150 ids each (building and
/// preparing those was most of a /judging request). The entrant and the organization of record come with each row.
/// </summary>
public sealed class JudgeConflicts
{
    private readonly Account? judge;
    private readonly Dictionary<int, HashSet<(string JudgeId, string EntrantId)>> recordedByContest;
    private readonly ILookup<int, (string? Organization, string? AccountId)> team;

    private JudgeConflicts(Account? judge, Dictionary<int, HashSet<(string, string)>> recordedByContest, ILookup<int, (string?, string?)> team) =>
        (this.judge, this.recordedByContest, this.team) = (judge, recordedByContest, team);

    public static async Task<JudgeConflicts> LoadAsync(ContestDb db, string judgeId, CancellationToken ct)
    {
        var judge = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == judgeId, ct);
        var recorded = (await db.Conflicts.AsNoTracking().Where(c => c.JudgeId == judgeId).Select(c => new { c.ContestId, c.EntrantId }).ToListAsync(ct))
            .GroupBy(c => c.ContestId).ToDictionary(g => g.Key, g => g.Select(c => (judgeId, c.EntrantId)).ToHashSet());
        var team = (await db.Assignments.AsNoTracking().ReachableBy(judgeId)
                .Join(db.EntryAuthors, a => a.EntryId, t => t.EntryId, (a, t) => new { t.EntryId, t.Organization, t.AccountId })
                .ToListAsync(ct))
            .Distinct().ToLookup(t => t.EntryId, t => (t.Organization, t.AccountId));
        return new JudgeConflicts(judge, recorded, team);
    }

    /// <summary>Whether the judge may not see this entry. An account that is gone sees nothing.</summary>
    public bool Bar(int contestId, int entryId, string entrantId, string? organizationOfRecord) =>
        judge is null || Conflicts.Between(judge, entrantId, organizationOfRecord,
            recordedByContest.TryGetValue(contestId, out var recorded) ? recorded : NoneRecorded, team[entryId]);

    private static readonly HashSet<(string, string)> NoneRecorded = [];
}
