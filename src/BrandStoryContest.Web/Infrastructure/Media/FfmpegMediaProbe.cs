using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using FFMpegCore;
using FFMpegCore.Arguments;
using FFMpegCore.Enums;
using FFMpegCore.Exceptions;

namespace BrandStoryContest.Web.Infrastructure.Media;

/// <summary>
/// <see cref="IMediaProbe"/> over ffprobe/ffmpeg (via FFMpegCore). Pass <paramref name="options"/> to point at
/// other binaries; null uses FFMpegCore's global options (binaries on PATH by default).
/// </summary>
public sealed partial class FfmpegMediaProbe(FFOptions? options = null) : IMediaProbe
{
    // Only real video demuxers may open an upload. Without this a text playlist renamed .mp4 probes as "hls"
    // (a "video"!) and makes ffmpeg open whatever files or URLs it lists.
    private const string VideoFormats = "-format_whitelist mov,mp4,m4a,3gp,3g2,mj2,matroska,webm,avi,mpegts,flv";
    private const string ImageFormats = "-format_whitelist image2,png_pipe,jpeg_pipe,webp_pipe,bmp_pipe,gif,tiff_pipe";

    // A stalled HTTP source must fail rather than hold a worker forever (value in microseconds).
    private const string NetworkTimeout = "-rw_timeout 30000000";

    private const int PosterMaxWidth = 640;
    private const int StripFrameHeight = 160;
    private const int PreviewMaxWidth = 1280;

    // Mean luma (0-255) below which a poster candidate counts as black/blank; ordinary footage sits around 80-130.
    private const double DarkLuma = 32;

    // A single frame of one of these is a picture, not a film, even when wrapped in a video container.
    private static readonly string[] ImageCodecs = ["mjpeg", "png", "bmp", "gif", "webp", "tiff", "jpeg2000"];

    private readonly FFOptions? _options = options;

    public async Task<ProbeResult> ProbeAsync(string input, CancellationToken ct)
    {
        IMediaAnalysis analysis;
        try
        {
            const string arguments = VideoFormats + " " + NetworkTimeout;
            analysis = IsHttp(input, out var uri)
                ? await FFProbe.AnalyseAsync(uri, _options, arguments, ct)
                : await FFProbe.AnalyseAsync(Path.GetFullPath(input), _options, arguments, ct);
        }
        catch (Exception e) when (e is FFProbeException or JsonException)
        {
            // ffprobe could not make sense of it (or it is not a whitelisted video container).
            return ProbeResult.Not(NotAFilm.Unreadable);
        }

        // Cover art in audio files shows up as a one-picture "video" stream.
        var video = analysis.VideoStreams.FirstOrDefault(s => s.Disposition?.GetValueOrDefault("attached_pic") != true);
        if (video is null)
        {
            return ProbeResult.Not(analysis.AudioStreams.Count > 0 ? NotAFilm.NoVideoStream : NotAFilm.Unreadable);
        }

        // A codec ffprobe cannot even name is not one ffmpeg could decode either.
        if (video.CodecName is null)
        {
            return ProbeResult.Not(NotAFilm.Unreadable);
        }

        if (ImageCodecs.Contains(video.CodecName) && analysis.Duration < TimeSpan.FromSeconds(0.5))
        {
            return ProbeResult.Not(NotAFilm.StillImage);
        }

        var width = video.Width ?? 0;
        var height = video.Height ?? 0;
        // Phones store portrait clips as landscape plus a rotation flag; callers want what the viewer sees.
        if (Math.Abs(video.Rotation) % 180 == 90)
        {
            (width, height) = (height, width);
        }

        var frameRate = double.IsFinite(video.AverageFrameRate) && video.AverageFrameRate > 0
            ? video.AverageFrameRate
            : video.RealFrameRate;

        return new ProbeResult(new FilmProbe(
            analysis.Format.FormatName,
            analysis.Duration,
            width,
            height,
            video.CodecName,
            analysis.AudioStreams.FirstOrDefault()?.CodecName,
            double.IsFinite(frameRate) ? frameRate : 0,
            analysis.Format.BitRate ?? 0,
            video.PixelFormat));
    }

