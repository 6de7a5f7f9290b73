using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace BrandStoryContest.Bench;

/// <summary>
/// The real app as its own process (the Release build, like AppProcess in the end-to-end tests) over a fresh
/// data folder, the demo accounts, and Azurite's container/queue of its own. The media worker and the blob
/// sweeper are off so that nothing but the measured requests runs in it.
/// </summary>
public sealed partial class AppUnderTest : IAsyncDisposable
{
    public const string Password = "Demo#2026";
    private readonly Process _process;

    private AppUnderTest(Process process, string baseUrl, string dataFolder, string storage, string container, string logName)
    {
        _process = process; BaseUrl = baseUrl; DataFolder = dataFolder; Storage = storage; Container = container; LogName = logName;
    }

    /// <summary>The log's file name in the work folder.</summary>
    public string LogName { get; }
    public bool HasExited => _process.HasExited;

    public string BaseUrl { get; }
    public string DataFolder { get; }
    public string Storage { get; }
    public string Container { get; }
    public int Pid => _process.Id;
    public string DatabasePath => Path.Combine(DataFolder, "contest.db");

    /// <param name="settings">Overrides of the settings below (the surge runs PostgreSQL and two instances on one container).</param>
    /// <param name="logName">The log in the work folder; two instances at once need two.</param>
    public static async Task<AppUnderTest> StartAsync(BenchOptions options, IReadOnlyDictionary<string, string>? settings = null, string logName = "app.log")
    {
        var storage = options.Storage ?? throw new ArgumentException("--storage (Azurite connection string) is required for upload/pages");
        var project = Path.Combine(options.RepoRoot, "src", "BrandStoryContest.Web");
        var dll = Path.Combine(project, "bin", "Release", "net10.0", "BrandStoryContest.Web.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: build the web project in Release first.");
        var dataFolder = Directory.CreateTempSubdirectory("bsc-bench-app-").FullName;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var psi = new ProcessStartInfo("dotnet", [dll, "--urls", baseUrl, "--contentRoot", project])
        {
            WorkingDirectory = project, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        psi.Environment.Remove("ConnectionStrings__Contest");
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        psi.Environment["Logging__LogLevel__Default"] = "Warning";
        psi.Environment["App__DataFolder"] = dataFolder;
        psi.Environment["App__SeedDemo"] = "true";
        psi.Environment["Storage__ConnectionString"] = storage;
        psi.Environment["Storage__MediaContainer"] = "bench-media-" + suffix;
        psi.Environment["Storage__MediaQueue"] = "bench-jobs-" + suffix;
        psi.Environment["RateLimits__AccountsPerMinute"] = "100000";
        psi.Environment["RateLimits__UploadStartsPerMinute"] = "100000";
        psi.Environment["Media__WorkerEnabled"] = "false";
        psi.Environment["Maintenance__SweeperEnabled"] = "false";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) psi.Environment[key] = value;
        var log = new StreamWriter(Path.Combine(options.Work, logName), append: false) { AutoFlush = true };
        var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (log) log.WriteLine(e.Data); };
        process.Start();
        process.BeginOutputReadLine(); process.BeginErrorReadLine();
        var app = new AppUnderTest(process, baseUrl, dataFolder, storage, psi.Environment["Storage__MediaContainer"]!, logName);

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var until = DateTime.UtcNow.AddSeconds(90);
        while (DateTime.UtcNow < until && !process.HasExited)
        {
            try { if ((await http.GetStringAsync(baseUrl + "/healthz")) == "ok") return app; }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException) { }
            await Task.Delay(200);
        }
        await app.DisposeAsync();
        throw new InvalidOperationException($"The app did not become healthy; see {options.Work}/{logName}");
    }

    /// <summary>Peak resident set size of the app process so far (VmHWM), in MiB.</summary>
    public double PeakRssMiB() => StatusMiB("VmHWM:");

    /// <summary>Resets the peak RSS (VmHWM) to the current RSS, so a later <see cref="PeakRssMiB"/> covers only what follows; false where the kernel refuses.</summary>
    public bool ResetPeakRss()
    {
        try { File.WriteAllText($"/proc/{Pid}/clear_refs", "5"); return true; }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return false; }
    }

    /// <summary>Resident set size of the app process now (VmRSS), in MiB.</summary>
    public double RssMiB() => StatusMiB("VmRSS:");

    private double StatusMiB(string field)
    {
        var line = File.ReadLines($"/proc/{Pid}/status").First(l => l.StartsWith(field));
        return long.Parse(Regex.Match(line, @"\d+").Value) / 1024.0;
    }

    /// <summary>CPU time the app process has used so far (user + system), in seconds.</summary>
    public double CpuSeconds()
    {
        // Fields 14 and 15 of /proc/PID/stat, counted after the ")" that ends the command name; Linux reports them in
        // clock ticks, which are 1/100 s on every Linux this runs on (sysconf(_SC_CLK_TCK)).
        var stat = File.ReadAllText($"/proc/{Pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11]) + long.Parse(fields[12])) / 100.0;
    }

    public SqliteConnection OpenDb()
    {
        var db = new SqliteConnection($"Data Source={DatabasePath};Pooling=false");
        db.Open();
        using var wait = db.CreateCommand();
        wait.CommandText = "PRAGMA busy_timeout = 10000;";
        wait.ExecuteNonQuery();
        return db;
    }

    public static long Ticks(DateTimeOffset at) => (long)new DateTimeOffsetToBinaryConverter().ConvertToProvider(at)!;

    /// <summary>
    /// After rows were written by SQL behind the app's back: bumps every contest's data version, as the app's own saves
    /// do (Data/DataVersions.cs), so no judge page, ranking or organizer entry list the app kept before the seed is shown again.
    /// </summary>
    public static void BumpDataVersions(SqliteConnection db)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = """
            INSERT INTO DataVersions (ContestId, Kind, Version) SELECT Id, k.Kind, 1 FROM Contests, (SELECT 0 AS Kind UNION ALL SELECT 100) k WHERE true
            ON CONFLICT (ContestId, Kind) DO UPDATE SET Version = DataVersions.Version + 1
            """;
        cmd.ExecuteNonQuery();
    }

    public static object Scalar(SqliteConnection db, string sql, params (string Name, object Value)[] args)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value);
        return cmd.ExecuteScalar() ?? throw new InvalidOperationException($"no row for: {sql}");
    }

    public static string UserId(SqliteConnection db, string email) =>
        (string)Scalar(db, "SELECT Id FROM AspNetUsers WHERE NormalizedEmail = $e", ("$e", email.ToUpperInvariant()));

    /// <summary>An HttpClient signed in as <paramref name="email"/> through the real login form (antiforgery included).</summary>
    public async Task<(HttpClient Http, CookieContainer Cookies)> SignInAsync(string email)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false, MaxConnectionsPerServer = 16 })
        { BaseAddress = new Uri(BaseUrl), Timeout = TimeSpan.FromMinutes(2) };
        var form = await http.GetStringAsync("/account/login");
        var response = await http.PostAsync("/account/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = Password, ["__RequestVerificationToken"] = Token(form),
        }));
        if (response.StatusCode != HttpStatusCode.Redirect || cookies.GetCookies(new Uri(BaseUrl))["bsc.auth"] is null)
            throw new InvalidOperationException($"sign-in as {email} failed: {(int)response.StatusCode}");
        return (http, cookies);
    }

    public static string Token(string html) =>
        TokenInput().Match(html) is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException("no antiforgery token in the page");

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenInput();

    public static int FreePort()
    {
        using var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    /// <summary>
    /// SIGKILL (what Process.Kill sends on Linux) to the app and its children (an ffmpeg of a film job in flight), as a
    /// container's crash takes them all: no shutdown, no flushing, requests in flight are cut off.
    /// </summary>
    public void Crash()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited) { _process.Kill(entireProcessTree: true); await _process.WaitForExitAsync(); }
        _process.Dispose();
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { }
    }
}
