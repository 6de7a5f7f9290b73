using System.Diagnostics;
using System.Globalization;

namespace BrandStoryContest.Bench;

/// <summary>
/// Part "processing" (issue 19.5): 50 films uploaded through the app's real upload path and processed by one app
/// instance's media worker (probe, poster, strip, judging copy, each written to storage), against the plain
/// ffprobe/ffmpeg command lines of the same work run one after another on the local file, in the same run.
/// </summary>
public static class ProcessingFigures
{
    private const int Films = 50;
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    public static async Task RunAsync(BenchOptions options, ResultTable table)
    {
        var (seconds, size, bitrate) = options.Small ? (30, "1280x720", "2M") : (60, "1920x1080", "4M");
        var label = $"Processing: {Films} films of {seconds} s {size}, one worker";
        try
        {
            var clip = await ClipAsync(options.Work, seconds, size, bitrate);
            var bytes = new FileInfo(clip).Length;

            // The baseline first, which also brings the clip into the page cache for the uploads.
            Console.WriteLine($"==> processing: plain ffprobe/ffmpeg command lines, {Films} films one after another");
            var outDir = Directory.CreateTempSubdirectory("bsc-bench-processing-").FullName;
            var plainCpu = CpuWithChildren("self");
            var plain = Stopwatch.StartNew();
            try { for (int i = 0; i < Films; i++) await PlainAsync(clip, seconds, outDir); }
            finally { Directory.Delete(outDir, recursive: true); }
            plain.Stop();
            plainCpu = CpuWithChildren("self") - plainCpu;
            Console.WriteLine($"    {plain.Elapsed.TotalSeconds:0.0} s");

            await using var app = await AppUnderTest.StartAsync(options, new Dictionary<string, string> { ["Media__WorkerEnabled"] = "true" });
            await DemoSettledAsync(app);
            var entries = CreateEntries(app, bytes);

            Console.WriteLine($"==> processing: {Films} uploads through the app, the worker processing as they arrive");
            using var http = await UploadFigures.UploaderAsync(app, entries[0]);
            var clock = Stopwatch.StartNew();
            TimeSpan firstUpload = TimeSpan.Zero;
            double appCpu = 0;
            for (int i = 0; i < entries.Count; i++)
            {
                // One chunk at a time, as one filmmaker after another.
                await UploadFigures.UploadThroughAppAsync(http, entries[i], clip, bytes, 1_700_000_200_000L + i, "film.mp4", parallel: 1);
                if (i == 0) (firstUpload, appCpu) = (clock.Elapsed, CpuWithChildren(app.Pid.ToString()));
            }
            var lastUpload = clock.Elapsed;
            Console.WriteLine($"    uploads done after {lastUpload.TotalSeconds:0.0} s; waiting for the worker");

            using var db = app.OpenDb();
            var ids = string.Join(',', entries);
            long done = 0;
            var until = DateTime.UtcNow.AddMinutes(30);
            while ((done = (long)AppUnderTest.Scalar(db, $"SELECT COUNT(*) FROM Entries WHERE Id IN ({ids}) AND FilmStatus IN ('Ready', 'Rejected')")) < Films)
            {
                if (DateTime.UtcNow > until) throw new TimeoutException($"only {done} of {Films} films were processed within 30 minutes");
                await Task.Delay(100);
            }
            var lastReady = clock.Elapsed;
            appCpu = CpuWithChildren(app.Pid.ToString()) - appCpu;
            var ready = (long)AppUnderTest.Scalar(db, $"SELECT COUNT(*) FROM Entries WHERE Id IN ({ids}) AND FilmStatus = 'Ready' AND JudgingFilmBlob IS NOT NULL AND StripBlob IS NOT NULL");
            if (ready != Films)
                throw new InvalidOperationException($"{Films - ready} films were not made ready: " +
                    AppUnderTest.Scalar(db, $"SELECT COALESCE(MAX(FilmRejectionReason), '?') FROM Entries WHERE Id IN ({ids})"));

            // The worker takes the first job as soon as the first upload completes and is never idle after it when the
            // uploads outpace it (they do: see the upload time in the row), so its rate is films over first upload to last ready.
            var appPerMinute = Films / (lastReady - firstUpload).TotalMinutes;
            var plainPerMinute = Films / plain.Elapsed.TotalMinutes;
            table.Add($"{label}: films per minute (first upload complete → last film Ready)",
                $"{appPerMinute:0.0} films/min ({(lastReady - firstUpload).TotalSeconds:0} s; the {Films} uploads took {lastUpload.TotalSeconds:0} s)",
                $"{plainPerMinute:0.0} films/min ({plain.Elapsed.TotalSeconds:0} s, plain command lines one after another on the local file)",
                $"{appPerMinute / plainPerMinute:0.00}× of plain", "no goal set; reported", null);
            table.Add($"{label}: cores kept busy (CPU time of the process and its ffmpeg runs / wall time)",
                $"{appCpu / (lastReady - firstUpload).TotalSeconds:0.00} cores (app + ffmpeg {appCpu:0} s CPU; includes the uploads' requests)",
                $"{plainCpu / plain.Elapsed.TotalSeconds:0.00} cores (plain command lines, {plainCpu:0} s CPU)", "", "no goal set; reported", null);
            table.Add($"{label}: last upload complete → last film Ready", $"{(lastReady - lastUpload).TotalSeconds:0.0} s",
                $"{plain.Elapsed.TotalSeconds / Films:0.00} s per film (plain)", "", "no goal set; reported", null);
        }
        catch (Exception e) { table.Failed(label, "reported", e); }
    }

