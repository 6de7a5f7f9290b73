using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Awards;
using BrandStoryContest.Web.Infrastructure.Mail;
using BrandStoryContest.Web.Infrastructure.Web;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Objections;

/// <summary>
/// 公示: shows the proposed winners publicly for <see cref="Contest.NoticeDays"/> days, during which anyone signed
/// in may object. Awards are frozen from now on except through decided objections; the entrants concerned are told.
/// </summary>
public sealed record OpenNoticePeriodCommand(int ContestId) : ICommand<Result<Result.Done>>;

/// <summary>To each proposed winner (Mails/ProposedAward.*).</summary>
public sealed record ProposedAwardMail(string Entry, Bilingual Award, DateTimeOffset NoticeEndsAt, string Link) : IMail;

public sealed class OpenNoticePeriodHandler(ContestDb db, ICurrentUser user, TimeProvider clock, AppLinks links, Outbox outbox)
    : ICommandHandler<OpenNoticePeriodCommand, Result<Result.Done>>
{
    public async ValueTask<Result<Result.Done>> Handle(OpenNoticePeriodCommand cmd, CancellationToken ct)
    {
        var contest = await db.ManagedContestAsync(user, cmd.ContestId, ct);
        if (contest is null) return Result.NotFound;
        if (contest.Stage != ResultsStage.Draft) return new RuleViolation("", "The notice period has already been opened.");
        if (contest.NoticeDays <= 0) return new RuleViolation("", "This contest has no notice period: set its length in days first.");
        if (await db.WhyRoundsBlockAnnouncingAsync(contest, ct) is { } running) return running;
        if (await db.WhyTiesBlockAnnouncingAsync(contest, ct) is { } tie) return tie;
        var proposed = await db.AwardeesAsync(contest, ct);
        if (proposed.Count == 0) return AwardsAccess.NoAwards;

        var now = clock.GetUtcNow();
        contest.NoticeStartedAt = now;
        contest.NoticeEndsAt = now.AddDays(contest.NoticeDays);
        var link = links.Absolute($"/contests/{contest.Id}/notice");
        outbox.Tell(proposed, contest, a => new ProposedAwardMail(a.Entry, a.Award, contest.NoticeEndsAt.Value, link));
        db.Record(clock, user.RequiredId(), "OpenNoticePeriod", "Contest", contest.Id, null,
            $"{proposed.Count} proposed awards, objections until {contest.NoticeEndsAt:O}");
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
