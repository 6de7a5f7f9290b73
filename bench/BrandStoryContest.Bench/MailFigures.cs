using System.Buffers;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Entries;
using BrandStoryContest.Web.Infrastructure.Mail;
using BrandStoryContest.Web.Infrastructure.Web;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using SmtpServer;
using SmtpResponse = SmtpServer.Protocol.SmtpResponse;
using SmtpServer.Storage;

namespace BrandStoryContest.Bench;

/// <summary>
/// The deadline surge: 10,000 receipts queued at once through Outbox.Queue (rendered, one SaveChanges), then delivered
/// by the app's dispatcher (leased claims, default batch size, one loop as one instance runs) over MailKit to an
/// SMTP server on loopback (the SmtpServer package, in this process). The baseline is a plain MailKit loop sending
/// the same 10,000 messages over one connection to the same server, in the same run. Every arrival is counted by
/// Message-Id: zero duplicates and zero lost.
/// </summary>
public static class MailFigures
{
    private static readonly int Receipts = int.TryParse(Environment.GetEnvironmentVariable("BSC_BENCH_MAIL_COUNT"), out var n) ? n : 10_000;

    public static async Task RunAsync(BenchOptions options, ResultTable table)
    {
        const string label = "Mail: 10,000 receipts queued at once, delivered by the dispatcher to a loopback SMTP server";
        const string goal = "≥ 0.8× a plain MailKit loop; 0 duplicates, 0 lost";
        Console.WriteLine($"==> mail ({Receipts:N0} receipts)");
        var folder = Directory.CreateTempSubdirectory("bsc-bench-mail-").FullName;
        try
        {
            var port = FreePort();
            var received = new ConcurrentDictionary<string, int>();
            var server = StartServer(port, received);
            var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["App:PublicUrl"] = "https://contest.example.org", ["Mail:Host"] = "127.0.0.1", ["Mail:Port"] = port.ToString(),
                ["Mail:Tls"] = "None", ["Mail:FromAddress"] = "contest@example.org",
            }).Build();
            var services = new ServiceCollection().AddLogging().AddSingleton<IConfiguration>(config).AddHttpContextAccessor()
                .AddSingleton(TimeProvider.System).AddScoped<AppLinks>()
                .AddDbContext<ContestDb>(o => o.UseSqlite($"Data Source={Path.Combine(folder, "contest.db")};Default Timeout=30"));
            services.AddContestMail(config, runDispatcher: false);
            await using var provider = services.BuildServiceProvider();
            using (var scope = provider.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<ContestDb>();
                await db.Database.MigrateAsync();
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            }

            var contest = new Contest { Id = 1, Code = "BSC2026", TitleZh = "江城品牌故事大赛", TitleEn = "Jiangcheng Brand Story Contest" };
            var queueWatch = Stopwatch.StartNew();
            using (var scope = provider.CreateScope())
            {
                var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
                var now = DateTimeOffset.UtcNow;
                for (var i = 0; i < Receipts; i++)
                    outbox.Queue(new MailRecipient($"writer{i}@example.org", null, i % 2 == 0 ? Languages.Chinese : Languages.English),
                        new ReceiptMail($"品牌故事 {i}", $"BSC2026-S-{i:D5}", now, now.AddDays(3), $"https://contest.example.org/entries/{i}"), contest);
                await scope.ServiceProvider.GetRequiredService<ContestDb>().SaveChangesAsync();
            }
            queueWatch.Stop();

            // The baseline first, over the same rows, so both runs send identical messages.
            List<OutboxMessage> rows;
            using (var scope = provider.CreateScope())
                rows = await scope.ServiceProvider.GetRequiredService<ContestDb>().Outbox.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
            var baselineReceived = new ConcurrentDictionary<string, int>();
            var baselinePort = FreePort();
            var baselineServer = StartServer(baselinePort, baselineReceived);
            Console.WriteLine($"  queued {Receipts:N0} in {queueWatch.Elapsed.TotalSeconds:0.0} s; plain MailKit loop");
            var plain = await PlainLoopAsync(rows, baselinePort);
            Console.WriteLine($"  plain loop {plain.TotalSeconds:0.0} s, {baselineReceived.Count:N0} arrived; dispatcher");
            baselineServer.Shutdown();

            var dispatcher = provider.GetRequiredService<MailDispatcher>();
            var watch = Stopwatch.StartNew();
            while (await dispatcher.RunOnceAsync(CancellationToken.None) > 0) { }
            watch.Stop();
            server.Shutdown();

