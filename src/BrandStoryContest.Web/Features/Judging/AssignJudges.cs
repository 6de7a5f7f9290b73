using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.PublicVote;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Judging;

public sealed record AssignJudgesCommand(int RoundId, int? Seed = null) : ICommand<Result<AssignJudgesResult>>;

public sealed record AssignJudgesResult(int Assigned, IReadOnlyList<UncoveredEntry> Uncovered)
{
    /// <summary>The plan is saved, but these entries are short of judges: the organizer is told, with the first ten.</summary>
    public RuleViolation? Shortfall => Uncovered.Count == 0 ? null
        : new("", "{0} entries could not get enough judges: {1}", Uncovered.Count,
            Uncovered.Take(10).Select(u => new RuleViolation("", "entry {0}: {1} of {2} judges ({3})", u.EntryId, u.Assigned, u.Needed, u.Reason)).ToList());
}

/// <summary>
/// Plans who scores what with <see cref="JudgeAssignment"/> (exact, load-balanced, conflict-free, seeded; in a final,
/// spread over the divisions the entries came from).
/// Assignments that already carry a score are kept, and count towards the entry's k and the judge's load;
/// everything else is planned anew. Only before the round closes. With a public-vote cut-off, only the entries
/// that passed it are planned, and only once voting has closed.
/// </summary>
public sealed class AssignJudgesHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<AssignJudgesCommand, Result<AssignJudgesResult>>
{
    public async ValueTask<Result<AssignJudgesResult>> Handle(AssignJudgesCommand cmd, CancellationToken ct)
    {
        var round = await db.ManagedRoundAsync(user, cmd.RoundId, ct);
        if (round is null) return Result.NotFound;
        if (round.State is RoundState.Closed or RoundState.Finalized) return Result.Refuse("The round is closed: assignments can no longer change.");
        // Cutting on a count that can still change would send the wrong entries to the jury.
        if (round.VoteCutoff is not null && (round.VotingClosesAt is not { } closes || clock.GetUtcNow() < closes))
            return Result.Refuse("Public voting has not closed yet: the vote cut-off needs the final count.");
        if (cmd.Seed is { } seed) round.Seed = seed;

        await RoundEntries.SyncFirstRoundAsync(db, round, ct);
        var entryIds = await db.RoundEntries.Where(r => r.RoundId == round.Id).Select(r => r.EntryId).OrderBy(id => id).ToListAsync(ct);
        // With a vote cut-off only the top N by votes (ties included) get judges; the rest stay "not advanced by public vote".
        var passing = await db.PassingCutoffAsync(round, entryIds, ct);
        entryIds = entryIds.Where(passing.Contains).ToList();
        var judgeIds = await db.PanelMembers.Where(p => p.CategoryId == round.CategoryId).Select(p => p.JudgeId).OrderBy(id => id).ToListAsync(ct);
        var existing = await db.Assignments.Include(a => a.Scores).Where(a => a.RoundId == round.Id).ToListAsync(ct);
        var kept = existing.Where(a => a.IsScored || a.Scores.Count > 0 || a.IsManual).ToList();
        db.Assignments.RemoveRange(existing.Except(kept));

        var conflicts = await db.ConflictedPairsAsync(round.Category.ContestId, entryIds, judgeIds, ct);
        // Kept pairs are fixed: plan only the seats still open, and never the same judge twice on one entry.
        foreach (var a in kept) conflicts.Add((a.EntryId, a.JudgeId));
        var need = entryIds.ToDictionary(id => id, id => Math.Max(0, round.JudgesPerEntry - kept.Count(a => a.EntryId == id)));
        // In a final, each judge's entries are spread over the divisions they came from (none elsewhere: the query is empty).
        var division = await db.Recommendations.Where(r => entryIds.Contains(r.FinalEntryId))
            .Select(r => new { r.FinalEntryId, r.DivisionId }).ToDictionaryAsync(r => r.FinalEntryId, r => r.DivisionId, ct);
        var uncovered = new List<UncoveredEntry>();
        var added = 0;
        // Entries by how many seats they still need, so one flow per "k" keeps the planner's exact balance.
        foreach (var group in need.Where(n => n.Value > 0).GroupBy(n => n.Value))
        {
            var ids = group.Select(g => g.Key).ToList();
            var groups = division.Count == 0 ? null : ids.Select(id => division.TryGetValue(id, out var d) ? d : (int?)null).ToList();
            var plan = JudgeAssignment.Plan(new AssignmentProblem(ids, judgeIds, group.Key, conflicts, round.Seed, groups));
            foreach (var (entryId, judgeId) in plan.Pairs)
            {
                db.Assignments.Add(new Assignment { RoundId = round.Id, EntryId = entryId, JudgeId = judgeId, CreatedAt = clock.GetUtcNow() });
                added++;
            }
            uncovered.AddRange(plan.Uncovered);
        }
        round.Version++;
        db.Record(clock, user.RequiredId(), "AssignJudges", "Round", round.Id, $"{existing.Count} assignments", $"{kept.Count + added} assignments, seed {round.Seed}");
        await db.SaveChangesAsync(ct);
        return new AssignJudgesResult(kept.Count + added, uncovered);
    }
}

internal static class RoundEntries
{
    /// <summary>Round 1 takes the category's submitted entries as they are now; entries withdrawn or disqualified since leave it unless scored.</summary>
    public static async Task SyncFirstRoundAsync(ContestDb db, Round round, CancellationToken ct)
    {
        if (round.Sequence != 1) return;
        var submitted = await db.Entries.Where(e => e.CategoryId == round.CategoryId && e.State == EntryState.Submitted).Select(e => e.Id).ToListAsync(ct);
        var current = await db.RoundEntries.Where(r => r.RoundId == round.Id).ToListAsync(ct);
        var scored = await db.Assignments.Where(a => a.RoundId == round.Id && a.Total != null).Select(a => a.EntryId).Distinct().ToListAsync(ct);
        db.RoundEntries.RemoveRange(current.Where(r => !submitted.Contains(r.EntryId) && !scored.Contains(r.EntryId)));
        foreach (var id in submitted.Where(id => current.All(r => r.EntryId != id)))
            db.RoundEntries.Add(new RoundEntry { RoundId = round.Id, EntryId = id });
        var leaving = current.Where(r => !submitted.Contains(r.EntryId) && !scored.Contains(r.EntryId)).Select(r => r.EntryId).ToList();
        db.Assignments.RemoveRange(await db.Assignments.Where(a => a.RoundId == round.Id && leaving.Contains(a.EntryId)).ToListAsync(ct));
        await db.SaveChangesAsync(ct);
    }
}
