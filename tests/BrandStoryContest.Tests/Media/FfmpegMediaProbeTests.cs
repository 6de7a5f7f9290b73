using BrandStoryContest.Web.Infrastructure.Media;
using FFMpegCore;

namespace BrandStoryContest.Tests.Media;

[Collection(MediaCollection.Name)]
public sealed class FfmpegMediaProbeTests(MediaFiles media)
{
    private readonly FfmpegMediaProbe _probe = new();
    private static CancellationToken None => CancellationToken.None;

    [Fact]
    public async Task Probes_a_1080p_clip()
    {
        var film = (await _probe.ProbeAsync(media.PathOf(MediaFiles.Clip1080), None)).Film;

        Assert.NotNull(film);
        Assert.Contains("mp4", film.FormatName);
        Assert.InRange(film.Duration.TotalSeconds, 2.9, 3.15);
        Assert.Equal((1920, 1080), (film.Width, film.Height));
        Assert.Equal("h264", film.VideoCodec);
        Assert.Equal("aac", film.AudioCodec);
        Assert.Equal(25, film.FrameRate, precision: 1);
        Assert.True(film.BitRate > 0);
    }

    [Fact]
    public async Task Probes_a_small_silent_clip_and_a_rotated_one()
    {
        var small = (await _probe.ProbeAsync(media.PathOf(MediaFiles.Small), None)).Film;
        Assert.NotNull(small);
        Assert.Equal((320, 240), (small.Width, small.Height));
        Assert.Null(small.AudioCodec);

        var portrait = (await _probe.ProbeAsync(media.PathOf(MediaFiles.Portrait), None)).Film;
        Assert.NotNull(portrait);
        Assert.Equal((240, 320), (portrait.Width, portrait.Height));
    }

    [Theory]
    [InlineData(MediaFiles.Text, NotAFilm.Unreadable)]
    [InlineData(MediaFiles.Picture, NotAFilm.Unreadable)]
    [InlineData(MediaFiles.Cover, NotAFilm.Unreadable)]
    [InlineData(MediaFiles.StillInMkv, NotAFilm.StillImage)] // a video container holding one PNG frame
    [InlineData(MediaFiles.AudioOnly, NotAFilm.NoVideoStream)] // has cover art, i.e. an "attached picture" video stream
    [InlineData(MediaFiles.Playlist, NotAFilm.Unreadable)]  // an HLS playlist renamed .mp4 would otherwise probe as video
    [InlineData(MediaFiles.Garbage, NotAFilm.Unreadable)]
    [InlineData(MediaFiles.Seal, NotAFilm.Unreadable)]
    public async Task Says_why_anything_that_is_not_a_video_is_not_a_film(string file, NotAFilm why)
    {
        var result = await _probe.ProbeAsync(media.PathOf(file), None);
        Assert.Null(result.Film);
        Assert.Equal(why, result.Why);
    }

    [Fact]
    public async Task A_missing_file_is_an_error_not_a_non_video()
    {
        await Assert.ThrowsAsync<FileNotFoundException>(() => _probe.ProbeAsync(media.PathOf("does not exist.mp4"), None));
    }

    [Fact]
    public async Task Probes_over_http_using_range_requests()
    {
        // Plain ffmpeg output keeps the index (moov) at the end, so ffprobe has to jump there with a Range request.
        Assert.Equal(["ftyp", "free", "mdat", "moov"], FfmpegCli.TopLevelBoxes(media.PathOf(MediaFiles.Clip1080)));
        using var server = new RangeFileServer(media.PathOf(MediaFiles.Clip1080));

        var film = (await _probe.ProbeAsync(server.Url, None)).Film;

        Assert.NotNull(film);
        Assert.Equal((1920, 1080), (film.Width, film.Height));
        Assert.Equal("aac", film.AudioCodec);
        Assert.Contains(server.RangesRequested, r => r != "bytes=0-");
    }

