using System.Diagnostics;
using System.Reflection;
using BrandStoryContest.Tests.Infrastructure;

namespace BrandStoryContest.EndToEnd.Infrastructure;

/// <summary>
/// The real app as its own process, the way it runs in production: the build output of
/// src/BrandStoryContest.Web (same configuration as these tests) started with <c>dotnet</c>, content
/// root at the project folder (Resources/ and wwwroot/), on 127.0.0.1 with a free port, over a fresh
/// data folder and its own container and queue in a real Azurite.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StreamWriter log;

    private AppProcess(Process process, StreamWriter log, string baseUrl, string dataFolder)
    {
        this.process = process;
        this.log = log;
        BaseUrl = baseUrl;
        DataFolder = dataFolder;
    }

    public string BaseUrl { get; }
    public string DataFolder { get; }
    public string DatabasePath => Path.Combine(DataFolder, "contest.db");

    /// <param name="settings">Environment settings applied last, e.g. a shared database, container and queue
    /// for several instances (tests/BrandStoryContest.Tests/ScaleOut links this file).</param>
    public static async Task<AppProcess> StartAsync(string storageConnectionString, string logFile, IReadOnlyDictionary<string, string>? settings = null)
    {
        var project = Path.Combine(RepoRoot.Path, "src", "BrandStoryContest.Web");
        var dll = Path.Combine(project, "bin", Metadata("Configuration"), Metadata("TargetFramework"), "BrandStoryContest.Web.dll");
        if (!File.Exists(dll))
            throw new InvalidOperationException($"The app is not built: {dll} is missing. Build the solution (dotnet build -c {Metadata("Configuration")}) first.");

        var dataFolder = Directory.CreateTempSubdirectory("bsc-e2e-").FullName;
        var log = new StreamWriter(logFile, append: false) { AutoFlush = true };
        var suffix = Guid.NewGuid().ToString("N")[..12];
        // A port found free can be taken before the app binds it; another port is tried then.
        for (var attempt = 1; ; attempt++)
        {
            var baseUrl = $"http://127.0.0.1:{Azurite.FreePort()}";
            var psi = new ProcessStartInfo(DotnetHost(), [dll, "--urls", baseUrl, "--contentRoot", project])
            {
                WorkingDirectory = project, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            psi.Environment.Remove("ConnectionStrings__Contest");
            psi.Environment.Remove("ASPNETCORE_URLS");
            psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
            psi.Environment["App__DataFolder"] = dataFolder;
            psi.Environment["App__SeedDemo"] = "false";
            psi.Environment["Storage__ConnectionString"] = storageConnectionString;
            psi.Environment["Storage__MediaContainer"] = "e2e-media-" + suffix;
            psi.Environment["Storage__MediaQueue"] = "e2e-jobs-" + suffix;
            psi.Environment["RateLimits__AccountsPerMinute"] = "10000";
            psi.Environment["RateLimits__UploadStartsPerMinute"] = "10000";
            psi.Environment["Media__PollMilliseconds"] = "200";
            foreach (var (key, value) in settings ?? new Dictionary<string, string>()) psi.Environment[key] = value;

            var process = new Process { StartInfo = psi };
            process.OutputDataReceived += (_, e) => Write(log, e.Data);
            process.ErrorDataReceived += (_, e) => Write(log, e.Data);
            Write(log, $"==> attempt {attempt}: dotnet {dll} --urls {baseUrl}");
            process.Start();
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();

            var app = new AppProcess(process, log, baseUrl, dataFolder);
            if (await app.WaitUntilHealthyAsync(TimeSpan.FromSeconds(60))) return app;
            var exited = process.HasExited;
            await app.StopAsync();
            if (!exited || attempt == 3)
            {
                log.Dispose();
                throw new InvalidOperationException($"The app did not answer /healthz on {baseUrl}; its output is in {logFile}.");
            }
        }
    }

    private async Task<bool> WaitUntilHealthyAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < until && !process.HasExited)
        {
            try
            {
                var response = await http.GetAsync(BaseUrl + "/healthz");
                if (response.IsSuccessStatusCode && await response.Content.ReadAsStringAsync() == "ok") return true;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(100);
        }
        return false;
    }

    private async Task StopAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        log.Dispose();
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { }
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null) return;
        lock (log) log.WriteLine(line);
    }

    /// <summary>The muxer that runs these tests (testhost runs under it), so the app gets the same runtime.</summary>
    private static string DotnetHost()
    {
        var self = Environment.ProcessPath;
        if (self is not null && Path.GetFileNameWithoutExtension(self) == "dotnet") return self;
        return Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
    }

    private static string Metadata(string key) =>
        typeof(AppProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
