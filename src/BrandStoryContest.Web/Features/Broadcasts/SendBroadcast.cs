using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Reminders;
using BrandStoryContest.Web.Infrastructure.Mail;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Broadcasts;

public sealed record SendBroadcastCommand(int ContestId, BroadcastAudience Audience, string Subject, string Body, int ExpectedCount)
    : ICommand<Result<int>>, IBroadcastMessage;

public sealed class SendBroadcastValidator(IStringLocalizer<SharedResource> L) : BroadcastMessageValidator<SendBroadcastCommand>(L);

/// <summary>
/// Queues one outbox row per recipient, each in the recipient's language frame around the organizer's text as
/// written, and an audit entry, in one SaveChanges. Throttled: rows are spread over minutes, at most
/// Broadcasts:PerMinute becoming due in any minute, after any broadcast still waiting, so the dispatcher (which
/// sends rows when they are due) never sends more than that per minute for broadcasts.
/// </summary>
public sealed class SendBroadcastHandler(ContestDb db, ICurrentUser user, ReminderOutbox reminders, TimeProvider clock, IConfiguration config)
    : ICommandHandler<SendBroadcastCommand, Result<int>>
{
    public const string Kind = "Broadcast";

    public async ValueTask<Result<int>> Handle(SendBroadcastCommand cmd, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cmd.ContestId, ct);
        if (contest is null || !user.CanManage(contest)) return Result.NotFound;
        var audience = await BroadcastRecipients.ForAsync(db, contest, cmd.Audience, ct);
        if (PreviewBroadcastHandler.Refusal(contest, cmd.Audience, audience) is { } refusal) return refusal;
        if (audience.Recipients.Count != cmd.ExpectedCount)
            return new RuleViolation("Audience", "The audience changed since the preview (now {0} recipients). Check the preview again.", audience.Recipients.Count);

        var perMinute = Math.Max(1, config.GetValue("Broadcasts:PerMinute", 60));
        var now = clock.GetUtcNow();
        var waiting = await db.Outbox.Where(m => m.Kind == Kind && m.State == OutboxState.Pending && m.NextAttemptAt > now)
            .OrderByDescending(m => m.NextAttemptAt).Select(m => (DateTimeOffset?)m.NextAttemptAt).FirstOrDefaultAsync(ct);
        var start = waiting is { } last ? last.AddMinutes(1) : now;
        var queued = 0;
        foreach (var to in audience.Recipients)
        {
            var row = reminders.Queue(to, optOut => BroadcastMail.Of(cmd.Subject, cmd.Body, optOut), contest);
            if (row is null) continue;
            row.NextAttemptAt = start.AddMinutes(queued / perMinute);
            queued++;
        }
        db.Record(clock, user.RequiredId(), "Broadcast", "Contest", contest.Id, null, $"{cmd.Audience}: {queued}", cmd.Subject.Trim());
        await db.SaveChangesAsync(ct);
        return queued;
    }
}