    [Fact]
    public async Task Poster_skips_the_black_opening()
    {
        var clip = media.PathOf(MediaFiles.BlackStart);
        Assert.True(await FfmpegCli.MeanLumaAsync(clip) < 20, "the test clip should really open on black");
        var poster = media.NewOutput("海报 poster.jpg");

        await _probe.ExtractPosterAsync(clip, TimeSpan.FromSeconds(5), poster, None);

        await AssertSingleJpegAsync(poster, expectedWidth: 640);
        Assert.True(await FfmpegCli.MeanLumaAsync(poster) > 60);
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(poster)!, Path.GetFileName(poster) + "*")); // no candidates left behind
    }

    [Fact]
    public async Task Poster_is_scaled_down_to_640_wide_and_works_over_http()
    {
        using var server = new RangeFileServer(media.PathOf(MediaFiles.Clip1080));
        var poster = media.NewOutput("poster.jpg");

        await _probe.ExtractPosterAsync(server.Url, TimeSpan.FromSeconds(3), poster, None);

        var jpeg = await AssertSingleJpegAsync(poster, expectedWidth: 640);
        Assert.Equal(360, jpeg.Height);
    }

    [Theory]
    [InlineData(MediaFiles.Clip1080, 4, 3.0)]
    [InlineData(MediaFiles.BlackStart, 6, 5.0)]
    [InlineData(MediaFiles.Small, 1, 2.0)]
    public async Task Strip_puts_frames_side_by_side(string file, int frames, double seconds)
    {
        var source = (await FFProbe.AnalyseAsync(media.PathOf(file))).PrimaryVideoStream!;
        var frameWidth = 160.0 * source.Width!.Value / source.Height!.Value;
        var strip = media.NewOutput("strip.jpg");

        await _probe.ExtractStripAsync(media.PathOf(file), TimeSpan.FromSeconds(seconds), frames, strip, None);

        var jpeg = await AssertSingleJpegAsync(strip);
        Assert.Equal(160, jpeg.Height);
        Assert.InRange(jpeg.Width!.Value, frames * (frameWidth - 2), frames * (frameWidth + 2));
    }

    [Fact]
    public async Task Strip_skips_black_frames_at_the_start_and_in_the_middle()
    {
        foreach (var (file, blackAt) in new[] { (MediaFiles.BlackStart, 1), (MediaFiles.BlackMiddle, 3) })
        {
            var clip = media.PathOf(file);
            // The clips really are black there, where evenly spaced frames would land.
            Assert.True(await FfmpegCli.MeanLumaAsync(clip, $"select=gte(t\\,{blackAt})") < 20);
            var strip = media.NewOutput("黑场 strip.jpg");

            await _probe.ExtractStripAsync(clip, TimeSpan.FromSeconds(file == MediaFiles.BlackStart ? 5 : 6), 6, strip, None);

            var jpeg = await AssertSingleJpegAsync(strip);
            Assert.Equal(160, jpeg.Height);
            for (var i = 0; i < 6; i++)
            {
                var luma = await FfmpegCli.MeanLumaAsync(strip, $"crop=iw/6:ih:{i}*iw/6:0");
                Assert.True(luma > 40, $"frame {i} of the strip of '{file}' is near black (mean luma {luma:0})");
            }

            Assert.Single(Directory.GetFiles(Path.GetDirectoryName(strip)!, Path.GetFileName(strip) + "*")); // no candidates left behind
        }
    }

    [Fact]
    public async Task Strip_fills_points_past_the_pictures_end_when_the_sound_runs_longer()
    {
        var clip = media.NewOutput("声音更长 longer sound.mp4");
        await FfmpegCli.RunAsync("-f", "lavfi", "-i", "testsrc2=s=320x240:r=25:d=1", "-f", "lavfi", "-i", "sine=d=3",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", clip);
        var strip = media.NewOutput("strip.jpg");

        await _probe.ExtractStripAsync(clip, TimeSpan.FromSeconds(3), 6, strip, None);

        var jpeg = await AssertSingleJpegAsync(strip);
        Assert.Equal((6 * 214, 160), (jpeg.Width!.Value, jpeg.Height!.Value));
    }

    [Fact]
    public async Task A_portrait_film_gets_a_portrait_poster_and_uncropped_portrait_strip_frames()
    {
        var clip = media.PathOf(MediaFiles.Portrait1080);
        var poster = media.NewOutput("竖屏 poster.jpg");
        var strip = media.NewOutput("竖屏 strip.jpg");

        await _probe.ExtractPosterAsync(clip, TimeSpan.FromSeconds(2), poster, None);
        await _probe.ExtractStripAsync(clip, TimeSpan.FromSeconds(2), 4, strip, None);

        var image = await AssertSingleJpegAsync(poster);
        Assert.True(image.Height > image.Width, $"poster is {image.Width}x{image.Height}");
        Assert.Equal(640 * 1920 / 1080, image.Height!.Value, tolerance: 2);
        var frames = await AssertSingleJpegAsync(strip);
        // Four whole 9:16 frames, 160 px high: 90 px wide each, nothing cut off.
        Assert.Equal((4 * 90, 160), (frames.Width!.Value, frames.Height!.Value));
    }

    [Fact]
    public async Task Judging_copy_transcodes_what_browsers_cannot_play_faststart_h264_aac_at_most_1280_wide()
    {
        var preview = media.NewOutput("预览 preview.mp4");

        await _probe.WriteJudgingCopyAsync(media.PathOf(MediaFiles.Clip1080), copyVideo: false, preview, None);

        var film = (await _probe.ProbeAsync(preview, None)).Film;
        Assert.NotNull(film);
        Assert.Equal(("h264", "aac"), (film.VideoCodec, film.AudioCodec));
        Assert.Equal((1280, 720), (film.Width, film.Height));
        Assert.InRange(film.Duration.TotalSeconds, 2.9, 3.15);
        var boxes = FfmpegCli.TopLevelBoxes(preview);
        Assert.True(boxes.IndexOf("moov") < boxes.IndexOf("mdat"), $"moov must precede mdat: {string.Join(' ', boxes)}");
        // Decodes end to end without errors.
        await FfmpegCli.RunAsync("-xerror", "-i", preview, "-f", "null", "-");
    }

    [Fact]
    public async Task Judging_copy_keeps_small_sizes_and_copes_without_audio()
    {
        var preview = media.NewOutput("preview.mp4");

        await _probe.WriteJudgingCopyAsync(media.PathOf(MediaFiles.TinyAvi), copyVideo: false, preview, None);

        var film = (await _probe.ProbeAsync(preview, None)).Film;
        Assert.NotNull(film);
        Assert.Equal(("h264", (string?)null), (film.VideoCodec, film.AudioCodec));
        Assert.Equal((64, 64), (film.Width, film.Height));
    }

    [Fact]
    public async Task Resizes_an_image_to_jpeg_and_flattens_transparency_onto_white()
    {
        var output = media.NewOutput("印章 seal.jpg");

        Assert.True(await _probe.ResizeImageAsync(media.PathOf(MediaFiles.Seal), 300, output, None));

        var jpeg = await AssertSingleJpegAsync(output, expectedWidth: 300);
        Assert.Equal(225, jpeg.Height);
        // The seal's left half is fully transparent.
        Assert.True(await FfmpegCli.MeanLumaAsync(output, "crop=iw/4:ih:0:0") > 240);
    }

    [Fact]
    public async Task Does_not_upscale_small_images()
    {
        var output = media.NewOutput("cover.jpg");

        Assert.True(await _probe.ResizeImageAsync(media.PathOf(MediaFiles.Picture), 1000, output, None));

        await AssertSingleJpegAsync(output, expectedWidth: 320);
    }

    [Theory]
    [InlineData(MediaFiles.Text)]
    [InlineData(MediaFiles.Garbage)]
    [InlineData(MediaFiles.Small)]
    public async Task Resize_returns_false_for_non_images(string file)
    {
        var output = media.NewOutput("nope.jpg");

        Assert.False(await _probe.ResizeImageAsync(media.PathOf(file), 300, output, None));
        Assert.False(File.Exists(output));
    }

    [Fact]
    public async Task Cancelling_a_probe_of_a_stalled_url_kills_ffprobe()
    {
        using var server = new SilentServer();
        var url = $"http://127.0.0.1:{server.Port}/stalled.mp4";
        using var cts = new CancellationTokenSource();

        var probing = _probe.ProbeAsync(url, cts.Token);
        await WaitForProcessAsync(url, running: true);
        await cts.CancelAsync();

        // The server never answers, so only the cancellation can end the probe before ffprobe's own network
        // timeout (30 s): waiting at most half of that tells the two apart without timing anything.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => probing.WaitAsync(TimeSpan.FromSeconds(15)));
        await WaitForProcessAsync(url, running: false);
    }

    [Fact]
    public async Task Cancelling_a_transcode_kills_ffmpeg_and_removes_the_partial_file()
    {
        var preview = media.NewOutput("cancelled.mp4");
        using var cts = new CancellationTokenSource();

        var transcoding = _probe.WriteJudgingCopyAsync(media.PathOf(MediaFiles.Clip1080), copyVideo: false, preview, cts.Token);
        await WaitForProcessAsync(Path.GetFileName(preview), running: true);
        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => transcoding);
        await WaitForProcessAsync(Path.GetFileName(preview), running: false);
        Assert.False(File.Exists(preview));
    }

    private static async Task WaitForProcessAsync(string commandLineMarker, bool running)
    {
        for (var i = 0; i < 50 && FfmpegCli.ProcessesMentioning(commandLineMarker).Count > 0 != running; i++)
        {
            await Task.Delay(20);
        }

        Assert.Equal(running, FfmpegCli.ProcessesMentioning(commandLineMarker).Count > 0);
    }

    private static async Task<VideoStream> AssertSingleJpegAsync(string path, int? expectedWidth = null)
    {
        var analysis = await FFProbe.AnalyseAsync(path);
        var jpeg = Assert.Single(analysis.VideoStreams);
        Assert.Equal("mjpeg", jpeg.CodecName);
        Assert.True(jpeg.Width > 0);
        if (expectedWidth is not null)
        {
            Assert.Equal(expectedWidth, jpeg.Width);
        }

        // One frame only: a JPEG, not a motion-JPEG film.
        var frames = await FFProbe.GetFramesAsync(path);
        Assert.Single(frames.Frames, f => f.MediaType == "video");
        return jpeg;
    }
}
