using System.Net;
using System.Security.Cryptography;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Infrastructure.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace BrandStoryContest.Tests.Storage;

public sealed class BlobStoreTests(AppFactory app) : IClassFixture<AppFactory>
{
    private IBlobStore Store => app.Services.GetRequiredService<IBlobStore>();

    [Fact]
    public async Task A_blob_round_trips_byte_for_byte_through_real_azurite()
    {
        var bytes = RandomNumberGenerator.GetBytes(300_000);
        await Store.UploadAsync("tests/round-trip.bin", new MemoryStream(bytes), "application/octet-stream", default);
        await using var read = await Store.OpenReadAsync("tests/round-trip.bin", default);
        var copy = new MemoryStream();
        await read!.CopyToAsync(copy);
        Assert.Equal(SHA256.HashData(bytes), SHA256.HashData(copy.ToArray()));
        Assert.Equal(bytes.Length, (await Store.GetDetailsAsync("tests/round-trip.bin", default))!.Length);
        Assert.Null(await Store.OpenReadAsync("tests/missing.bin", default));
    }

    [Fact]
    public async Task The_container_is_private_and_a_sas_url_reads_only_until_it_expires()
    {
        await Store.UploadAsync("tests/sas.txt", new MemoryStream("证书"u8.ToArray()), "text/plain", default);
        using var http = new HttpClient();
        var live = Store.GetReadUri("tests/sas.txt", TimeSpan.FromMinutes(5));
        Assert.Equal("证书", await http.GetStringAsync(live));

        var plain = new UriBuilder(live) { Query = "" }.Uri;
        Assert.NotEqual(HttpStatusCode.OK, (await http.GetAsync(plain)).StatusCode);

        // Read-only: the same URL cannot overwrite the blob.
        var put = new HttpRequestMessage(HttpMethod.Put, live) { Content = new ByteArrayContent("forged"u8.ToArray()) };
        put.Headers.Add("x-ms-blob-type", "BlockBlob");
        Assert.Equal(HttpStatusCode.Forbidden, (await http.SendAsync(put)).StatusCode);

        // A URL whose expiry has passed (a lifetime that ended a minute ago) is refused, without waiting for one to lapse.
        var expired = Store.GetReadUri("tests/sas.txt", TimeSpan.FromMinutes(-1));
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(expired)).StatusCode);
    }

    [Fact]
    public async Task Staged_blocks_are_listed_until_committed_in_order()
    {
        var name = $"tests/blocks-{Guid.NewGuid():N}.bin";
        var parts = new[] { RandomNumberGenerator.GetBytes(1000), RandomNumberGenerator.GetBytes(2000), RandomNumberGenerator.GetBytes(500) };
        var ids = parts.Select((_, i) => BrandStoryContest.Web.Domain.FilmUpload.BlockId(i)).ToList();
        await Store.StageBlockAsync(name, ids[2], new MemoryStream(parts[2]), default);
        await Store.StageBlockAsync(name, ids[0], new MemoryStream(parts[0]), default);
        Assert.Equal(new[] { ids[0], ids[2] }.Order(), (await Store.GetStagedBlockIdsAsync(name, default)).Order());
        await Store.StageBlockAsync(name, ids[1], new MemoryStream(parts[1]), default);
        await Store.CommitBlocksAsync(name, ids, "application/octet-stream", default);
        await using var read = await Store.OpenReadAsync(name, default);
        var copy = new MemoryStream();
        await read!.CopyToAsync(copy);
        Assert.Equal(parts.SelectMany(p => p).ToArray(), copy.ToArray());
    }
}
