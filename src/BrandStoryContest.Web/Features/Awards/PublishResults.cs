using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Mail;
using BrandStoryContest.Web.Infrastructure.Web;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Awards;

/// <summary>
/// Makes the results final: locks the awards for good and tells every awarded entrant (outbox). The public sees
/// them from the announced time (Contest.ResultsPublishAt), or at once when none was set. A contest with a notice
/// period (公示, <see cref="Contest.NoticeDays"/> &gt; 0) gets here only after the period has ended and every
/// objection was decided.
/// </summary>
public sealed record PublishResultsCommand(int ContestId) : ICommand<Result<Result.Done>>;

/// <summary>To each winner when the results are final (Mails/Award.*).</summary>
public sealed record AwardMail(string Entry, Bilingual Award, DateTimeOffset PublicAt, string Link) : IMail;

public sealed class PublishResultsHandler(ContestDb db, ICurrentUser user, TimeProvider clock, AppLinks links, Outbox outbox)
    : ICommandHandler<PublishResultsCommand, Result<Result.Done>>
{
    public async ValueTask<Result<Result.Done>> Handle(PublishResultsCommand cmd, CancellationToken ct)
    {
        var contest = await db.ManagedContestAsync(user, cmd.ContestId, ct);
        if (contest is null) return Result.NotFound;
        if (contest.AwardsLocked) return new RuleViolation("", "Results are already published.");
        var now = clock.GetUtcNow();
        if (contest.NoticeDays > 0)
        {
            if (!contest.InNotice) return new RuleViolation("", "Open the notice period before publishing the final results.");
            if (now < contest.NoticeEndsAt) return new RuleViolation("", "The notice period runs until {0}.", ContestTime.Format(contest.NoticeEndsAt!.Value, contest.TimeZoneId));
            if (await db.Objections.AnyAsync(o => o.ContestId == contest.Id && o.State == ObjectionState.Pending, ct))
                return new RuleViolation("", "Decide every objection before publishing the final results.");
        }
        if (await db.WhyRoundsBlockAnnouncingAsync(contest, ct) is { } running) return running;
        if (await db.WhyTiesBlockAnnouncingAsync(contest, ct) is { } tie) return tie;
        var awards = await db.AwardeesAsync(contest, ct);
        if (awards.Count == 0) return AwardsAccess.NoAwards;

        contest.ResultsPublishedAt = now;
        contest.ResultsPublishAt ??= now;
        var link = links.Absolute("/entries");
        outbox.Tell(awards, contest, a => new AwardMail(a.Entry, a.Award, contest.ResultsPublishAt.Value, link));
        await Organizations.OrganizationAwardMails.QueueAsync(db, outbox, links, contest, contest.ResultsPublishAt.Value, ct);
        db.Record(clock, user.RequiredId(), "PublishResults", "Contest", contest.Id, null,
            $"{awards.Count} awards, public from {contest.ResultsPublishAt:O}");
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
