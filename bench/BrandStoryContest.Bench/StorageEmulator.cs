using System.Diagnostics;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace BrandStoryContest.Bench;

/// <summary>
/// An Azurite process of one bench run's own (storage-emulator/start.sh, as scripts/azurite.sh starts it), on free
/// ports over a fresh data folder. Its data (the run's films) is deleted when the run ends; its log and debug log stay in
/// the work folder. The surge runs one each: with one Azurite for all three, the third run met an emulator holding the
/// first two runs' 10 GiB of films, and its log went with its data folder.
/// </summary>
public sealed partial class StorageEmulator : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _data;
    private double _peakRssMiB;

    private StorageEmulator(Process process, string data, int blobPort, int queuePort, string log, string debugLog)
    {
        _process = process; _data = data; BlobPort = blobPort; QueuePort = queuePort; Log = log; DebugLog = debugLog;
    }

    public int BlobPort { get; }
    public int QueuePort { get; }
    /// <summary>Azurite's standard output and error (start-up lines, and whatever it says when it dies).</summary>
    public string Log { get; }
    /// <summary>Azurite's debug log: every request and every error it answered with, with its cause.</summary>
    public string DebugLog { get; }
    public bool HasExited => _process.HasExited;

    public string ConnectionString =>
        "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
        $"BlobEndpoint=http://127.0.0.1:{BlobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{QueuePort}/devstoreaccount1;";

    /// <param name="name">Names the logs in the work folder: <c>NAME-azurite.log</c> and <c>NAME-azurite-debug.log</c>.</param>
    public static async Task<StorageEmulator> StartAsync(BenchOptions options, string name)
    {
        var data = Directory.CreateTempSubdirectory($"bsc-bench-{name}-azurite-").FullName;
        var blob = AppUnderTest.FreePort();
        var queue = AppUnderTest.FreePort();
        while (queue == blob) queue = AppUnderTest.FreePort();
        var log = Path.Combine(options.Work, $"{name}-azurite.log");
        var debug = Path.Combine(options.Work, $"{name}-azurite-debug.log");
        File.Delete(debug);
        var psi = new ProcessStartInfo(Path.Combine(options.RepoRoot, "storage-emulator", "start.sh"),
            [Path.Combine(data, "data"), blob.ToString(), queue.ToString(), "--debug", debug])
        { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var writer = new StreamWriter(log, append: false) { AutoFlush = true };
        var process = new Process { StartInfo = psi, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.Exited += (_, _) => { lock (writer) writer.WriteLine($"[bench] Azurite exited at {DateTime.UtcNow:HH:mm:ss} UTC"); };
        process.Start();
        process.BeginOutputReadLine(); process.BeginErrorReadLine();
        var emulator = new StorageEmulator(process, data, blob, queue, log, debug);
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until && !process.HasExited)
        {
            if (await OpenAsync(blob) && await OpenAsync(queue))
            {
                Console.WriteLine($"    Azurite for {name} on 127.0.0.1:{blob}/{queue} (pid {process.Id}), data {data}, log {log}");
                return emulator;
            }
            await Task.Delay(200);
        }
        await emulator.DisposeAsync();
        throw new InvalidOperationException($"Azurite for {name} did not start; its log {log}:\n{emulator.Tail(20)}");
    }

    private static async Task<bool> OpenAsync(int port)
    {
        using var client = new TcpClient();
        try { await client.ConnectAsync("127.0.0.1", port); return true; }
        catch (SocketException) { return false; }
    }

    /// <summary>Azurite's peak resident set size so far (VmHWM of the node process start.sh execs into), in MiB; the last seen once it is gone.</summary>
    public double PeakRssMiB()
    {
        try
        {
            var line = File.ReadLines($"/proc/{_process.Id}/status").First(l => l.StartsWith("VmHWM:"));
            _peakRssMiB = long.Parse(Digits().Match(line).Value) / 1024.0;
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException) { }
        return _peakRssMiB;
    }

    /// <summary>
    /// Files Azurite has open now and its limit: 3.37.0 leaked one per block of every download cut off by its client until
    /// storage-emulator/start.sh closed them (at the limit it answers 500 and stops serving).
    /// </summary>
    public string OpenFiles()
    {
        try
        {
            var open = Directory.GetFiles($"/proc/{_process.Id}/fd").Length;
            var limit = File.ReadLines($"/proc/{_process.Id}/limits").First(l => l.StartsWith("Max open files")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[3];
            return $"{open} open files (limit {limit})";
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or UnauthorizedAccessException) { return "open files unknown (gone)"; }
    }

    /// <summary>Bytes in its data folder (extents of the films, the metadata databases).</summary>
    public long DataBytes() =>
        Directory.Exists(_data) ? new DirectoryInfo(_data).EnumerateFiles("*", SearchOption.AllDirectories).Sum(f => { try { return f.Length; } catch (IOException) { return 0L; } }) : 0;

    /// <summary>One line for the console and the table: alive or not, peak RSS, data, where the logs are.</summary>
    public string Summary() =>
        $"Azurite {(HasExited ? $"EXITED (code {_process.ExitCode})" : "up")}, peak RSS {PeakRssMiB():0} MiB, {OpenFiles()}, {DataBytes() / (double)(1L << 30):0.00} GiB of data; log {Log}, debug log {DebugLog}";

    /// <summary>The last lines of its log and the errors of its debug log, to print when a run fails.</summary>
    public string Tail(int lines)
    {
        static IEnumerable<string> Read(string file)
        {
            if (!File.Exists(file)) yield break;
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            while (reader.ReadLine() is { } line) yield return line;
        }
        var log = Read(Log).TakeLast(lines);
        var errors = Read(DebugLog).Where(l => l.Contains(" error: ", StringComparison.Ordinal) || l.Contains("StatusCode=5", StringComparison.Ordinal)).TakeLast(lines);
        return string.Join('\n', log.Select(l => "      " + l).Append($"    errors in {DebugLog}:").Concat(errors.Select(l => "      " + (l.Length > 400 ? l[..400] : l))));
    }

    public async ValueTask DisposeAsync()
    {
        PeakRssMiB();
        if (!_process.HasExited) { _process.Kill(entireProcessTree: true); await _process.WaitForExitAsync(); }
        _process.Dispose();
        // The run's films (5 GiB at full size): three runs' worth would otherwise stay on disk until the end.
        try { Directory.Delete(_data, recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
    }

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
