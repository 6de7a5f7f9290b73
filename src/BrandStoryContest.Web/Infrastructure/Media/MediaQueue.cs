using System.Text.Json;
using Azure.Storage.Queues;

namespace BrandStoryContest.Web.Infrastructure.Media;

/// <summary>One film to check: which entry, and which upload of it (a replaced film leaves stale jobs behind).</summary>
public sealed record FilmJob(int EntryId, string BlobName);

/// <summary>The durable queue of film jobs (Azure Storage Queues): jobs survive app restarts.</summary>
public sealed class MediaQueue(QueueClient queue)
{
    public async Task EnqueueAsync(FilmJob job, CancellationToken ct) =>
        await queue.SendMessageAsync(JsonSerializer.Serialize(job), ct);

    public QueueClient Client => queue;
}
