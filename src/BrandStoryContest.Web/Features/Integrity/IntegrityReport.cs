using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Integrity;

public sealed record StoryRef(int Id, int ContestId, string ContestTitle, string? Number, string Title, string EntrantName, string Body, string? RedactedBody = null);

public sealed record SimilarStories(StoryRef A, StoryRef B, double Jaccard, IReadOnlyList<Passage> InA, IReadOnlyList<Passage> InB);

public sealed record LeakFlag(StoryRef Story, IReadOnlyList<(string Term, Passage Where)> Passages);

public sealed record IntegrityView(Contest Contest, IReadOnlyList<SimilarStories> Similar, IReadOnlyList<LeakFlag> Leaks, double Threshold, int StoriesChecked);

public sealed record IntegrityReportQuery(int ContestId, double Threshold = IntegrityReportHandler.DefaultThreshold) : IQuery<IntegrityView?>;

/// <summary>
/// The organizer's integrity checks on the contest's stories: near-copies within the contest and against
/// earlier contests' stories, and stories that name their own author or organization (which would break
/// blind judging), each with the passages to look at.
/// </summary>
public sealed class IntegrityReportHandler(ContestDb db, ICurrentUser user) : IQueryHandler<IntegrityReportQuery, IntegrityView?>
{
    public const double DefaultThreshold = 0.3;

    public async ValueTask<IntegrityView?> Handle(IntegrityReportQuery query, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.ContestId, ct);
        if (contest is null || !user.CanManage(contest)) return null;
        var stories = await db.Entries.AsNoTracking()
            .Where(e => e.Category.Kind == CategoryKind.Story && e.Body != "" && (e.State == EntryState.Submitted || e.State == EntryState.Disqualified)
                && (e.ContestId == contest.Id || e.Contest.SubmissionClosesAt < contest.SubmissionOpensAt))
            .Select(e => new { Ref = new StoryRef(e.Id, e.ContestId, e.Contest.TitleZh, e.Number, e.Title, e.Entrant.RealName, e.Body, e.RedactedBody), e.Entrant.Organization })
            .ToListAsync(ct);
        var byId = stories.ToDictionary(s => s.Ref.Id, s => s.Ref);
        var pairs = Similarity.FindPairs(stories.Select(s => (s.Ref.Id, s.Ref.Body)).ToList(), query.Threshold)
            // Pairs of two earlier stories are not this contest's business.
            .Where(p => byId[p.A].ContestId == contest.Id || byId[p.B].ContestId == contest.Id)
            .Select(p => new SimilarStories(byId[p.A], byId[p.B], p.Jaccard,
                Similarity.SharedPassages(byId[p.A].Body, byId[p.B].Body), Similarity.SharedPassages(byId[p.B].Body, byId[p.A].Body)))
            .ToList();
        var leaks = stories.Where(s => s.Ref.ContestId == contest.Id)
            .Select(s => new LeakFlag(s.Ref, BlindLeaks.Find(s.Ref.Title + "\n" + s.Ref.Body, s.Ref.EntrantName, s.Organization)))
            .Where(l => l.Passages.Count > 0).ToList();
        return new IntegrityView(contest, pairs, leaks, query.Threshold, stories.Count(s => s.Ref.ContestId == contest.Id));
    }
}
