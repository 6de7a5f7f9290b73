using System.Globalization;
using BrandStoryContest.Web.Infrastructure.Media;

namespace BrandStoryContest.Bench;

/// <summary>The app's film processing (probe + poster + strip, as ProcessFilm does) against the same work as plain command lines.</summary>
public static class MediaFigures
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public static async Task RunAsync(BenchOptions options, ResultTable table)
    {
        Console.WriteLine("==> media: generating clips (cached in the work folder)");
        var clip60 = await ClipAsync(options.Work, 60);
        var clip600 = await ClipAsync(options.Work, 600);
        var outDir = Directory.CreateTempSubdirectory("bsc-bench-media-").FullName;
        try
        {
            var probe = new FfmpegMediaProbe();
            async Task App()
            {
                var info = (await probe.ProbeAsync(clip60, CancellationToken.None)).Film ?? throw new InvalidOperationException("probe failed");
                await probe.ExtractPosterAsync(clip60, info.Duration, Path.Combine(outDir, "poster.jpg"), CancellationToken.None);
                await probe.ExtractStripAsync(clip60, info.Duration, 6, Path.Combine(outDir, "strip.jpg"), CancellationToken.None);
            }
            async Task Plain()
            {
                await Processes.RunAsync("ffprobe", ["-v", "error", "-show_format", "-show_streams", "-of", "json", clip60], Limit);
                await Processes.RunAsync("ffmpeg", ["-v", "error", "-y", "-ss", "6", "-i", clip60, "-map", "0:V:0",
                    "-vf", "thumbnail=12,scale='min(640,iw)':-2", "-frames:v", "1", "-q:v", "3", "-update", "1", Path.Combine(outDir, "p.jpg")], Limit);
                var strip = new List<string> { "-v", "error", "-y" };
                var graph = "";
                for (int i = 0; i < 6; i++)
                {
                    strip.AddRange(["-ss", (60 * (i + 0.5) / 6).ToString(CultureInfo.InvariantCulture), "-i", clip60]);
                    graph += $"[{i}:V:0]trim=end_frame=1,setpts=PTS-STARTPTS,scale=-2:160,setsar=1[f{i}];";
                }
                graph += "[f0][f1][f2][f3][f4][f5]hstack=inputs=6[strip]";
                strip.AddRange(["-filter_complex", graph, "-map", "[strip]", "-frames:v", "1", "-q:v", "5", "-update", "1", Path.Combine(outDir, "s.jpg")]);
                await Processes.RunAsync("ffmpeg", strip, Limit);
            }

            await App(); await Plain(); // warm the page cache and the JIT
            double app = 0, plain = 0;
            for (int round = 0; round < 2; round++) // interleaved, so background load hits both alike
            {
                app += await Processes.MedianMsAsync(3, App);
                plain += await Processes.MedianMsAsync(3, Plain);
            }
            app /= 2; plain /= 2;
            table.Add("Thumbnailing: probe + poster + 6-frame strip, 60 s 1080p clip", ResultTable.Ms(app),
                $"{ResultTable.Ms(plain)} (plain ffprobe/ffmpeg command lines)", $"{app / plain:0.00}×", "≤ 1.1×", app / plain <= 1.1);

            async Task<double> Poster(string clip, double seconds) => await Processes.MedianMsAsync(3, () =>
                probe.ExtractPosterAsync(clip, TimeSpan.FromSeconds(seconds), Path.Combine(outDir, "poster.jpg"), CancellationToken.None));
            var p600 = await Poster(clip600, 600);
            var p60 = await Poster(clip60, 60);
            table.Add("Poster: 600 s clip vs 60 s clip (poster extraction seeks)", ResultTable.Ms(p600),
                $"{ResultTable.Ms(p60)} (60 s clip)", $"{p600 / p60:0.00}×", "≤ 2× (10× would mean decoding from the start)", p600 / p60 <= 2);
        }
        catch (Exception e) { table.Failed("Thumbnailing", "≤ 1.1×", e); }
        finally { Directory.Delete(outDir, recursive: true); }
    }

    private static async Task<string> ClipAsync(string work, int seconds)
    {
        var path = Path.Combine(work, $"clip-{seconds}s-1080p.mp4");
        if (File.Exists(path)) return path;
        Console.WriteLine($"    encoding {seconds} s 1080p test clip (ultrafast, 1 Mbit/s)");
        await Processes.RunAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", $"testsrc2=size=1920x1080:rate=25", "-t", seconds.ToString(),
            "-c:v", "libx264", "-preset", "ultrafast", "-b:v", "1M", "-pix_fmt", "yuv420p", path + ".tmp.mp4"], TimeSpan.FromMinutes(10));
        File.Move(path + ".tmp.mp4", path);
        return path;
    }
}
