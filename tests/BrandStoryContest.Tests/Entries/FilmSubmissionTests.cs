using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BrandStoryContest.Tests.Entries;

public sealed class FilmSubmissionTests(AppFactory app) : IClassFixture<AppFactory>
{
    // The test contest's film category: 1–10 s, at least 320×240, at most 20 MB, mp4 or mov.
    private Task<(Contest Contest, int EntryId, Browserless Web, Films Films)> FilmmakerAsync(Action<Contest>? change = null) =>
        Films.NewFilmEntryAsync(app, change);

    [Fact]
    public async Task A_valid_clip_is_processed_to_ready_with_a_decodable_poster_and_can_be_submitted()
    {
        var (contest, id, web, films) = await FilmmakerAsync();
        Assert.Null(await films.UploadAsync("品牌 微电影.mp4", await Clips.Mp4(640, 360, 3)));
        var entry = await films.WaitForDecisionAsync();
        Assert.Equal(FilmStatus.Ready, entry.FilmStatus);
        Assert.Equal((640, 360, "h264", "mp4"), (entry.Width, entry.Height, entry.VideoCodec, entry.Container));
        Assert.InRange(entry.DurationSeconds!.Value, 2.9, 3.2);

        var poster = await web.Client.GetAsync($"/media/entries/{id}/Poster");
        Assert.Equal(HttpStatusCode.OK, poster.StatusCode);
        var (width, codec) = await ProbeImageAsync(await poster.Content.ReadAsByteArrayAsync());
        Assert.Equal("mjpeg", codec);
        Assert.True(width > 0);
        Assert.Equal(HttpStatusCode.OK, (await web.Client.GetAsync($"/media/entries/{id}/Strip")).StatusCode);

        // The player can seek: the film answers range requests.
        var range = new HttpRequestMessage(HttpMethod.Get, $"/media/entries/{id}/Film");
        range.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(100, 199);
        var partial = await web.Client.SendAsync(range);
        Assert.Equal(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.Equal(100, (await partial.Content.ReadAsByteArrayAsync()).Length);

        var html = await web.GetHtmlAsync($"/entries/{id}/edit");
        var submit = await web.Client.PostAsync($"/entries/{id}/edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Browserless.AntiforgeryToken(html), ["Version"] = entry.Version.ToString(), ["Title"] = "匠心",
            ["Synopsis"] = "一家老字号的质量坚守。", ["Director"] = "刘一鸣", ["PledgedOriginality"] = "true", ["DeclaredRights"] = "true", ["Submit"] = "true",
        }));
        Assert.Equal(HttpStatusCode.Redirect, submit.StatusCode);
        Assert.Equal($"{contest.Code}-F-0001", await app.DbAsync(db => db.Entries.Where(e => e.Id == id).Select(e => e.Number).SingleAsync()));
    }

    [Fact]
    public async Task A_text_file_named_mp4_is_refused_at_its_first_chunk()
    {
        var (_, id, _, films) = await FilmmakerAsync();
        var error = await films.UploadAsync("假视频.mp4", "This is a story about our brand, not a film.\n"u8.ToArray());
        Assert.Equal("该文件不是视频（依据文件内容而非文件名判断）。", error);
        Assert.Equal(FilmStatus.None, await app.DbAsync(db => db.Entries.Where(e => e.Id == id).Select(e => e.FilmStatus).SingleAsync()));
    }

    [Fact]
    public async Task A_fake_video_with_a_real_header_is_rejected_by_ffprobe_with_the_reason()
    {
        var (_, id, web, films) = await FilmmakerAsync();
        Assert.Null(await films.UploadAsync("伪装.mp4", await Clips.FakeWithVideoHeader()));
        var entry = await films.WaitForDecisionAsync();
        Assert.Equal(FilmStatus.Rejected, entry.FilmStatus);
        var status = await web.Client.GetStringAsync($"/entries/{id}/film/status");
        Assert.Contains("无法作为视频读取", System.Text.RegularExpressions.Regex.Unescape(status));
    }

    [Theory]
    [InlineData("audio", "clip.mp4", "该文件没有视频流，只有声音")]
    [InlineData("still", "clip.mov", "该文件只是一张静止图片，不是影片")]
    public async Task A_real_file_that_is_not_a_film_is_rejected_with_its_own_precise_reason(string kind, string fileName, string expected)
    {
        var (_, id, web, films) = await FilmmakerAsync();
        Assert.Null(await films.UploadAsync(fileName, kind == "audio" ? await Clips.AudioOnlyMp4(2) : await Clips.StillMov()));
        Assert.Equal(FilmStatus.Rejected, (await films.WaitForDecisionAsync()).FilmStatus);
        var status = System.Text.RegularExpressions.Regex.Unescape(await web.Client.GetStringAsync($"/entries/{id}/film/status"));
        Assert.Contains(expected, status);
        Assert.DoesNotContain("不是视频", status);
        Assert.DoesNotContain("无法作为视频读取", status);
    }

    [Theory]
    [InlineData(640, 360, 12, "时长为12 秒，最多允许10 秒")]
    [InlineData(160, 120, 2, "分辨率为160×120，至少需要320×240")]
    public async Task A_clip_outside_the_rules_is_rejected_with_what_is_wrong(int width, int height, double seconds, string expected)
    {
        var (_, id, web, films) = await FilmmakerAsync();
        Assert.Null(await films.UploadAsync("clip.mp4", await Clips.Mp4(width, height, seconds)));
        Assert.Equal(FilmStatus.Rejected, (await films.WaitForDecisionAsync()).FilmStatus);
        var html = WebUtility.HtmlDecode(await web.GetHtmlAsync($"/entries/{id}/edit"));
        Assert.Contains(expected, html);
    }

    [Fact]
    public async Task An_unreadable_upload_start_gets_a_400_with_a_message_and_a_huge_size_is_too_large_not_empty()
    {
        var (_, entryId, _, films) = await FilmmakerAsync();
        foreach (var body in new[] { "null", "[1,2", "\"film\"", "{}" })
        {
            var (status, error) = await films.StartRawAsync(body);
            Assert.True(status == HttpStatusCode.BadRequest, $"{body} → {(int)status} {error}");
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", error);
        }
        var (missing, why) = await films.StartRawAsync("""{"fileName":"film.mp4","size":99999999999999}""");
        Assert.Equal(HttpStatusCode.BadRequest, missing);
        Assert.Contains("上传须给出文件大小", why);
        var (huge, _, tooLarge) = await films.StartAsync("film.mp4", 99999999999999);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, huge);
        Assert.Contains("最多允许20 MB", tooLarge);
        Assert.Equal(0, await app.DbAsync(db => db.FilmUploads.CountAsync(u => u.EntryId == entryId)));
    }

    [Fact]
    public async Task An_oversized_or_wrongly_typed_film_is_refused_before_any_byte_is_sent()
    {
        var (_, _, _, films) = await FilmmakerAsync();
        var (status, plan, error) = await films.StartAsync("big.mp4", 21L * 1024 * 1024);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Null(plan);
        Assert.Contains("最多允许20 MB", error);
        (status, _, error) = await films.StartAsync("film.avi", 1000);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, status);
        Assert.Contains("AVI", error);
    }

    [Fact]
    public async Task An_interrupted_upload_resumes_from_the_chunks_already_stored_and_the_blob_is_byte_identical()
    {
        var (_, id, _, films) = await FilmmakerAsync();
        var clip = await Clips.Mp4(640, 360, 2);
        var file = new byte[9 * 1024 * 1024 + 12345];
        Random.Shared.NextBytes(file);
        clip.CopyTo(file, 0); // a real video header, then bytes that make three chunks

        var (_, plan, _) = await films.StartAsync("长片.mp4", file.Length, lastModified: 42);
        Assert.Equal(3, plan!.ChunkCount);
        Assert.Equal(FilmStatus.Uploading, await app.DbAsync(db => db.Entries.Where(e => e.Id == id).Select(e => e.FilmStatus).SingleAsync()));
        Assert.Empty(plan.Received);
        await films.PutChunkAsync(plan, file, 0);
        await films.PutChunkAsync(plan, file, 2);
        // A cut-off chunk is refused and not stored.
        var cut = await films.PutChunkAsync(plan with { ChunkBytes = plan.ChunkBytes }, file[..(plan.ChunkBytes + 10)], 1);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, cut.Status);

        // "Reload the page": the same file starts the same upload and learns what already arrived.
        var (_, resumed, _) = await films.StartAsync("长片.mp4", file.Length, lastModified: 42);
        Assert.Equal(plan.UploadId, resumed!.UploadId);
        Assert.Equal([0, 2], resumed.Received);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await films.CompleteAsync(resumed)).Status); // chunk 1 is missing

        await films.PutChunkAsync(resumed, file, 1);
        Assert.Null((await films.CompleteAsync(resumed)).Error);

        var blobName = await app.DbAsync(db => db.Entries.Where(e => e.Id == id).Select(e => e.FilmBlob).SingleAsync());
        await using var stored = await app.Services.GetRequiredService<IBlobStore>().OpenReadAsync(blobName!, default);
        Assert.Equal(SHA256.HashData(file), await SHA256.HashDataAsync(stored!));
    }

    [Fact]
    public async Task Uploads_to_someone_elses_entry_are_refused()
    {
        var (_, _, _, films) = await FilmmakerAsync();
        var (_, plan, _) = await films.StartAsync("mine.mp4", 5000);
        var (_, otherId, otherWeb, _) = await FilmmakerAsync();
        var intruder = new Films(app, otherWeb, otherId);
        var clip = await Clips.Mp4(320, 240, 1);
        var put = await intruder.PutChunkAsync(plan!, clip[..5000], 0);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, put.Status);
        Assert.Equal("该上传不存在。", put.Error);
    }

    private static async Task<(int Width, string Codec)> ProbeImageAsync(byte[] image)
    {
        var path = Path.GetTempFileName();
        await File.WriteAllBytesAsync(path, image);
        var psi = new ProcessStartInfo("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "stream=width,codec_name", "-of", "csv=p=0", path])
        { RedirectStandardOutput = true };
        using var p = Process.Start(psi)!;
        var output = (await p.StandardOutput.ReadToEndAsync()).Trim().Split(',');
        await p.WaitForExitAsync();
        File.Delete(path);
        return (int.Parse(output[1]), output[0]);
    }
}

