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
        var category = await db.ManagedCategoryAsync(user, query.CategoryId, ct);
        if (category is null) return Result.NotFound;
        var panel = await db.PanelMembers.Where(p => p.CategoryId == category.Id).Select(p => p.JudgeId).ToListAsync(ct);
        var pool = await db.ContestJudges.Where(j => j.ContestId == category.ContestId)
            .Select(j => new { j.JudgeId, j.Judge.RealName, j.Judge.Organization }).ToListAsync(ct);
        var conflicts = await (from c in db.Conflicts
                               join j in db.Users on c.JudgeId equals j.Id
                               join e in db.Users on c.EntrantId equals e.Id
                               where c.ContestId == category.ContestId
                               select new ConflictRow(c.Id, j.RealName, e.RealName, c.Source, c.Reason)).ToListAsync(ct);
        var rounds = await db.Rounds.Include(r => r.Criteria).Where(r => r.CategoryId == category.Id).OrderBy(r => r.Sequence).ToListAsync(ct);
        var summaries = new List<RoundSummary>();
        foreach (var r in rounds)
            summaries.Add(new RoundSummary(r, await db.RoundEntries.CountAsync(x => x.RoundId == r.Id, ct),
                await db.Assignments.CountAsync(a => a.RoundId == r.Id, ct), await db.Assignments.CountAsync(a => a.RoundId == r.Id && a.Total != null, ct)));
        var submitted = db.Entries.Where(e => e.CategoryId == category.Id && e.State == EntryState.Submitted);
        var submittedCount = await submitted.CountAsync(ct);
        if (!string.IsNullOrWhiteSpace(query.EntrySearch))
        {
            var s = query.EntrySearch.Trim();
            submitted = submitted.Where(e => e.Number!.Contains(s) || e.Title.Contains(s));
        }
        var entries = await submitted.OrderBy(e => e.Number).ThenBy(e => e.Id).Take(JudgingSetupQuery.EntryChoices)
            .Select(e => new { e.Id, e.Number, e.Title }).ToListAsync(ct);
        return new JudgingSetupView(category,
            pool.Select(p => new PoolJudge(p.JudgeId, p.RealName, p.Organization, panel.Contains(p.JudgeId))).OrderBy(p => p.Name).ToList(),
            conflicts, summaries, entries.Select(e => (e.Id, e.Number, e.Title)).ToList(), submittedCount, query.EntrySearch);
    }
}
