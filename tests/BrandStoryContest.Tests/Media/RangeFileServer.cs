using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace BrandStoryContest.Tests.Media;

/// <summary>
/// Serves one file over HTTP on 127.0.0.1 with byte-range support, the way blob storage does,
/// and records the Range headers it was asked for.
/// </summary>
public sealed partial class RangeFileServer : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly string _path;

    public RangeFileServer(string path)
    {
        _path = path;
        var port = FreePort();
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        Url = $"http://127.0.0.1:{port}/films/{Uri.EscapeDataString(Path.GetFileName(path))}";
        _ = Task.Run(AcceptAsync);
    }

    public string Url { get; }

    public ConcurrentQueue<string> RangesRequested { get; } = new();

    public void Dispose() => _listener.Close();

    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private async Task AcceptAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return; // stopped
            }

            _ = Task.Run(() => RespondAsync(context));
        }
    }

    private async Task RespondAsync(HttpListenerContext context)
    {
        var response = context.Response;
        try
        {
            await using var file = File.OpenRead(_path);
            long start = 0, end = file.Length - 1;
            if (context.Request.Headers["Range"] is { } range && RangeHeader().Match(range) is { Success: true } match)
            {
                RangesRequested.Enqueue(range);
                start = long.Parse(match.Groups[1].Value);
                if (match.Groups[2].Value.Length > 0)
                {
                    end = Math.Min(end, long.Parse(match.Groups[2].Value));
                }

                if (start > end)
                {
                    response.StatusCode = 416;
                    response.AddHeader("Content-Range", $"bytes */{file.Length}");
                    response.Close();
                    return;
                }

                response.StatusCode = 206;
                response.AddHeader("Content-Range", $"bytes {start}-{end}/{file.Length}");
            }

            response.AddHeader("Accept-Ranges", "bytes");
            response.ContentType = "video/mp4";
            response.ContentLength64 = end - start + 1;
            file.Position = start;

            var buffer = new byte[64 * 1024];
            for (var left = end - start + 1; left > 0;)
            {
                var read = await file.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, left)));
                await response.OutputStream.WriteAsync(buffer.AsMemory(0, read));
                left -= read;
            }

            response.Close();
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // ffprobe hangs up as soon as it has what it needs.
            response.Abort();
        }
    }

    [GeneratedRegex(@"^bytes=(\d+)-(\d*)$")]
    private static partial Regex RangeHeader();
}

/// <summary>Accepts TCP connections and never answers: a stalled origin.</summary>
public sealed class SilentServer : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentBag<TcpClient> _clients = [];

    public SilentServer()
    {
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _ = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    _clients.Add(await _listener.AcceptTcpClientAsync());
                }
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException)
            {
                // stopped
            }
        });
    }

    public int Port { get; }

    public void Dispose()
    {
        _listener.Stop();
        foreach (var client in _clients)
        {
            client.Dispose();
        }
    }
}
