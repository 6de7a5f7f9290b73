using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Awards;

/// <summary>
/// Locks the awards for good and tells every awarded entrant (outbox). The public sees the results from the
/// announced time (Contest.ResultsPublishAt), or at once when none was set.
/// </summary>
public sealed record PublishResultsCommand(int ContestId) : ICommand<RuleViolation?>;

public sealed class PublishResultsHandler(ContestDb db, ICurrentUser user, TimeProvider clock, AppLinks links)
    : ICommandHandler<PublishResultsCommand, RuleViolation?>
{
    public async ValueTask<RuleViolation?> Handle(PublishResultsCommand cmd, CancellationToken ct)
    {
        var contest = await db.ManagedContestAsync(user, cmd.ContestId, ct);
        if (contest is null) return new("", "This contest does not exist.");
        if (contest.AwardsLocked) return new("", "Results are already published.");
        var categoryIds = contest.Categories.Select(c => c.Id).ToList();
        if (await db.AwardTies.AnyAsync(t => categoryIds.Contains(t.CategoryId) && t.ResolvedAt == null, ct))
            return new("", "Resolve every tie at a quota boundary before publishing.");
        var awards = await db.Awards.Where(a => categoryIds.Contains(a.CategoryId))
            .Select(a => new { a.EntryId, a.Entry.Title, a.Entry.Entrant.Email, a.Tier.NameZh, a.Tier.NameEn }).ToListAsync(ct);
        if (awards.Count == 0) return new("", "There are no awards to publish.");

        var now = clock.GetUtcNow();
        contest.ResultsPublishedAt = now;
        contest.ResultsPublishAt ??= now;
        var link = links.Absolute("/entries");
        foreach (var a in awards.Where(a => a.Email is not null))
            db.Send(clock, a.Email!, $"获奖通知 / Award: {contest.TitleZh}",
                $"恭喜！您的作品《{a.Title}》荣获「{a.NameZh}」。结果将于 {ContestTime.Format(contest.ResultsPublishAt.Value, contest.TimeZoneId)} 公布。\n"
                + $"Congratulations! Your entry \"{a.Title}\" has won {a.NameEn ?? a.NameZh}. Results are announced at {ContestTime.Format(contest.ResultsPublishAt.Value, contest.TimeZoneId)}.",
                link);
        db.Record(clock, user.RequiredId(), "PublishResults", "Contest", contest.Id, null,
            $"{awards.Count} awards, public from {contest.ResultsPublishAt:O}");
        await db.SaveChangesAsync(ct);
        return null;
    }
}
