using System.Diagnostics;
using System.Text.RegularExpressions;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Infrastructure.Certificates;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Bench;

/// <summary>
/// Part "memory" (issue 19.6): the Release app's resident memory once it has started and settled, with the demo seed
/// off and on and every background worker running as in production, and how much a 4 GiB film upload through the
/// real resumable upload path adds to it.
/// </summary>
public static partial class MemoryFigures
{
    private const int Parallel = 4;
    private const int FilmGiB = 4;

    public static async Task RunAsync(BenchOptions options, ResultTable table)
    {
        // "--only memory-upload" measures the upload alone.
        if (options.Runs("memory")) await IdleAsync(options, table);
        await UploadGrowthAsync(options, table);
    }

    private static async Task IdleAsync(BenchOptions options, ResultTable table)
    {
        Pieces(table);
        try
        {
            foreach (var seed in new[] { false, true })
            {
                Console.WriteLine($"==> memory: app start-up, demo seed {(seed ? "on" : "off")}, workers on");
                await using var app = await AppUnderTest.StartAsync(options, Production(seed));
                if (seed) await ProcessingFigures.DemoSettledAsync(app);
                var idle = await SettledAsync(app);
                var counters = await RuntimeCounters.ReadAsync(app.Pid);
                double C(string name) => counters.GetValueOrDefault(name, double.NaN);
                Console.WriteLine("    runtime counters: " + string.Join(", ", counters.OrderBy(c => c.Key).Select(c => $"{c.Key}={c.Value:0.##}")));
                table.Add($"Memory: app RSS after start-up, demo seed {(seed ? "on" : "off")}, workers on (VmRSS once settled)",
                    $"{idle.Rss:0} MiB: {idle.Code:0} JIT code + runtime data, {idle.Images:0} mapped assemblies + native libraries, " +
                    $"{idle.Anonymous:0} other anonymous (GC heap {C("gc-heap-size"):0} MB in use, {C("gc-committed"):0} MB committed); " +
                    $"{C("assembly-count"):0} assemblies, {C("methods-jitted-count"):#,0} methods JIT'd",
                    $"{idle.Peak:0} MiB peak during start-up (VmHWM)", "", "< 150 MiB", idle.Rss < 150);
            }
        }
        catch (Exception e) { table.Failed("Memory: app RSS after start-up", "< 150 MiB", e); }
    }

    private static async Task UploadGrowthAsync(BenchOptions options, ResultTable table)
    {

        var label = $"Memory: growth during a {FilmGiB} GiB film upload";
        try
        {
            var film = await UploadFigures.FilmAsync(options.Work, FilmGiB);
            // The media worker is on: the demo seed waits for it to process last year's films. The peak is read as soon as the
            // upload completes, before the worker gets to the padded "film".
            await using var app = await AppUnderTest.StartAsync(options, new Dictionary<string, string> { ["Media__WorkerEnabled"] = "true" });
            await ProcessingFigures.DemoSettledAsync(app); // the film goes to the demo's open call, seeded last
            await SettledAsync(app);
            var bytes = new FileInfo(film).Length;
            var entryId = UploadFigures.CreateFilmEntry(app, bytes);
            Console.WriteLine($"==> memory: {FilmGiB} GiB film through the app (start, {Parallel} chunks in flight, complete)");
            var (before, peak, elapsed) = await UploadAsync(app, entryId, film, bytes);
            var growth = peak - before;
            Console.WriteLine($"    {elapsed.TotalSeconds:0.0} s; RSS {before:0} MiB before, peak {peak:0} MiB, now {app.RssMiB():0} MiB");
            table.Add($"{label} (VmHWM during the upload − VmRSS before)", $"+{growth:0} MiB (peak {peak:0} MiB; {elapsed.TotalSeconds:0} s)",
                $"{before:0} MiB before the upload (demo seed on, signed in)", "", "≤ 64 MiB", growth <= 64);
        }
        catch (Exception e) { table.Failed(label, "≤ 64 MiB", e); }
    }

    /// <summary>
    /// What two suspects keep alive on the managed heap once used, measured in this process (live bytes after a full
    /// collection, before and after): the certificate renderer with its CJK font (first certificate or declaration PDF),
    /// and EF Core's model of <see cref="ContestDb"/> (built on the first database use, kept for the process's life).
    /// </summary>
    private static void Pieces(ResultTable table)
    {
        static double LiveMiB()
        {
            GC.Collect(); GC.WaitForPendingFinalizers(); GC.Collect();
            return GC.GetTotalMemory(forceFullCollection: true) / 1048576.0;
        }
        try
        {
            var certificate = CertificateBenchmarks.Certificates(english: false)[0];
            var before = LiveMiB();
            var pdf = new CertificatePdf(CertificatePdf.FindCjkFont() ?? throw new InvalidOperationException("no CJK font"));
            pdf.Render(certificate);
            var font = LiveMiB() - before;
            GC.KeepAlive(pdf);

            before = LiveMiB();
            using (var db = new ContestDb(new DbContextOptionsBuilder<ContestDb>().UseSqlite("Data Source=:memory:").Options)) _ = db.Model;
            var model = LiveMiB() - before;
            table.Add("Memory: managed heap kept by the certificate font and by EF Core's model (in the bench process, live bytes after a full GC)",
                $"font + renderer {font:0.0} MiB; ContestDb model {model:0.0} MiB", "", "", "(where idle memory goes)", null);
        }
        catch (Exception e) { table.Failed("Memory: font and EF model", "(where idle memory goes)", e); }
    }