/// <summary>A job queued while no worker runs is processed by the next instance of the app.</summary>
public sealed class FilmJobRestartTests
{
    [Fact]
    public async Task A_job_enqueued_before_an_app_restart_is_processed_after_it()
    {
        var first = new AppFactory { Overrides = { ["Media:WorkerEnabled"] = "false" }, DeleteDataOnDispose = false };
        int id;
        await using (first)
        {
            var (_, entryId, _, films) = await Films.NewFilmEntryAsync(first);
            id = entryId;
            Assert.Null(await films.UploadAsync("restart.mp4", await Clips.Mp4(640, 360, 2)));
            // No worker runs in this instance: the job waits in the queue and the film stays Processing.
            Assert.DoesNotContain(first.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>(),
                s => s is BrandStoryContest.Web.Features.Media.MediaJobWorker);
            var waiting = (await first.Services.GetRequiredService<BrandStoryContest.Web.Infrastructure.Media.MediaQueue>().Client.PeekMessagesAsync(32)).Value;
            Assert.Equal(id, Assert.Single(waiting).Body.ToObjectFromJson<BrandStoryContest.Web.Infrastructure.Media.FilmJob>()!.EntryId);
            Assert.Equal(FilmStatus.Processing, await first.DbAsync(db => db.Entries.Where(e => e.Id == id).Select(e => e.FilmStatus).SingleAsync()));
        }

        await using var second = new AppFactory { DataFolder = first.DataFolder, ContainerName = first.ContainerName, QueueName = first.QueueName };
        _ = second.Services; // starting the host starts the worker
        var entry = await new Films(second, Browserless.For(second), id).WaitForDecisionAsync();
        Assert.Equal(FilmStatus.Ready, entry.FilmStatus);
        Assert.NotNull(entry.PosterBlob);
    }

