using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace BrandStoryContest.Tests.Infrastructure;

/// <summary>
/// A real SMTP server (the SmtpServer package) on a free loopback port, in the test process, keeping every message
/// it accepts. It can be stopped and started again on the same port, to be "down" for a while.
/// </summary>
public sealed class SmtpCatcher : IAsyncDisposable
{
    public int Port { get; } = FreePort();
    public ConcurrentQueue<MimeMessage> Received { get; } = new();
    private SmtpServer.SmtpServer? server;
    private Task? running;

    public SmtpCatcher Start()
    {
        var options = new SmtpServerOptionsBuilder().ServerName("catcher.test")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)).SessionTimeout(TimeSpan.FromMinutes(30))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(this));
        server = new SmtpServer.SmtpServer(options, services);
        running = server.StartAsync(CancellationToken.None);
        // Listening once a TCP connect succeeds: poll, do not sleep.
        WaitUntil(() => CanConnect(), TimeSpan.FromSeconds(10), "the SMTP catcher to listen");
        return this;
    }

    public async Task StopAsync()
    {
        if (server is null) return;
        server.Shutdown();
        await server.ShutdownTask.WaitAsync(TimeSpan.FromSeconds(10));
        if (running is not null) await running.WaitAsync(TimeSpan.FromSeconds(10)).ContinueWith(_ => { });
        server = null;
    }

    /// <summary>Settings that point the app at this server.</summary>
    public Dictionary<string, string?> Settings => new()
    {
        ["Mail:Host"] = "127.0.0.1", ["Mail:Port"] = Port.ToString(), ["Mail:Tls"] = "None",
        ["Mail:FromAddress"] = "contest@catcher.test", ["Mail:PollMilliseconds"] = "50",
    };

    public IReadOnlyList<MimeMessage> To(string address) =>
        Received.Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))).ToList();

    public async Task<MimeMessage> WaitForAsync(string address, TimeSpan? timeout = null)
    {
        var until = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < until)
        {
            if (To(address) is [var first, ..]) return first;
            await Task.Delay(25);
        }
        throw new TimeoutException($"No mail to {address} arrived at the SMTP catcher.");
    }

    public static async Task WaitUntilAsync(Func<bool> done, TimeSpan timeout, string what)
    {
        var until = DateTime.UtcNow + timeout;
        while (!done())
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"Timed out waiting for {what}.");
            await Task.Delay(25);
        }
    }

    private static void WaitUntil(Func<bool> done, TimeSpan timeout, string what) => WaitUntilAsync(done, timeout, what).GetAwaiter().GetResult();

    private bool CanConnect()
    {
        try
        {
            using var tcp = new TcpClient();
            tcp.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException) { return false; }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private sealed class Store(SmtpCatcher catcher) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            catcher.Received.Enqueue(await MimeMessage.LoadAsync(stream, cancellationToken));
            return SmtpResponse.Ok;
        }
    }
}