    /// <summary>The app as production runs it: every background worker on (AppUnderTest turns the media worker and the sweeper off).</summary>
    private static Dictionary<string, string> Production(bool seed) => new()
    {
        ["App__SeedDemo"] = seed ? "true" : "false",
        ["Media__WorkerEnabled"] = "true",
        ["Maintenance__SweeperEnabled"] = "true",
    };

    /// <summary>
    /// RSS split by mapping (/proc/PID/smaps): <c>/memfd:doublemapper</c> is the runtime's executable memory (JIT'd code,
    /// stubs, type data; mapped twice under W^X), other file mappings are assemblies and native libraries (clean pages the
    /// kernel may drop and share), the rest is anonymous (GC heap, native heap, stacks).
    /// </summary>
    private sealed record Idle(double Rss, double Code, double Images, double Anonymous, double Peak);

    /// <summary>
    /// Waits until the RSS has stayed within 2 MiB for 5 s (the demo seeder and the workers' first polls are done), at most
    /// 90 s, then reads VmRSS and the anonymous part of it (GC heap, JIT code, native allocations; the rest is mapped files:
    /// assemblies, native libraries, ICU data).
    /// </summary>
    private static async Task<Idle> SettledAsync(AppUnderTest app)
    {
        var samples = new List<double>();
        var until = Stopwatch.StartNew();
        while (until.Elapsed < TimeSpan.FromSeconds(90))
        {
            samples.Add(app.RssMiB());
            if (samples.Count >= 6 && samples[^6..].Max() - samples[^6..].Min() < 2) break;
            await Task.Delay(1000);
        }
        double code = 0, images = 0, anonymous = 0;
        string mapping = "";
        foreach (var line in File.ReadLines($"/proc/{app.Pid}/smaps"))
        {
            if (MappingLine().Match(line) is { Success: true } m) { mapping = m.Groups[1].Value; continue; }
            if (!line.StartsWith("Rss:")) continue;
            var mib = long.Parse(Regex.Match(line, @"\d+").Value) / 1024.0;
            if (mapping.StartsWith("/memfd:doublemapper")) code += mib;
            else if (mapping.StartsWith('/')) images += mib;
            else anonymous += mib;
        }
        return new Idle(app.RssMiB(), code, images, anonymous, app.PeakRssMiB());
    }

    // "7f6b87c00000-7f6b88811000 rw-p 00000000 00:00 0    [heap]": the sixth field, when there is one, names the mapping.
    [GeneratedRegex(@"^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$")]
    private static partial Regex MappingLine();

    /// <summary>
    /// As UploadFigures' client (start, chunks with the antiforgery header, complete), but the RSS is read and the peak
    /// reset after signing in and loading the entry page, so the figure is what the upload itself adds.
    /// </summary>
    private static async Task<(double Before, double Peak, TimeSpan Elapsed)> UploadAsync(AppUnderTest app, int entryId, string film, long bytes)
    {
        using var http = await UploadFigures.UploaderAsync(app, entryId);
        var before = app.RssMiB();
        if (!app.ResetPeakRss()) throw new InvalidOperationException("the kernel refused to reset VmHWM (/proc/PID/clear_refs)");
        var sw = Stopwatch.StartNew();
        await UploadFigures.UploadThroughAppAsync(http, entryId, film, bytes, 1_700_000_100_000L, "memory-film.mp4", Parallel);
        return (before, app.PeakRssMiB(), sw.Elapsed);
    }
}

/// <summary>
/// The runtime's own counters of a running app (what dotnet-counters shows), read over its diagnostics port with an
/// EventPipe session on the "System.Runtime" event source: one sample of each, a second after the session starts.
/// </summary>
public static class RuntimeCounters
{
    public static async Task<IReadOnlyDictionary<string, double>> ReadAsync(int pid)
    {
        var client = new Microsoft.Diagnostics.NETCore.Client.DiagnosticsClient(pid);
        var provider = new Microsoft.Diagnostics.NETCore.Client.EventPipeProvider("System.Runtime", System.Diagnostics.Tracing.EventLevel.Informational,
            (long)System.Diagnostics.Tracing.EventKeywords.All, new Dictionary<string, string> { ["EventCounterIntervalSec"] = "1" });
        using var session = client.StartEventPipeSession([provider], requestRundown: false);
        var values = new System.Collections.Concurrent.ConcurrentDictionary<string, double>();
        var reading = Task.Run(() =>
        {
            using var source = new Microsoft.Diagnostics.Tracing.EventPipeEventSource(session.EventStream);
            source.Dynamic.All += e =>
            {
                if (e.EventName != "EventCounters" || e.PayloadValue(0) is not IDictionary<string, object> outer
                    || outer["Payload"] is not IDictionary<string, object> payload) return;
                var value = payload.TryGetValue("Mean", out var mean) ? mean : payload["Increment"];
                values.TryAdd((string)payload["Name"], Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture));
            };
            source.Process();
        });
        var until = Stopwatch.StartNew();
        while (values.Count < 20 && until.Elapsed < TimeSpan.FromSeconds(10)) await Task.Delay(200);
        session.Stop();
        await reading;
        return values;
    }
}
