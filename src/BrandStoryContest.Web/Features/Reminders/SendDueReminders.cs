using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Mail;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Reminders;

/// <summary>One pass of the reminder scheduler: queues every reminder that is due now and not yet claimed; returns how many.</summary>
public sealed record SendDueRemindersCommand : ICommand<Result<int>>;

/// <summary>To an entrant whose drafts are not submitted, some hours before the submission deadline (Mails/DraftReminder.*).</summary>
public sealed record DraftReminderMail(string Name, int Drafts, DateTimeOffset Deadline, int HoursBefore, string Link, string OptOutLink) : IMail;

/// <summary>To a judge with unscored assignments in an open round, some hours before judging ends (Mails/JudgingReminder.*).</summary>
public sealed record JudgingReminderMail(string Name, int Unscored, DateTimeOffset Deadline, int HoursBefore, string Link, string OptOutLink) : IMail;

/// <summary>
/// Finds the contests with a deadline within the largest reminder offset and, for each offset that is due, the
/// people it is for. Each reminder is claimed by inserting its <see cref="ReminderSent"/> row in the same SaveChanges
/// as its mail: a second pass, or another instance running the same pass at the same moment, fails the unique index
/// and queues nothing. Rounds have no end of their own: the contest's judging end is the judges' deadline.
/// </summary>
public sealed class SendDueRemindersHandler(ContestDb db, ReminderOutbox mail, AppLinks links, TimeProvider clock,
    ILogger<SendDueRemindersHandler> log) : ICommandHandler<SendDueRemindersCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(SendDueRemindersCommand cmd, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var horizon = now.AddHours(ReminderHours.Max);
        var contests = await db.Contests.AsNoTracking()
            .Where(c => (c.SubmissionClosesAt > now && c.SubmissionClosesAt <= horizon)
                || (c.JudgingEndsAt != null && c.JudgingEndsAt > now && c.JudgingEndsAt <= horizon))
            .ToListAsync(ct);
        var queued = 0;
        foreach (var contest in contests)
        {
            var hours = ReminderHours.Parse(contest.ReminderHours) ?? [];
            if (ReminderHours.Due(contest.SubmissionClosesAt, hours, now) is { } draftOffset)
                queued += await DraftRemindersAsync(contest, draftOffset, ct);
            if (contest.JudgingEndsAt is { } judgingEnds && ReminderHours.Due(judgingEnds, hours, now) is { } judgingOffset)
                queued += await JudgingRemindersAsync(contest, judgingEnds, judgingOffset, ct);
        }
        queued += await RecommendationRemindersAsync(now, horizon, ct);
        return queued;
    }

    /// <summary>
    /// Before a final's recommendation deadline, to each division organizer whose quotas are not all filled; the claim's
    /// target is the division's contest, so each division gets one reminder per offset.
    /// </summary>
    private async Task<int> RecommendationRemindersAsync(DateTimeOffset now, DateTimeOffset horizon, CancellationToken ct)
    {
        var finals = await db.Contests.AsNoTracking()
            .Where(c => c.RecommendationClosesAt != null && c.RecommendationClosesAt > now && c.RecommendationClosesAt <= horizon).ToListAsync(ct);
        var queued = 0;
        foreach (var final in finals)
        {
            var deadline = final.RecommendationClosesAt!.Value;
            if (ReminderHours.Due(deadline, ReminderHours.Parse(final.ReminderHours) ?? [], now) is not { } offset) continue;
            var divisions = await db.Divisions.AsNoTracking().Include(d => d.Contest).Include(d => d.Quotas).Where(d => d.FinalId == final.Id).ToListAsync(ct);
            foreach (var division in divisions)
            {
                var made = await db.Recommendations.Where(r => r.DivisionId == division.Id && r.WithdrawnAt == null)
                    .GroupBy(r => r.FinalCategoryId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
                var missing = division.Quotas.Sum(q => Math.Max(0, q.Quota - made.GetValueOrDefault(q.FinalCategoryId)));
                if (missing == 0) continue;
                var finalTitle = new Bilingual(final.TitleZh, final.TitleEn);
                queued += await RemindAsync(ReminderKind.RecommendationDeadline, division.Contest, offset, new() { [division.Contest.OwnerId] = missing },
                    (to, count, optOut) => new Divisions.RecommendationReminderMail(to.RealName, count, finalTitle, deadline, offset,
                        links.Absolute($"/manage/divisions/{division.ContestId}"), optOut), ct);
            }
        }
        return queued;
    }

    private async Task<int> DraftRemindersAsync(Contest contest, int offset, CancellationToken ct)
    {
        var drafts = await db.Entries.Where(e => e.ContestId == contest.Id && e.State == EntryState.Draft)
            .GroupBy(e => e.EntrantId).Select(g => new { Id = g.Key, Count = g.Count() }).ToListAsync(ct);
        return await RemindAsync(ReminderKind.DraftDeadline, contest, offset, drafts.ToDictionary(d => d.Id, d => d.Count),
            (to, count, optOut) => new DraftReminderMail(to.RealName, count, contest.SubmissionClosesAt, offset, links.Absolute("/entries"), optOut), ct);
    }

    private async Task<int> JudgingRemindersAsync(Contest contest, DateTimeOffset ends, int offset, CancellationToken ct)
    {
        var unscored = await db.Assignments
            .Where(a => a.Round.Category.ContestId == contest.Id && a.Round.State == RoundState.Open && a.ScoredAt == null)
            .GroupBy(a => a.JudgeId).Select(g => new { Id = g.Key, Count = g.Count() }).ToListAsync(ct);
        // Only counts and a link to the judge's own list: nothing in the mail says whose entries they are.
        return await RemindAsync(ReminderKind.JudgingDeadline, contest, offset, unscored.ToDictionary(u => u.Id, u => u.Count),
            (to, count, optOut) => new JudgingReminderMail(to.RealName, count, ends, offset, links.Absolute("/judging"), optOut), ct);
    }

    private async Task<int> RemindAsync(ReminderKind kind, Contest contest, int offset, Dictionary<string, int> counts,
        Func<Account, int, string, IMail> make, CancellationToken ct)
    {
        if (counts.Count == 0) return 0;
        var ids = counts.Keys.ToList();
        var claimed = await db.RemindersSent
            .Where(r => r.Kind == kind && r.TargetId == contest.Id && r.OffsetHours == offset && ids.Contains(r.RecipientId))
            .Select(r => r.RecipientId).ToListAsync(ct);
        var pending = ids.Except(claimed).ToList();
        if (pending.Count == 0) return 0;
        var accounts = await db.Users.AsNoTracking().Where(u => pending.Contains(u.Id) && !u.RemindersOptedOut).ToListAsync(ct);
        var queued = 0;
        foreach (var account in accounts)
        {
            if (mail.Queue(account, optOut => make(account, counts[account.Id], optOut), contest) is null) continue;
            db.RemindersSent.Add(new ReminderSent
            {
                Kind = kind, RecipientId = account.Id, TargetId = contest.Id, OffsetHours = offset, SentAt = clock.GetUtcNow(),
            });
            try
            {
                await db.SaveChangesAsync(ct);
                queued++;
            }
            catch (DbUpdateException e) when (DatabaseSetup.IsUniqueViolation(e))
            {
                // Another instance claimed it between our check and our insert: its mail is the one that goes.
                log.LogDebug("Reminder {Kind} {Offset} h for {Account} in contest {Contest} was claimed elsewhere.", kind, offset, account.Id, contest.Id);
            }
            finally { db.ChangeTracker.Clear(); }
        }
        return queued;
    }
}

/// <summary>
/// Runs the scheduler on every instance, every Reminders:IntervalSeconds (60 by default). The wait is real time; what is
/// due is decided by the injected clock, so tests drive time and call the pass themselves.
/// </summary>
public sealed class ReminderWorker(IServiceScopeFactory scopes, IConfiguration config, ILogger<ReminderWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, config.GetValue("Reminders:IntervalSeconds", 60)));
        while (!stop.IsCancellationRequested)
        {
            try
            {
                using var scope = scopes.CreateScope();
                var queued = (await scope.ServiceProvider.GetRequiredService<IMediator>().Send(new SendDueRemindersCommand(), stop)).Value;
                if (queued > 0) log.LogInformation("Queued {Count} reminders.", queued);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { break; }
            catch (Exception e)
            {
                // The database was unreachable: nothing was claimed, so the next pass tries the same reminders.
                log.LogWarning(e, "Reminder pass failed; trying again.");
            }
            await Task.Delay(interval, stop).ContinueWith(_ => { }, CancellationToken.None);
        }
    }
}