            int sent;
            using (var scope = provider.CreateScope())
                sent = await scope.ServiceProvider.GetRequiredService<ContestDb>().Outbox.CountAsync(m => m.State == OutboxState.Sent);
            var duplicates = received.Values.Sum(c => c - 1);
            var lost = rows.Count(r => !received.ContainsKey(r.MessageId));
            var rate = Receipts / watch.Elapsed.TotalSeconds;
            var baseline = Receipts / plain.TotalSeconds;
            table.Add(label,
                $"{rate:0} messages/s ({watch.Elapsed.TotalSeconds:0.0} s); {sent:N0} marked sent, {duplicates} duplicates, {lost} lost; queueing took {queueWatch.Elapsed.TotalSeconds:0.0} s ({Receipts / queueWatch.Elapsed.TotalSeconds:0}/s rendered + saved)",
                $"{baseline:0} messages/s ({plain.TotalSeconds:0.0} s, plain MailKit loop, one connection)",
                $"{rate / baseline:0.00}×", goal, rate / baseline >= 0.8 && duplicates == 0 && lost == 0 && sent == Receipts);
        }
        catch (Exception e) { table.Failed(label, goal, e); }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<TimeSpan> PlainLoopAsync(IReadOnlyList<OutboxMessage> rows, int port)
    {
        var watch = Stopwatch.StartNew();
        using var client = new SmtpClient();
        // The same socket option as the app's sender (NoDelay), so the two differ only in the dispatcher's work.
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(IPAddress.Loopback, port);
        await client.ConnectAsync(socket, "127.0.0.1", port, SecureSocketOptions.None);
        foreach (var m in rows)
        {
            var mime = new MimeMessage { Subject = m.Subject, MessageId = m.MessageId, Date = DateTimeOffset.UtcNow };
            mime.From.Add(new MailboxAddress("BrandStoryContest", "contest@example.org"));
            mime.To.Add(MailboxAddress.Parse(m.To));
            mime.Body = new BodyBuilder { TextBody = m.Text, HtmlBody = m.Html }.ToMessageBody();
            await client.SendAsync(mime);
        }
        await client.DisconnectAsync(true);
        return watch.Elapsed;
    }

    private static SmtpServer.SmtpServer StartServer(int port, ConcurrentDictionary<string, int> received)
    {
        var options = new SmtpServerOptionsBuilder().ServerName("bench.local")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, port)).SessionTimeout(TimeSpan.FromMinutes(30))).Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new CountingStore(received));
        services.Add(new NoDelayListenerFactory());
        var server = new SmtpServer.SmtpServer(options, services);
        _ = server.StartAsync(CancellationToken.None);
        for (var i = 0; i < 200; i++)
        {
            try { using var tcp = new TcpClient(); tcp.Connect(IPAddress.Loopback, port); break; }
            catch (SocketException) { Thread.Sleep(25); }
        }
        return server;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>
    /// The package's own listener leaves Nagle on for its answers, which costs every message a delayed ACK (about 40 ms
    /// on Linux loopback) in both loops alike, so the figure would measure the kernel's timer and not the sender.
    /// This listener sets NoDelay on each accepted socket; the package's pipe type is internal, hence reflection.
    /// </summary>
    private sealed class NoDelayListenerFactory : SmtpServer.Net.IEndpointListenerFactory
    {
        public SmtpServer.Net.IEndpointListener CreateListener(IEndpointDefinition endpoint)
        {
            var listener = new TcpListener(endpoint.Endpoint);
            listener.Start();
            return new Listener(listener);
        }

        private sealed class Listener(TcpListener listener) : SmtpServer.Net.IEndpointListener
        {
            private static readonly Type Pipe = typeof(SmtpServer.SmtpServer).Assembly.GetType("SmtpServer.IO.SecurableDuplexPipe", throwOnError: true)!;

            public async Task<SmtpServer.IO.ISecurableDuplexPipe> GetPipeAsync(ISessionContext context, CancellationToken cancellationToken)
            {
                var client = await listener.AcceptTcpClientAsync(cancellationToken);
                client.NoDelay = true;
                return (SmtpServer.IO.ISecurableDuplexPipe)Activator.CreateInstance(Pipe,
                    System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Public,
                    null, [client.GetStream(), (Action)client.Dispose], null)!;
            }

            public void Dispose() => listener.Stop();
        }
    }

    private sealed class CountingStore(ConcurrentDictionary<string, int> received) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction,
            ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            using var stream = new MemoryStream(buffer.ToArray());
            var headers = await HeaderList.LoadAsync(stream, cancellationToken);
            var id = MimeKit.Utils.MimeUtils.ParseMessageId(headers[HeaderId.MessageId] ?? "") ?? "";
            received.AddOrUpdate(id, 1, (_, n) => n + 1);
            return SmtpResponse.Ok;
        }
    }
}
