using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Integrity;

/// <summary>
/// One checked work. <see cref="Visible"/> false: an entry of a contest the reader does not run, shown only as
/// "entry N of contest X": its title, text and author are blanked before they leave the handler.
/// </summary>
public sealed record StoryRef(int Id, int ContestId, string ContestTitle, string? Number, string Title, string EntrantName, string Body,
    string? RedactedBody = null, CategoryKind Kind = CategoryKind.Story, bool Visible = true, bool EarlierEdition = false);

public sealed record SimilarStories(StoryRef A, StoryRef B, double Jaccard, IReadOnlyList<Passage> InA, IReadOnlyList<Passage> InB);

public sealed record LeakFlag(StoryRef Story, IReadOnlyList<(string Term, Passage Where)> Passages);

public sealed record IntegrityView(Contest Contest, IReadOnlyList<SimilarStories> Similar, IReadOnlyList<LeakFlag> Leaks, double Threshold,
    int StoriesChecked, bool ThresholdRaised = false);

public sealed record IntegrityReportQuery(int ContestId, double Threshold = IntegrityReportHandler.DefaultThreshold) : IQuery<Result<IntegrityView>>;

/// <summary>
/// The organizer's integrity checks: near-copies among the contest's stories and against earlier contests'
/// stories, and works that name their own author or organization (which would break blind judging): a
/// story's title and text, a film's title, synopsis, credits and director. Earlier contests of other
/// organizers are compared too (a copy is a copy), but such a match shows only "entry N of contest X,
/// similarity Y": never that story's title, text or author. The threshold has a floor so that a short
/// probe story cannot turn the report into a search engine over other organizers' entries.
/// </summary>
public sealed class IntegrityReportHandler(ContestDb db, ICurrentUser user) : IQueryHandler<IntegrityReportQuery, Result<IntegrityView>>
{
    public const double DefaultThreshold = 0.3;
    /// <summary>Below this share of shared 4-character sequences, pairs are common phrasing, not copies.</summary>
    public const double MinThreshold = 0.2;

    public async ValueTask<Result<IntegrityView>> Handle(IntegrityReportQuery query, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.ContestId, ct);
        if (contest is null || !user.CanManage(contest)) return Result.NotFound;
        // Checked here, not only by the form's min attribute: a hand-made URL gets the floor too.
        var threshold = double.IsFinite(query.Threshold) ? Math.Min(query.Threshold, 1) : DefaultThreshold;
        var raised = threshold < MinThreshold;
        if (raised) threshold = MinThreshold;

        var editions = await EarlierEditionsAsync(contest, ct);
        var works = await db.Entries.AsNoTracking()
            .Where(e => (e.State == EntryState.Submitted || e.State == EntryState.Disqualified)
                && ((e.Category.Kind == CategoryKind.Story && e.Body != ""
                        && (e.ContestId == contest.Id || e.Contest.SubmissionClosesAt < contest.SubmissionOpensAt || editions.Contains(e.ContestId)))
                    || (e.Category.Kind == CategoryKind.Film && e.ContestId == contest.Id)))
            .Select(e => new
            {
                e.Id, e.ContestId, ContestTitle = e.Contest.TitleZh, e.Contest.OwnerId, e.Number, e.Title, e.Category.Kind, e.Body, e.RedactedBody,
                e.Synopsis, e.Credits, e.Director,
                Name = e.EntrantName ?? e.Entrant.RealName,
                Organization = e.EntrantName != null ? e.EntrantOrganization : e.Entrant.Organization,
                Team = e.Authors.Select(a => new { a.Name, a.Organization }).ToList(),
            })
            .ToListAsync(ct);
        // The reader has passed CanManage for this contest; of the others they see only those they run themselves.
        var refs = works.ToDictionary(w => w.Id, w => user.IsAdmin() || w.OwnerId == user.Id
            ? new StoryRef(w.Id, w.ContestId, w.ContestTitle, w.Number, w.Title, w.Name, w.Kind == CategoryKind.Story ? w.Body : FilmText(w.Synopsis, w.Credits, w.Director),
                w.RedactedBody, w.Kind, EarlierEdition: editions.Contains(w.ContestId))
            : new StoryRef(w.Id, w.ContestId, w.ContestTitle, w.Number, "", "", "", null, w.Kind, Visible: false, EarlierEdition: editions.Contains(w.ContestId)));

        var stories = works.Where(w => w.Kind == CategoryKind.Story).ToList();
        var pairs = Similarity.FindPairs(stories.Select(s => (s.Id, s.Body)).ToList(), threshold)
            // Pairs of two earlier stories are not this contest's business.
            .Where(p => refs[p.A].ContestId == contest.Id || refs[p.B].ContestId == contest.Id)
            // This contest's story first, so the hidden side (if any) is always B.
            .Select(p => refs[p.A].ContestId == contest.Id ? p : new SimilarPair(p.B, p.A, p.Jaccard))
            .Select(p =>
            {
                var (a, b) = (stories.Single(s => s.Id == p.A), stories.Single(s => s.Id == p.B));
                var inA = Similarity.SharedPassages(a.Body, b.Body);
                return new SimilarStories(refs[p.A], refs[p.B], p.Jaccard, inA, refs[p.B].Visible ? Similarity.SharedPassages(b.Body, a.Body) : []);
            })
            .ToList();
        // Answers to identifying custom fields give away the entrant as surely as their name.
        var identifying = (await db.EntryFieldAnswers.AsNoTracking()
                .Where(a => a.Entry.ContestId == contest.Id && a.Field.Identifying && a.Field.Kind != FieldKind.File)
                .Select(a => new { a.EntryId, a.Value }).ToListAsync(ct))
            .ToLookup(a => a.EntryId, a => a.Value);
        var leaks = works.Where(w => w.ContestId == contest.Id)
            .Select(w => new LeakFlag(refs[w.Id], BlindLeaks.Find(refs[w.Id].Title + "\n" + refs[w.Id].Body,
                [w.Name, .. w.Team.Select(a => a.Name)], [w.Organization, .. w.Team.Select(a => a.Organization)], identifying[w.Id])))
            .Where(l => l.Passages.Count > 0).ToList();
        return new IntegrityView(contest, pairs, leaks, threshold, stories.Count(s => s.ContestId == contest.Id), raised);
    }

    /// <summary>
    /// The contests this one is the next edition of, back to the first (CopyContest records the link). Their stories
    /// are compared whatever their dates, since last year's winners are the likeliest to be sent in again.
    /// </summary>
    private async Task<List<int>> EarlierEditionsAsync(Contest contest, CancellationToken ct)
    {
        var chain = new List<int>();
        var previous = contest.PreviousEditionId;
        // Bounded, and a loop in the chain (which CopyContest cannot make) would end at a contest already seen.
        while (previous is { } id && chain.Count < 100 && !chain.Contains(id) && id != contest.Id)
        {
            chain.Add(id);
            previous = await db.Contests.Where(c => c.Id == id).Select(c => c.PreviousEditionId).SingleOrDefaultAsync(ct);
        }
        return chain;
    }

    /// <summary>What a film's judges read besides the film itself; the director and credits are where a name most often slips in.</summary>
    private static string FilmText(string? synopsis, string? credits, string? director) =>
        string.Join("\n", new[] { synopsis, credits, director }.Where(t => !string.IsNullOrWhiteSpace(t)));
}
