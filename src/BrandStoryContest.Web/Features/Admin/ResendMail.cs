using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Admin;

/// <summary>
/// "Send again" for a failed message: back to pending with a fresh count of attempts and the same Message-Id (it
/// never reached the server, so it is the same message). Audited. Same scope as reading: an organizer only for
/// contests they run.
/// </summary>
public sealed record ResendMailCommand(int MessageId) : ICommand<Result<Result.Done>>;

public sealed class ResendMailHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<ResendMailCommand, Result<Result.Done>>
{
    public async ValueTask<Result<Result.Done>> Handle(ResendMailCommand cmd, CancellationToken ct)
    {
        var message = await db.Outbox.SingleOrDefaultAsync(m => m.Id == cmd.MessageId, ct);
        if (message is null || message.State != OutboxState.Failed) return Result.NotFound;
        if (!user.IsAdmin())
        {
            if (message.ContestId is not { } contestId) return Result.NotFound;
            var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == contestId, ct);
            if (contest is null || !user.CanManage(contest)) return Result.NotFound;
        }
        var now = clock.GetUtcNow();
        db.Record(clock, user.RequiredId(), "ResendMail", "OutboxMessage", message.Id, $"Failed after {message.Attempts}: {message.LastError}", "Pending");
        message.State = OutboxState.Pending;
        message.Attempts = 0;
        message.NextAttemptAt = now;
        message.LeaseOwner = null;
        message.LeaseExpiresAt = null;
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
