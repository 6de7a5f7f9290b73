using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>
/// The conflict rule (<see cref="Conflicts.Between(Account, string, string?, IReadOnlySet{ValueTuple{string, string}}, IEnumerable{ValueTuple{string?, string?}})"/>)
/// for one judge's lists: the same inputs as <see cref="JudgingAccess.ConflictedPairsAsync"/>, read once per request
/// for every entry the judge can reach: the judge's account, the judge's recorded conflicts, and the teams of those
/// entries. A list of 150 assignments then costs a few small queries, not two more with 150 ids each (building and
/// preparing those was most of a /judging request). The entrant and the organization of record come with each row.
/// The final's rules are the same as there: a conflict recorded in a division holds in its final too, and a carried
/// entry whose division original this judge scored is barred (<see cref="JudgingAccess.JudgedInDivisionAsync"/>).
/// </summary>
public sealed class JudgeConflicts
{
    private readonly Account? judge;
    private readonly Dictionary<int, HashSet<(string JudgeId, string EntrantId)>> recordedByContest;
    private readonly ILookup<int, (string? Organization, string? AccountId)> team;
    private readonly HashSet<int> judgedInDivision;

    private JudgeConflicts(Account? judge, Dictionary<int, HashSet<(string, string)>> recordedByContest, ILookup<int, (string?, string?)> team,
        HashSet<int> judgedInDivision) =>
        (this.judge, this.recordedByContest, this.team, this.judgedInDivision) = (judge, recordedByContest, team, judgedInDivision);

    public static async Task<JudgeConflicts> LoadAsync(ContestDb db, string judgeId, CancellationToken ct)
    {
        var judge = await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == judgeId, ct);
        // A conflict recorded in a division counts in that division and in its final.
        var recorded = (await db.Conflicts.AsNoTracking().Where(c => c.JudgeId == judgeId)
                .Select(c => new { c.ContestId, FinalId = db.Divisions.Where(d => d.ContestId == c.ContestId).Select(d => (int?)d.FinalId).FirstOrDefault(), c.EntrantId })
                .ToListAsync(ct))
            .SelectMany(c => c.FinalId is { } finalId ? new[] { (c.ContestId, c.EntrantId), (finalId, c.EntrantId) } : [(c.ContestId, c.EntrantId)])
            .GroupBy(c => c.Item1).ToDictionary(g => g.Key, g => g.Select(c => (judgeId, c.EntrantId)).ToHashSet());
        var team = (await db.Assignments.AsNoTracking().ReachableBy(judgeId)
                .Join(db.EntryAuthors, a => a.EntryId, t => t.EntryId, (a, t) => new { t.EntryId, t.Organization, t.AccountId })
                .ToListAsync(ct))
            .Distinct().ToLookup(t => t.EntryId, t => (t.Organization, t.AccountId));
        var judgedInDivision = (await db.ScoredInDivision().Where(x => x.JudgeId == judgeId).Select(x => x.FinalEntryId).ToListAsync(ct)).ToHashSet();
        return new JudgeConflicts(judge, recorded, team, judgedInDivision);
    }

    /// <summary>Whether the judge may not see this entry. An account that is gone sees nothing.</summary>
    public bool Bar(int contestId, int entryId, string entrantId, string? organizationOfRecord) =>
        judge is null || judgedInDivision.Contains(entryId) || Conflicts.Between(judge, entrantId, organizationOfRecord,
            recordedByContest.TryGetValue(contestId, out var recorded) ? recorded : NoneRecorded, team[entryId]);

    private static readonly HashSet<(string, string)> NoneRecorded = [];
}
