using System.Net;
using System.Security.Cryptography;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BrandStoryContest.Tests.Reliability;

/// <summary>A real Azurite process of this test's own, killed in the middle of an upload and started again.</summary>
public sealed class StorageOutageTests
{
    [Fact]
    public async Task Killing_storage_mid_upload_gives_a_clear_error_and_the_upload_resumes_to_identical_bytes()
    {
        await using var azurite = new Azurite();
        var data = Directory.CreateTempSubdirectory("bsc-azurite-outage-").FullName;
        int blobPort = Azurite.FreePort(), queuePort = Azurite.FreePort();
        azurite.Start(blobPort, queuePort, data);
        await using var app = new AppFactory { OwnStorage = azurite.ConnectionString, Overrides = { ["Media:WorkerEnabled"] = "false" } };

        var (_, entryId, web, films) = await Films.NewFilmEntryAsync(app);

        var file = new byte[9 * 1024 * 1024 + 777];
        Random.Shared.NextBytes(file);
        (await Clips.Mp4(640, 360, 2)).CopyTo(file, 0);
        var (_, plan, _) = await films.StartAsync("断点续传.mp4", file.Length, lastModified: 7);
        Assert.Null((await films.PutChunkAsync(plan!, file, 0)).Error);

        azurite.Kill();
        var during = await films.PutChunkAsync(plan!, file, 1);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, during.Status);
        Assert.Contains("存储服务暂时不可用", during.Error);
        Assert.Equal(HttpStatusCode.OK, (await web.Client.GetAsync("/healthz")).StatusCode); // the app itself stays up

        azurite.Start(blobPort, queuePort, data);
        var (_, resumed, _) = await films.StartAsync("断点续传.mp4", file.Length, lastModified: 7);
        Assert.Equal(plan!.UploadId, resumed!.UploadId);
        Assert.True(resumed.Received.All(i => i == 0), "only chunk 0 can have been stored before the outage");
        for (var i = 0; i < resumed.ChunkCount; i++)
            if (!resumed.Received.Contains(i)) Assert.Null((await films.PutChunkAsync(resumed, file, i)).Error);
        Assert.Null((await films.CompleteAsync(resumed)).Error);

        var blob = await app.DbAsync(db => db.Entries.Where(e => e.Id == entryId).Select(e => e.FilmBlob).SingleAsync());
        await using var stored = await app.Services.GetRequiredService<IBlobStore>().OpenReadAsync(blob!, default);
        Assert.Equal(SHA256.HashData(file), await SHA256.HashDataAsync(stored!));
    }
}
