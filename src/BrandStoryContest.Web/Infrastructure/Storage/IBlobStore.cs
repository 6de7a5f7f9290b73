namespace BrandStoryContest.Web.Infrastructure.Storage;

public sealed record BlobDetails(long Length, string ContentType, DateTimeOffset LastModified);

/// <summary>The app's one private container. Browsers never get a public blob URL.</summary>
public interface IBlobStore
{
    Task UploadAsync(string name, Stream content, string contentType, CancellationToken ct);
    /// <summary>A seekable stream that fetches ranges on demand, or null when the blob is gone.</summary>
    Task<Stream?> OpenReadAsync(string name, CancellationToken ct);
    Task<BlobDetails?> GetDetailsAsync(string name, CancellationToken ct);
    Task<bool> DeleteAsync(string name, CancellationToken ct);
    /// <summary>Read-only, short-lived, for this one blob.</summary>
    Uri GetReadUri(string name, TimeSpan lifetime);
    Task StageBlockAsync(string name, string blockId, Stream content, CancellationToken ct);
    Task<IReadOnlyList<string>> GetStagedBlockIdsAsync(string name, CancellationToken ct);
    Task CommitBlocksAsync(string name, IReadOnlyList<string> blockIds, string contentType, CancellationToken ct);
    IAsyncEnumerable<(string Name, DateTimeOffset LastModified)> ListAsync(string prefix, CancellationToken ct);
}
