using System.Text.Json;
using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace BrandStoryContest.Web.Infrastructure.Media;

/// <summary>One film to check: which entry, and which upload of it (a replaced film leaves stale jobs behind).</summary>
public sealed record FilmJob(int EntryId, string BlobName);

/// <summary>The durable queue of film jobs (Azure Storage Queues): jobs survive app restarts.</summary>
public sealed class MediaQueue(QueueClient queue)
{
    public async Task EnqueueAsync(FilmJob job, CancellationToken ct)
    {
        var message = JsonSerializer.Serialize(job);
        try { await queue.SendMessageAsync(message, ct); }
        catch (RequestFailedException e) when (e.ErrorCode == QueueErrorCode.QueueNotFound)
        {
            // Storage lost the queue since start-up: make it again rather than lose the job.
            await queue.CreateIfNotExistsAsync(cancellationToken: ct);
            await queue.SendMessageAsync(message, ct);
        }
    }

    public QueueClient Client => queue;
}