    /// <summary>
    /// User + system CPU seconds of a process and of its children it has waited for (ffprobe/ffmpeg), fields 14–17 of
    /// /proc/PID/stat, in the 1/100 s clock ticks Linux uses.
    /// </summary>
    private static double CpuWithChildren(string pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return Enumerable.Range(11, 4).Sum(i => long.Parse(fields[i])) / 100.0;
    }

    /// <summary>The demo's own films are processed by the same worker: wait until its seed is done and nothing is queued.</summary>
    /// <param name="films">Also wait for the demo's films to be processed (only when the app's media worker is on).</param>
    internal static async Task DemoSettledAsync(AppUnderTest app, bool films = true)
    {
        using var db = app.OpenDb();
        var until = DateTime.UtcNow.AddMinutes(5);
        while ((long)AppUnderTest.Scalar(db, "SELECT COUNT(*) FROM Audit WHERE Action = 'DemoSeedStage'") < BrandStoryContest.Web.Features.Demo.DemoSeeder.StageNames.Length
            || (films && (long)AppUnderTest.Scalar(db, "SELECT COUNT(*) FROM Entries WHERE FilmStatus IN ('Uploading', 'Processing')") > 0))
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("the demo seed did not finish within 5 minutes");
            await Task.Delay(250);
        }
    }

    private static List<int> CreateEntries(AppUnderTest app, long bytes)
    {
        var entries = Enumerable.Range(0, Films).Select(_ => UploadFigures.CreateFilmEntry(app, bytes)).ToList();
        using var db = app.OpenDb();
        using var cmd = db.CreateCommand();
        // The generated clip is what is measured, not the category's rules: let every clip length and size through.
        cmd.CommandText = "UPDATE Categories SET MaxEntriesPerEntrant = 1000, MinDurationSeconds = 1, MaxDurationSeconds = 100000, MinWidth = 0, MinHeight = 0 " +
            $"WHERE Id IN (SELECT CategoryId FROM Entries WHERE Id = {entries[0]})";
        cmd.ExecuteNonQuery();
        return entries;
    }

    /// <summary>
    /// What ProcessFilm has ffmpeg do, as plain command lines: probe, poster (a dozen frames after 10% of the film),
    /// 6-frame strip, and the judging copy (picture copied, sound to AAC, tags and SEI stripped, fast start).
    /// </summary>
    private static async Task PlainAsync(string clip, int seconds, string outDir)
    {
        string S(double s) => s.ToString(CultureInfo.InvariantCulture);
        await Processes.RunAsync("ffprobe", ["-v", "error", "-show_format", "-show_streams", "-of", "json", clip], Limit);
        await Processes.RunAsync("ffmpeg", ["-v", "error", "-y", "-ss", S(Math.Min(seconds * 0.1, 10)), "-i", clip, "-map", "0:V:0",
            "-vf", "thumbnail=12,scale='min(640,iw)':-2", "-frames:v", "1", "-q:v", "3", "-update", "1", Path.Combine(outDir, "poster.jpg")], Limit);
        var strip = new List<string> { "-v", "error", "-y" };
        var graph = "";
        for (int i = 0; i < 6; i++)
        {
            strip.AddRange(["-ss", S(seconds * (i + 0.5) / 6), "-i", clip]);
            graph += $"[{i}:V:0]trim=end_frame=1,setpts=PTS-STARTPTS,scale=-2:160,setsar=1[f{i}];";
        }
        graph += "[f0][f1][f2][f3][f4][f5]hstack=inputs=6[strip]";
        strip.AddRange(["-filter_complex", graph, "-map", "[strip]", "-frames:v", "1", "-q:v", "5", "-update", "1", Path.Combine(outDir, "strip.jpg")]);
        await Processes.RunAsync("ffmpeg", strip, Limit);
        await Processes.RunAsync("ffmpeg", ["-v", "error", "-y", "-i", clip, "-map", "0:V:0", "-map", "0:a:0?", "-dn", "-sn", "-c:v", "copy",
            "-c:a", "aac", "-b:a", "128k", "-ac", "2", "-bsf:v", "filter_units=remove_types=6",
            "-map_metadata", "-1", "-map_chapters", "-1", "-fflags", "+bitexact", "-movflags", "+faststart", Path.Combine(outDir, "judging.mp4")], Limit);
    }

    /// <summary>A phone-like film: H.264 picture with a stereo AAC sound track; cached in the work folder.</summary>
    private static async Task<string> ClipAsync(string work, int seconds, string size, string bitrate)
    {
        var path = Path.Combine(work, $"film-{seconds}s-{size}-{bitrate}.mp4");
        if (File.Exists(path)) return path;
        Console.WriteLine($"    encoding a {seconds} s {size} clip with sound ({bitrate}bit/s, ultrafast)");
        await Processes.RunAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", $"testsrc2=size={size}:rate=25", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000",
            "-t", seconds.ToString(CultureInfo.InvariantCulture), "-c:v", "libx264", "-preset", "ultrafast", "-b:v", bitrate, "-pix_fmt", "yuv420p",
            "-c:a", "aac", "-ac", "2", "-b:a", "128k", "-movflags", "+faststart", path + ".tmp.mp4"], TimeSpan.FromMinutes(10));
        File.Move(path + ".tmp.mp4", path);
        return path;
    }
}
