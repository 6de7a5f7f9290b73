using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace BrandStoryContest.Tests.Infrastructure;

/// <summary>
/// A real Azurite for the test run. test.sh starts one and passes its connection string in
/// BSC_TEST_STORAGE; without it (an IDE run) the tests start their own from storage-emulator/.
/// </summary>
public sealed class Azurite : IAsyncDisposable
{
    private const string Key = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private Process? process;
    public string ConnectionString { get; private set; } = "";
    public int BlobPort { get; private set; }
    public int QueuePort { get; private set; }
    public string DataFolder { get; private set; } = "";

    public static Azurite FromEnvironmentOrStart()
    {
        var external = Environment.GetEnvironmentVariable("BSC_TEST_STORAGE");
        if (!string.IsNullOrWhiteSpace(external)) return new Azurite { ConnectionString = external };
        var azurite = new Azurite();
        azurite.Start(FreePort(), FreePort(), Directory.CreateTempSubdirectory("bsc-azurite-").FullName);
        // Shared by every test class and never disposed by xunit: stop it when the test process ends.
        AppDomain.CurrentDomain.ProcessExit += (_, _) => azurite.Kill();
        return azurite;
    }

    /// <summary>Starts (or restarts, on the same ports and data) a real Azurite process.</summary>
    public void Start(int blobPort, int queuePort, string dataFolder)
    {
        BlobPort = blobPort; QueuePort = queuePort; DataFolder = dataFolder;
        var bin = Path.Combine(RepoRoot.Path, "storage-emulator", "node_modules", ".bin", "azurite");
        if (!File.Exists(bin)) throw new InvalidOperationException($"Azurite is not installed: run 'npm ci' in storage-emulator/ (looked for {bin}).");
        var psi = new ProcessStartInfo(bin,
            ["--silent", "--location", dataFolder, "--blobHost", "127.0.0.1", "--blobPort", blobPort.ToString(),
             "--queueHost", "127.0.0.1", "--queuePort", queuePort.ToString(), "--tableHost", "127.0.0.1", "--tablePort", "0",
             "--skipApiVersionCheck", "--disableProductStyleUrl"])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        process = Process.Start(psi)!;
        process.BeginOutputReadLine(); process.BeginErrorReadLine();
        WaitForPort(blobPort); WaitForPort(queuePort);
        ConnectionString = $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={Key};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queuePort}/devstoreaccount1;";
    }

    public void Kill()
    {
        if (process is { HasExited: false }) { process.Kill(entireProcessTree: true); process.WaitForExit(); }
        process = null;
    }

    public bool OwnsProcess => process is not null;

    public ValueTask DisposeAsync()
    {
        Kill();
        return ValueTask.CompletedTask;
    }

    public static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static void WaitForPort(int port)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            try { using var c = new TcpClient(); c.Connect(IPAddress.Loopback, port); return; }
            catch (SocketException) { Thread.Sleep(100); }
        }
        throw new TimeoutException($"Azurite did not listen on {port} within 30 s.");
    }
}

public static class RepoRoot
{
    public static readonly string Path = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "BrandStoryContest.sln"))) return dir.FullName;
        throw new InvalidOperationException("BrandStoryContest.sln not found above the test folder.");
    }
}