    [Fact]
    public async Task A_job_that_failed_for_a_moment_comes_back_after_its_retry_delay_not_after_its_lease()
    {
        // A database busy for a moment (a write lock held past a 1 s busy timeout) makes the job throw, as a storage blip
        // does. Before, its message then stayed invisible for the whole 600 s lease (the demo seed gave up after 180 s).
        var first = new AppFactory { Overrides = { ["Media:WorkerEnabled"] = "false" }, DeleteDataOnDispose = false };
        int id;
        string blob;
        await using (first)
        {
            var (_, entryId, _, films) = await Films.NewFilmEntryAsync(first);
            id = entryId;
            Assert.Null(await films.UploadAsync("blip.mp4", await Clips.Mp4(640, 360, 2)));
            await first.Services.GetRequiredService<BrandStoryContest.Web.Infrastructure.Media.MediaQueue>().Client.ClearMessagesAsync();
            // Not Processing while the next instance starts, so that its start-up does not queue the job before the lock is held.
            blob = await first.DbAsync(async db =>
            {
                var entry = await db.Entries.SingleAsync(e => e.Id == id);
                entry.FilmStatus = FilmStatus.Uploading;
                await db.SaveChangesAsync();
                return entry.FilmBlob!;
            });
        }

        await using var second = new AppFactory
        {
            DataFolder = first.DataFolder, ContainerName = first.ContainerName, QueueName = first.QueueName,
            SqliteKeywords = "Default Timeout=1;Pooling=false",
            Overrides = { ["Media:RetrySeconds"] = "1", ["Media:PollMilliseconds"] = "3000" },
        };
        var queue = second.Services.GetRequiredService<BrandStoryContest.Web.Infrastructure.Media.MediaQueue>();
        await using var holder = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={second.DatabasePath};Pooling=false");
        await holder.OpenAsync();
        await using (var hold = holder.CreateCommand())
        {
            hold.CommandText = "UPDATE Entries SET FilmStatus = 'Processing' WHERE Id = $id; BEGIN IMMEDIATE;";
            hold.Parameters.AddWithValue("$id", id);
            await hold.ExecuteNonQueryAsync();
        }
        await queue.EnqueueAsync(new BrandStoryContest.Web.Infrastructure.Media.FilmJob(id, blob), default);

        // The worker took it, could not save, and put it back for 1 s: it is visible again, well inside its 600 s lease.
        var back = await Eventually.Async(async () => (await queue.Client.PeekMessagesAsync(32)).Value,
            m => m.Any(x => x.DequeueCount >= 1), TimeSpan.FromSeconds(30), "the failed job to be visible again after its retry delay");
        Assert.Equal(id, back.First(x => x.DequeueCount >= 1).Body.ToObjectFromJson<BrandStoryContest.Web.Infrastructure.Media.FilmJob>()!.EntryId);
        Assert.Equal(FilmStatus.Processing, await second.DbAsync(db => db.Entries.Where(e => e.Id == id).Select(e => e.FilmStatus).SingleAsync()));

        await using (var release = holder.CreateCommand()) { release.CommandText = "ROLLBACK;"; await release.ExecuteNonQueryAsync(); }
        var entry = await new Films(second, Browserless.For(second), id).WaitForDecisionAsync();
        Assert.Equal(FilmStatus.Ready, entry.FilmStatus);
        Assert.NotNull(entry.PosterBlob);
    }

