using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>
/// A judge's scores for one assignment. Partial sheets are saved too (autosave); the total is computed
/// once every criterion has a value. Only the assigned judge, only while the round is open, never across
/// a conflict; every change is audit-logged with the old and new values.
/// </summary>
public sealed class ScoreEntryCommand : ICommand<Result<ScoreEntryResult>>
{
    public int AssignmentId { get; set; }
    public Dictionary<int, int?> Scores { get; set; } = [];
    public string? Comment { get; set; }
    public int Version { get; set; }
}

/// <param name="Total">Null while the sheet is partial.</param>
/// <param name="Version">The sheet's new version, for the next autosave.</param>
public sealed record ScoreEntryResult(double? Total, int Version);

public sealed class ScoreEntryHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<ScoreEntryCommand, Result<ScoreEntryResult>>
{
    public async ValueTask<Result<ScoreEntryResult>> Handle(ScoreEntryCommand cmd, CancellationToken ct)
    {
        var me = user.RequiredId();
        var a = await db.Assignments.Include(x => x.Scores).Include(x => x.Entry).Include(x => x.Round).ThenInclude(r => r.Criteria)
            .ReachableBy(me).SingleOrDefaultAsync(x => x.Id == cmd.AssignmentId, ct);
        if (a is null) return Result.NotFound; // not yours, not shown to judges, or no longer in the contest = not found
        RuleViolation? refusal = null;
        var reach = await db.ReachAsync(a, me, ct);
        // Past ReachableBy, only a conflict takes the reach to None; the judge is told why, and nothing else.
        if (reach == JudgeReach.None) refusal = new("", "You have a conflict of interest with this entry and cannot score it.");
        else if (reach == JudgeReach.Read) refusal = new("", "The round is {0}: scores can no longer be changed.", a.Round.State);
        else if (a.Version != cmd.Version) refusal = new("", "These scores were changed in another tab or window. Reload to see them.");
        else if ((cmd.Comment ?? "").Length > 4000) refusal = new("Comment", "The comment may have at most {0} characters.", 4000);
        else if (a.Round.MinWatchedFraction > 0 && a.Entry.FilmBlob is not null && (a.WatchedFraction ?? 0) < a.Round.MinWatchedFraction)
            refusal = new("", "Watch at least {0}% of the film before scoring it (so far {1}%).",
                Math.Round(a.Round.MinWatchedFraction * 100), Math.Round((a.WatchedFraction ?? 0) * 100));
        if (refusal is not null) return refusal;

        var violations = new List<RuleViolation>();
        foreach (var (criterionId, value) in cmd.Scores)
        {
            var criterion = a.Round.Criteria.SingleOrDefault(c => c.Id == criterionId);
            if (criterion is null) violations.Add(new("", "Unknown criterion."));
            else if (value is { } v && (v < criterion.MinScore || v > criterion.MaxScore))
                violations.Add(new($"Scores[{criterionId}]", "{0}: the score must be between {1} and {2}.", criterion.Name, criterion.MinScore, criterion.MaxScore));
        }
        if (violations.Count > 0) return Result.Refuse(violations);

        var before = Describe(a);
        foreach (var (criterionId, value) in cmd.Scores)
        {
            var existing = a.Scores.SingleOrDefault(s => s.CriterionId == criterionId);
            if (value is null) { if (existing is not null) a.Scores.Remove(existing); }
            else if (existing is null) a.Scores.Add(new CriterionScore { AssignmentId = a.Id, CriterionId = criterionId, Value = value.Value });
            else existing.Value = value.Value;
        }
        a.Comment = string.IsNullOrWhiteSpace(cmd.Comment) ? null : cmd.Comment.Trim();
        var complete = a.Round.Criteria.All(c => a.Scores.Any(s => s.CriterionId == c.Id));
        a.Total = complete
            ? Math.Round(ScoreAggregation.WeightedTotal(a.Round.Criteria.Select(c => ((double)a.Scores.Single(s => s.CriterionId == c.Id).Value, c.Weight, (double)c.MinScore, (double)c.MaxScore)).ToList()), 4)
            : null;
        a.ScoredAt = complete ? clock.GetUtcNow() : null;
        a.Version++;
        var after = Describe(a);
        if (before != after) db.Record(clock, me, "Score", "Assignment", a.Id, before, after);
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Refuse("These scores were changed in another tab or window. Reload to see them.");
        }
        return new ScoreEntryResult(a.Total, a.Version);
    }

    private static string Describe(Assignment a) =>
        string.Join(";", a.Scores.OrderBy(s => s.CriterionId).Select(s => $"{s.CriterionId}={s.Value}")) + (a.Comment is null ? "" : $"|{a.Comment}");
}