    public async Task ExtractPosterAsync(string input, TimeSpan duration, string outputJpegPath, CancellationToken ct)
    {
        outputJpegPath = Path.GetFullPath(outputJpegPath);
        var candidates = new List<string>();
        try
        {
            string? best = null;
            var bestLuma = double.MinValue;
            foreach (var at in PosterTimes(duration))
            {
                var candidate = $"{outputJpegPath}.{candidates.Count}.jpg";
                candidates.Add(candidate);
                var luma = await GrabFrameAsync(input, at, candidate, ct);
                if (luma is null)
                {
                    continue;
                }

                // A film that is dark throughout still gets its brightest candidate.
                if (luma > bestLuma)
                {
                    (best, bestLuma) = (candidate, luma.Value);
                }

                if (luma >= DarkLuma)
                {
                    break;
                }
            }

            if (best is null)
            {
                throw new InvalidDataException($"No frame could be decoded from '{input}'.");
            }

            File.Move(best, outputJpegPath, overwrite: true);
        }
        finally
        {
            foreach (var candidate in candidates)
            {
                File.Delete(candidate);
            }
        }
    }

    public async Task ExtractStripAsync(string input, TimeSpan duration, int frames, string outputJpegPath, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(frames, 1);
        outputJpegPath = Path.GetFullPath(outputJpegPath);
        var folder = Directory.CreateTempSubdirectory("bsc-strip-");
        try
        {
            // The centre of each slice keeps the first and last frames off fades at the very start/end.
            var centres = Enumerable.Range(0, frames).Select(i => duration * ((i + 0.5) / frames)).ToList();
            var chosen = (await GrabStripFramesAsync(input, centres, folder.FullName, "c", ct)).ToList();
            if (chosen.Any(f => f.Path is null || f.Luma < DarkLuma))
            {
                // Dark frames give way to the nearest bright moment no other frame took, as the poster skips black
                // openings: two more points per slice, grabbed only when a film has dark stretches at all. A point
                // past the picture's end (sound longer than the picture) has no frame and is replaced the same way.
                var more = Enumerable.Range(0, frames).SelectMany(i => new[] { duration * ((i + 0.25) / frames), duration * ((i + 0.75) / frames) }).ToList();
                var grabbed = (await GrabStripFramesAsync(input, more, folder.FullName, "m", ct)).Where(f => f.Path is not null).ToList();
                var spare = grabbed.Where(f => f.Luma >= DarkLuma).ToList();
                for (var i = 0; i < chosen.Count; i++)
                {
                    if (chosen[i].Path is not null && chosen[i].Luma >= DarkLuma) continue;
                    var at = chosen[i].At;
                    var nearest = spare.OrderBy(f => (f.At - at).Duration()).FirstOrDefault();
                    if (nearest is not null) spare.Remove(nearest);
                    // Dark throughout: a dark frame is as good as any, but a missing one must be filled.
                    else if (chosen[i].Path is null)
                        nearest = chosen.Concat(grabbed).Where(f => f.Path is not null).OrderBy(f => (f.At - at).Duration()).FirstOrDefault()
                            ?? throw new InvalidDataException($"No frame could be decoded from '{input}'.");
                    if (nearest is not null) chosen[i] = nearest;
                }
                chosen = chosen.OrderBy(f => f.At).ToList();
            }

            FFMpegArguments? arguments = null;
            foreach (var frame in chosen)
            {
                var image = new InputArgument(frame.Path!, verifyExists: true);
                Action<FFMpegInputOptions> images = o => o.WithCustomArgument(ImageFormats);
                arguments = arguments is null ? FFMpegArguments.FromInput(image, images) : arguments.AddInput(image, images);
            }

            var labels = string.Concat(Enumerable.Range(0, frames).Select(i => $"[{i}:v:0]"));
            var graph = frames == 1 ? "[0:v:0]null[strip]" : $"{labels}hstack=inputs={frames}[strip]";
            await RunAsync(
                arguments!.OutputToFile(outputJpegPath, overwrite: true, o => o
                    .WithCustomArgument($"-filter_complex \"{graph}\" -map [strip] -update 1")
                    .WithFrameCount(1)
                    .WithVideoQualityScale(5)
                    .WithoutMetadata()),
                outputJpegPath,
                ct);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>A frame of the strip; no <see cref="Path"/> when the point lies past the picture's last frame.</summary>
    private sealed record StripFrame(TimeSpan At, string? Path, double Luma);

    /// <summary>
    /// One ffmpeg run for all <paramref name="times"/>: one input per point, each seeked on the input side, so only
    /// a few GOPs are ever decoded; each frame is written 160 px high with its mean luma beside it.
    /// </summary>
    private async Task<IReadOnlyList<StripFrame>> GrabStripFramesAsync(string input, IReadOnlyList<TimeSpan> times, string folder, string prefix, CancellationToken ct)
    {
        FFMpegArguments? arguments = null;
        var graph = new List<string>();
        var outputs = new StringBuilder();
        for (var i = 0; i < times.Count; i++)
        {
            var at = times[i];
            Action<FFMpegInputOptions> seek = o => o.WithStartTime(at).WithCustomArgument($"{VideoFormats} {NetworkTimeout}");
            arguments = arguments is null ? FFMpegArguments.FromInput(Input(input), seek) : arguments.AddInput(Input(input), seek);
            // The folder is a fresh temp folder, so its path needs no escaping inside the filter graph.
            graph.Add($"[{i}:V:0]trim=end_frame=1,setpts=PTS-STARTPTS,scale=-2:{StripFrameHeight},setsar=1," +
                $"signalstats,metadata=print:key=lavfi.signalstats.YAVG:file={Path.Combine(folder, $"{prefix}{i}.txt")}[f{i}]");
            if (i > 0) outputs.Append($" -map [f{i}] -frames:v 1 -q:v 3 -update 1 \"{Path.Combine(folder, $"{prefix}{i}.jpg")}\"");
        }

        // ffmpeg exits 0 and writes nothing for a point past the picture's end, so outputs are checked one by one.
        var first = Path.Combine(folder, $"{prefix}0.jpg");
        await arguments!.OutputToFile(first, overwrite: true, o => o
                .WithCustomArgument($"-filter_complex \"{string.Join(';', graph)}\"{outputs} -map [f0] -frames:v 1 -q:v 3 -update 1"))
            .WithLogLevel(FFMpegLogLevel.Error)
            .CancellableThrough(ct, TimeSpan.Zero)
            .ProcessAsynchronously(throwOnError: true, _options);

        var frames = new List<StripFrame>();
        for (var i = 0; i < times.Count; i++)
        {
            var image = Path.Combine(folder, $"{prefix}{i}.jpg");
            var log = Path.Combine(folder, $"{prefix}{i}.txt");
            var written = File.Exists(image) && new FileInfo(image).Length > 0;
            var match = File.Exists(log) ? YavgLine().Match(await File.ReadAllTextAsync(log, ct)) : Match.Empty;
            frames.Add(new StripFrame(times[i], written ? image : null, match.Success ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0));
        }
        return frames;
    }

    public Task WriteJudgingCopyAsync(string input, bool copyVideo, string outputMp4Path, CancellationToken ct) =>
        RunAsync(
            FFMpegArguments
                .FromInput(Input(input), o => o.WithCustomArgument($"{VideoFormats} {NetworkTimeout}"))
                .OutputToFile(Path.GetFullPath(outputMp4Path), overwrite: true, o =>
                {
                    // Only the first picture and sound streams: no chapter track, subtitles, data, attachments or cover art.
                    // Trailing "?": a silent film has no audio stream, which is fine.
                    o.WithCustomArgument("-map 0:V:0 -map 0:a:0? -dn -sn");
                    if (copyVideo)
                    {
                        o.WithVideoCodec("copy");
                    }
                    else
                    {
                        // Even width and height: libx264 with yuv420p rejects odd sizes.
                        o.WithCustomArgument($"-vf \"scale='min({PreviewMaxWidth},trunc(iw/2)*2)':-2\"")
                            .WithVideoCodec(VideoCodec.LibX264)
                            .WithSpeedPreset(EncoderPreset.VeryFast)
                            .WithConstantRateFactor(23)
                            // 8-bit 4:2:0 is the only H.264 flavour every browser decodes.
                            .WithCustomArgument("-pix_fmt yuv420p");
                    }

                    o.WithAudioCodec(AudioCodec.Aac)
                        .WithAudioBitrate(128)
                        .WithAudioChannels(2)
                        // SEI NAL units (type 6) carry free text: x264's settings, or whatever an entrant wrote into them.
                        .WithCustomArgument("-bsf:v filter_units=remove_types=6")
                        // Global, per-stream and chapter metadata all go; handler names fall back to ffmpeg's neutral ones.
                        .WithCustomArgument("-map_metadata -1 -map_metadata:s:v -1 -map_metadata:s:a -1 -map_chapters -1")
                        // No "encoder" tag naming the tool chain either.
                        .WithCustomArgument("-fflags +bitexact -flags:v +bitexact -flags:a +bitexact")
                        .WithFastStart();
                }),
            outputMp4Path,
            ct);

    public async Task<bool> ResizeImageAsync(string inputImagePath, int maxWidth, string outputJpegPath, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxWidth, 1);
        try
        {
            await RunAsync(
                FFMpegArguments
                    .FromFileInput(Path.GetFullPath(inputImagePath), verifyExists: true, o => o.WithCustomArgument(ImageFormats))
                    .OutputToFile(Path.GetFullPath(outputJpegPath), overwrite: true, o => o
                        // JPEG has no alpha: paint transparent areas white instead of letting them turn black.
                        .WithCustomArgument(
                            $"-filter_complex \"[0:v]scale='min({maxWidth},iw)':-1,format=rgba,split[fg][bg];" +
                            "[bg]drawbox=c=white:t=fill[white];[white][fg]overlay=format=auto[out]\" -map [out] -update 1")
                        .WithFrameCount(1)
                        .WithVideoQualityScale(3)
                        .WithoutMetadata()),
                outputJpegPath,
                ct);
            return true;
        }
        catch (Exception e) when (e is FFMpegException or InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>Grabs the most typical of a dozen frames after <paramref name="at"/>; returns its mean luma, or null past the end.</summary>
    private async Task<double?> GrabFrameAsync(string input, TimeSpan at, string outputPath, CancellationToken ct)
    {
        double? luma = null;
        await FFMpegArguments
            .FromInput(Input(input), o => o.WithStartTime(at).WithCustomArgument($"{VideoFormats} {NetworkTimeout}"))
            .OutputToFile(outputPath, overwrite: true, o => o
                .WithCustomArgument("-map 0:V:0 -update 1")
                // thumbnail= skips flashes and cut frames; signalstats+metadata logs the chosen frame's brightness.
                .WithCustomArgument(
                    $"-vf \"thumbnail=12,scale='min({PosterMaxWidth},iw)':-2,signalstats,metadata=print:key=lavfi.signalstats.YAVG\"")
                .WithFrameCount(1)
                .WithVideoQualityScale(3))
            .WithLogLevel(FFMpegLogLevel.Info) // metadata=print only logs at info level
            .NotifyOnStandardError(line =>
            {
                var match = YavgLine().Match(line);
                if (match.Success)
                {
                    luma = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
                }
            })
            .CancellableThrough(ct, TimeSpan.Zero)
            .ProcessAsynchronously(throwOnError: true, _options);

        // ffmpeg exits 0 without writing anything when the seek lands past the last frame.
        return File.Exists(outputPath) ? luma ?? 0 : null;
    }

    private async Task RunAsync(FFMpegArgumentProcessor ffmpeg, string outputPath, CancellationToken ct)
    {
        try
        {
            await ffmpeg
                .WithLogLevel(FFMpegLogLevel.Error)
                // No grace period: a cancelled job's half-written output is deleted anyway, so kill at once.
                .CancellableThrough(ct, TimeSpan.Zero)
                .ProcessAsynchronously(throwOnError: true, _options);
        }
        catch
        {
            File.Delete(outputPath);
            throw;
        }

        if (!File.Exists(outputPath) || new FileInfo(outputPath).Length == 0)
        {
            File.Delete(outputPath);
            throw new InvalidDataException("ffmpeg produced no output (nothing decodable at the requested position).");
        }
    }

    /// <summary>Start at 10% (at most 10 s in, past intros and fade-ins), then further along while frames stay dark.</summary>
    private static IEnumerable<TimeSpan> PosterTimes(TimeSpan duration)
    {
        if (duration <= TimeSpan.Zero)
        {
            yield return TimeSpan.Zero;
            yield break;
        }

        var first = duration * 0.1;
        yield return first < TimeSpan.FromSeconds(10) ? first : TimeSpan.FromSeconds(10);
        yield return duration * 0.25;
        yield return duration * 0.5;
        yield return duration * 0.75;
    }

    private static InputArgument Input(string input) =>
        IsHttp(input, out var uri)
            ? new InputArgument(uri.AbsoluteUri, verifyExists: false)
            // A full path starts with "/", so ffmpeg never mistakes "clip:1.mp4" for a "clip:" protocol.
            : new InputArgument(Path.GetFullPath(input), verifyExists: true);

    private static bool IsHttp(string input, [NotNullWhen(true)] out Uri? uri)
    {
        if (Uri.TryCreate(input, UriKind.Absolute, out uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
        {
            return true;
        }

        uri = null;
        return false;
    }

    [GeneratedRegex(@"lavfi\.signalstats\.YAVG=([0-9.]+)")]
    private static partial Regex YavgLine();
}