    [Fact]
    public async Task A_film_processed_before_judging_copies_existed_gets_its_copy_from_the_next_worker_start()
    {
        var first = new AppFactory { Overrides = { ["Media:WorkerEnabled"] = "false" }, DeleteDataOnDispose = false };
        int id;
        await using (first)
        {
            var (_, entryId, _, films) = await Films.NewFilmEntryAsync(first);
            id = entryId;
            Assert.Null(await films.UploadAsync("legacy.mp4", await Clips.Mp4(640, 360, 2)));
            var blob = await first.DbAsync(db => db.Entries.Where(e => e.Id == id).Select(e => e.FilmBlob!).SingleAsync());
            Assert.Equal(BrandStoryContest.Web.Features.Media.ProcessFilmOutcome.Ready,
                (await first.SendAsync(null, new BrandStoryContest.Web.Features.Media.ProcessFilmCommand(id, blob))).Value);
            // As an earlier version left it: Ready, no judging copy, and no job in the queue.
            await first.DbAsync(async db =>
            {
                var entry = await db.Entries.SingleAsync(e => e.Id == id);
                entry.JudgingFilmBlob = null;
                return await db.SaveChangesAsync();
            });
            await first.Services.GetRequiredService<BrandStoryContest.Web.Infrastructure.Media.MediaQueue>().Client.ClearMessagesAsync();
        }

        await using var second = new AppFactory { DataFolder = first.DataFolder, ContainerName = first.ContainerName, QueueName = first.QueueName };
        _ = second.Services; // starting the host starts the worker, which looks for such films
        var copy = await Eventually.Async(() => second.DbAsync(db => db.Entries.Where(e => e.Id == id).Select(e => e.JudgingFilmBlob).SingleAsync()),
            blob => blob is not null, TimeSpan.FromSeconds(60), "the next worker start to write the film's judging copy");
        Assert.Equal($"entries/{id}/judging.mp4", copy);
        Assert.NotNull(await second.Services.GetRequiredService<IBlobStore>().GetDetailsAsync(copy!, default));
    }

