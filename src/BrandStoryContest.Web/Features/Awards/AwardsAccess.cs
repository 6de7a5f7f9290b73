using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Awards;

public static class AwardsAccess
{
    /// <summary>The contest with its categories if the caller runs it; otherwise null ("not found").</summary>
    public static async Task<Contest?> ManagedContestAsync(this ContestDb db, ICurrentUser user, int contestId, CancellationToken ct)
    {
        var contest = await db.Contests.Include(c => c.Categories).SingleOrDefaultAsync(c => c.Id == contestId, ct);
        return contest is not null && user.CanManage(contest) ? contest : null;
    }

    /// <summary>
    /// The only entries anyone may see without signing in: submitted, awarded, in a contest whose results are
    /// out, and whose entrant consented to publication. Public pages and public media all start here.
    /// </summary>
    public static IQueryable<Entry> PublicEntries(this ContestDb db, DateTimeOffset now) =>
        db.Entries.Where(e => e.State == EntryState.Submitted && e.ConsentsToPublication
            && e.Contest.ResultsPublishedAt != null && e.Contest.ResultsPublishAt != null && e.Contest.ResultsPublishAt <= now
            && db.Awards.Any(a => a.EntryId == e.Id));

    /// <summary>Default tiers for every category of the contest that has none yet.</summary>
    public static async Task EnsureTiersAsync(this ContestDb db, IEnumerable<int> categoryIds, CancellationToken ct)
    {
        var ids = categoryIds.ToList();
        var withTiers = await db.AwardTiers.Where(t => ids.Contains(t.CategoryId)).Select(t => t.CategoryId).Distinct().ToListAsync(ct);
        foreach (var id in ids.Except(withTiers)) db.AwardTiers.AddRange(AwardTier.Defaults(id));
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Awards cannot be announced (on notice or published) while a tie at a quota boundary is undecided.</summary>
    public static async Task<RuleViolation?> WhyTiesBlockAnnouncingAsync(this ContestDb db, Contest contest, CancellationToken ct)
    {
        var categoryIds = contest.Categories.Select(c => c.Id).ToList();
        return await db.AwardTies.AnyAsync(t => categoryIds.Contains(t.CategoryId) && t.ResolvedAt == null, ct)
            ? new("", "Resolve every tie at a quota boundary before publishing.") : null;
    }

    /// <summary>The first round of the contest that is still being judged (<see cref="Round.BlocksAnnouncing"/>), as the refusal.</summary>
    public static async Task<RuleViolation?> WhyRoundsBlockAnnouncingAsync(this ContestDb db, Contest contest, CancellationToken ct)
    {
        var categoryIds = contest.Categories.Select(c => c.Id).ToList();
        var rounds = await db.Rounds.AsNoTracking().Include(r => r.Category).Where(r => categoryIds.Contains(r.CategoryId))
            .OrderBy(r => r.CategoryId).ThenBy(r => r.Sequence).ToListAsync(ct);
        return rounds.FirstOrDefault(r => r.BlocksAnnouncing) is { } running
            ? new("", "The round {0} of {1} is still being judged: finalize it before anything is announced.",
                running.Name, running.Category.Name(Languages.Normalize(System.Globalization.CultureInfo.CurrentUICulture.Name)))
            : null;
    }

    public static readonly RuleViolation NoAwards = new("", "There are no awards to publish.");

    /// <summary>Awards may be edited by hand only before anything was announced.</summary>
    public static RuleViolation? WhyAwardsFrozen(this Contest contest) =>
        contest.AwardsLocked ? new("", "Results are published; awards can no longer change.")
        : contest.InNotice ? new("", "The notice period is running: awards change only by deciding objections.")
        : null;

    public static string Language(this ICurrentUser _) =>
        Languages.Normalize(System.Globalization.CultureInfo.CurrentUICulture.Name);
}
