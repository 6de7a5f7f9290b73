using System.Runtime.CompilerServices;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;
using Azure.Storage.Sas;

namespace BrandStoryContest.Web.Infrastructure.Storage;

public sealed class AzureBlobStore(BlobContainerClient container) : IBlobStore
{
    public Task UploadAsync(string name, Stream content, string contentType, CancellationToken ct) =>
        WithContainerAsync(content, () => container.GetBlobClient(name).UploadAsync(content,
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, ct), ct);

    public async Task<Stream?> OpenReadAsync(string name, CancellationToken ct)
    {
        try { return await container.GetBlobClient(name).OpenReadAsync(new BlobOpenReadOptions(false), ct); }
        catch (RequestFailedException e) when (e.Status == 404) { return null; }
    }

    public async Task<BlobDetails?> GetDetailsAsync(string name, CancellationToken ct)
    {
        try
        {
            var p = (await container.GetBlobClient(name).GetPropertiesAsync(cancellationToken: ct)).Value;
            return new BlobDetails(p.ContentLength, p.ContentType ?? "application/octet-stream", p.LastModified);
        }
        catch (RequestFailedException e) when (e.Status == 404) { return null; }
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken ct) =>
        (await container.GetBlobClient(name).DeleteIfExistsAsync(cancellationToken: ct)).Value;

    public Uri GetReadUri(string name, TimeSpan lifetime)
    {
        var blob = container.GetBlobClient(name);
        // Start a little in the past so a clock a few seconds behind does not reject a fresh URL.
        var sas = new BlobSasBuilder(BlobSasPermissions.Read, DateTimeOffset.UtcNow.Add(lifetime))
        {
            BlobContainerName = container.Name,
            BlobName = name,
            Resource = "b",
            StartsOn = DateTimeOffset.UtcNow.AddMinutes(-2),
        };
        return blob.GenerateSasUri(sas);
    }

    public Task StageBlockAsync(string name, string blockId, Stream content, CancellationToken ct) =>
        WithContainerAsync(content, () => container.GetBlockBlobClient(name).StageBlockAsync(blockId, content, cancellationToken: ct), ct);

    /// <summary>
    /// The container is made at start-up; if storage lost it since (a wiped emulator, an operator's mistake),
    /// writes recreate it once instead of failing every upload until the app restarts.
    /// </summary>
    private async Task WithContainerAsync(Stream content, Func<Task> write, CancellationToken ct)
    {
        var start = content.CanSeek ? content.Position : -1;
        try { await write(); }
        catch (RequestFailedException e) when (e.ErrorCode == BlobErrorCode.ContainerNotFound && start >= 0)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: ct);
            content.Position = start;
            await write();
        }
    }

    public async Task<IReadOnlyList<string>> GetStagedBlockIdsAsync(string name, CancellationToken ct)
    {
        try
        {
            var list = await container.GetBlockBlobClient(name).GetBlockListAsync(BlockListTypes.Uncommitted, cancellationToken: ct);
            return list.Value.UncommittedBlocks.Select(b => b.Name).ToList();
        }
        catch (RequestFailedException e) when (e.Status == 404) { return []; }
    }

    public async Task CommitBlocksAsync(string name, IReadOnlyList<string> blockIds, string contentType, CancellationToken ct) =>
        await container.GetBlockBlobClient(name).CommitBlockListAsync(blockIds,
            new CommitBlockListOptions { HttpHeaders = new BlobHttpHeaders { ContentType = contentType } }, ct);

    public async IAsyncEnumerable<(string Name, DateTimeOffset LastModified)> ListAsync(string prefix,
        [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var item in container.GetBlobsAsync(new GetBlobsOptions { Prefix = prefix }, ct))
            yield return (item.Name, item.Properties.LastModified ?? DateTimeOffset.MinValue);
    }
}