    [Fact]
    public async Task A_job_whose_worker_died_mid_run_is_finished_by_the_next_instance_and_its_late_copy_changes_nothing()
    {
        var first = new AppFactory { Overrides = { ["Media:WorkerEnabled"] = "false" }, DeleteDataOnDispose = false };
        int id;
        await using (first)
        {
            var (_, entryId, _, films) = await Films.NewFilmEntryAsync(first);
            id = entryId;
            Assert.Null(await films.UploadAsync("crash.mp4", await Clips.Mp4(640, 360, 2)));
            // What a worker killed while processing leaves behind: the message taken (invisible until its
            // timeout, never deleted) and the entry still Processing.
            var queue = first.Services.GetRequiredService<BrandStoryContest.Web.Infrastructure.Media.MediaQueue>().Client;
            var taken = await Eventually.Async(async () => (await queue.ReceiveMessagesAsync(1, TimeSpan.FromSeconds(4))).Value,
                m => m.Length > 0, TimeSpan.FromSeconds(5), "the film job is in the queue");
            Assert.Single(taken);
            Assert.Equal(FilmStatus.Processing, await first.DbAsync(db => db.Entries.Where(e => e.Id == id).Select(e => e.FilmStatus).SingleAsync()));
        }

        await using var second = new AppFactory { DataFolder = first.DataFolder, ContainerName = first.ContainerName, QueueName = first.QueueName };
        _ = second.Services; // starting the host starts the worker, which re-queues what is still Processing
        var entry = await new Films(second, Browserless.For(second), id).WaitForDecisionAsync();
        Assert.Equal(FilmStatus.Ready, entry.FilmStatus);
        Assert.NotNull(entry.PosterBlob);

        // The dead worker's message comes back after its timeout; the worker takes it and deletes it as stale.
        var client = second.Services.GetRequiredService<BrandStoryContest.Web.Infrastructure.Media.MediaQueue>().Client;
        var left = await Eventually.Async(async () => (await client.GetPropertiesAsync()).Value.ApproximateMessagesCount,
            n => n == 0, TimeSpan.FromSeconds(30), "the stale copy of the job is taken and deleted");
        Assert.Equal(0, left);
        var after = await second.DbAsync(db => db.Entries.AsNoTracking().SingleAsync(e => e.Id == id));
        Assert.Equal((FilmStatus.Ready, entry.PosterBlob, entry.Version), (after.FilmStatus, after.PosterBlob, after.Version));
        Assert.NotNull(await second.Services.GetRequiredService<IBlobStore>().GetDetailsAsync(after.PosterBlob!, default));
    }
}
