using System.Text.Json;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Reminders;
using BrandStoryContest.Web.Infrastructure.Media;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Media;

/// <summary>
/// Takes film jobs from the durable queue. A job is deleted only after it was handled, so a crash or a
/// restart mid-job lets it reappear after the visibility timeout; the handler makes the repeat harmless.
/// </summary>
public sealed class MediaJobWorker(IServiceScopeFactory scopes, MediaQueue queue, IConfiguration config, ILogger<MediaJobWorker> log)
    : BackgroundService
{
    public const int MaxAttempts = 5;
    private TimeSpan Visibility => TimeSpan.FromSeconds(config.GetValue("Media:VisibilityTimeoutSeconds", 600));
    private TimeSpan Idle => TimeSpan.FromMilliseconds(config.GetValue("Media:PollMilliseconds", 1000));
    private TimeSpan FirstRetry => TimeSpan.FromSeconds(config.GetValue("Media:RetrySeconds", 15));

    protected override async Task ExecuteAsync(CancellationToken stop)
    {
        await RequeueUnfinishedAsync(stop);
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var messages = (await queue.Client.ReceiveMessagesAsync(1, Visibility, stop)).Value;
                if (messages.Length == 0) { await Task.Delay(Idle, stop); continue; }
                foreach (var message in messages)
                {
                    var job = JsonSerializer.Deserialize<FilmJob>(message.MessageText);
                    try { if (job is not null) await HandleAsync(job, message.DequeueCount, stop); }
                    catch (Exception e) when (!stop.IsCancellationRequested)
                    {
                        // A job that threw (storage or the database away for a moment) comes back soon, not after the whole
                        // lease, which must outlast a 4 GiB film: 15 s, 1 min, 4 min, then the lease. If storage cannot take
                        // even this, the lease still brings it back.
                        var delay = TimeSpan.FromTicks(Math.Min(Visibility.Ticks, FirstRetry.Ticks * (long)Math.Pow(4, Math.Min(message.DequeueCount - 1, 8))));
                        log.LogWarning(e, "Film job for entry {Entry}: failed (attempt {Attempt}); retried in {Delay} s.", job?.EntryId, message.DequeueCount, delay.TotalSeconds);
                        await queue.Client.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: delay, cancellationToken: stop);
                        continue;
                    }
                    await queue.Client.DeleteMessageAsync(message.MessageId, message.PopReceipt, stop);
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested) { break; }
            catch (Azure.RequestFailedException e) when (e.ErrorCode == "QueueNotFound")
            {
                await queue.Client.CreateIfNotExistsAsync(cancellationToken: stop);
            }
            catch (Exception e)
            {
                // Storage down or a job that threw: the message stays and comes back; wait a little.
                log.LogWarning(e, "Media job failed; it will be retried.");
                await Task.Delay(TimeSpan.FromSeconds(2), stop).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }

    private async Task HandleAsync(FilmJob job, long attempt, CancellationToken stop)
    {
        // With its outcome below, says which instance held a job when (the surge bench kills one while it holds one).
        log.LogInformation("Film job for entry {Entry}: taken (attempt {Attempt})", job.EntryId, attempt);
        using var scope = scopes.CreateScope();
        var mediator = scope.ServiceProvider.GetRequiredService<IMediator>();
        if (attempt >= MaxAttempts)
        {
            var db = scope.ServiceProvider.GetRequiredService<ContestDb>();
            var entry = await db.Entries.Include(e => e.Category)
                .SingleOrDefaultAsync(e => e.Id == job.EntryId && e.FilmBlob == job.BlobName && e.FilmStatus == FilmStatus.Processing, stop);
            if (entry is not null)
            {
                entry.FilmStatus = FilmStatus.Rejected;
                entry.FilmRejectionReason = new RuleViolation("Film", "The film could not be processed. Please upload it again.").Encode();
                entry.Version++;
                await ProcessFilmHandler.TellOrganizerAsync(db, scope.ServiceProvider.GetRequiredService<ReminderOutbox>(),
                    scope.ServiceProvider.GetRequiredService<AppLinks>(), entry, stop);
                await db.SaveChangesAsync(stop);
            }
            return;
        }
        var outcome = (await mediator.Send(new ProcessFilmCommand(job.EntryId, job.BlobName), stop)).Value;
        log.LogInformation("Film job for entry {Entry}: {Outcome}", job.EntryId, outcome);
    }

    /// <summary>
    /// Entries saved as Processing whose job was never queued (a crash between the two) get one now, and so do
    /// films accepted before judging copies existed: until theirs is written, judges get "not available yet".
    /// </summary>
    private async Task RequeueUnfinishedAsync(CancellationToken stop)
    {
        try
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ContestDb>();
            var stuck = await db.Entries.Where(e => e.FilmBlob != null
                    && (e.FilmStatus == FilmStatus.Processing || (e.FilmStatus == FilmStatus.Ready && e.JudgingFilmBlob == null)))
                .Select(e => new FilmJob(e.Id, e.FilmBlob!)).ToListAsync(stop);
            foreach (var job in stuck) await queue.EnqueueAsync(job, stop);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            log.LogWarning(e, "Could not re-queue unfinished film jobs.");
        }
    }
}
