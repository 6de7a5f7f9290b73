using BrandStoryContest.Web.Domain;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace BrandStoryContest.Web.Infrastructure.Mail;

/// <summary>
/// SMTP through MailKit. One connection is kept open between batches (a deadline surge of receipts would otherwise
/// pay a TCP + EHLO + TLS handshake per batch) and reopened when the server dropped it.
/// </summary>
public sealed class SmtpMailSender(IOptions<MailOptions> options, TimeProvider clock) : IMailSender, IDisposable
{
    private readonly SemaphoreSlim gate = new(1, 1);
    private SmtpClient? client;

    public async Task<IReadOnlyList<string?>> SendAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken ct)
    {
        var o = options.Value;
        var results = new string?[batch.Count];
        await gate.WaitAsync(ct);
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                MimeMessage mime;
                try { mime = ToMime(batch[i], o); }
                catch (ParseException e) { results[i] = "Invalid address: " + e.Message; continue; }
                var reused = client is { IsConnected: true };
                try
                {
                    await SendOneAsync(mime, o, ct);
                }
                catch (Exception e) when (reused && e is ServiceNotConnectedException or IOException or SmtpProtocolException)
                {
                    // The server closed the idle connection: once more on a fresh one.
                    Drop();
                    try { await SendOneAsync(mime, o, ct); }
                    catch (Exception again) when (again is not OperationCanceledException) { if (!Failed(results, i, again)) break; }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    if (!Failed(results, i, e)) break;
                }
            }
        }
        finally { gate.Release(); }
        return results;
    }

    /// <summary>Records the error; false when the connection is gone, so every later message of the batch failed too.</summary>
    private bool Failed(string?[] results, int i, Exception e)
    {
        results[i] = e.Message;
        if (e is SmtpCommandException && client is { IsConnected: true }) return true;
        Drop();
        for (var j = i + 1; j < results.Length; j++) results[j] = e.Message;
        return false;
    }

    private async Task SendOneAsync(MimeMessage mime, MailOptions o, CancellationToken ct)
    {
        if (client is not { IsConnected: true })
        {
            Drop();
            var fresh = new SmtpClient { Timeout = 30_000 };
            try
            {
                await fresh.ConnectAsync(await OpenSocketAsync(o, ct), o.Host!, o.Port, Socket(o.Tls), ct);
                if (!string.IsNullOrEmpty(o.User)) await fresh.AuthenticateAsync(o.User, o.Password ?? "", ct);
            }
            catch
            {
                fresh.Dispose();
                throw;
            }
            client = fresh;
        }
        await client.SendAsync(mime, ct);
    }

    /// <summary>
    /// SMTP is one short command and one short answer at a time: with Nagle's algorithm on, a message's last segment
    /// waits for the server's delayed ACK (about 40 ms a message on Linux loopback). NoDelay sends it at once.
    /// </summary>
    public static async Task<System.Net.Sockets.Socket> OpenSocketAsync(MailOptions o, CancellationToken ct)
    {
        var host = o.Host ?? throw new InvalidOperationException("Mail:Host is not set.");
        var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(host, o.Port, ct);
            return socket;
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private static SecureSocketOptions Socket(MailTls tls) => tls switch
    {
        MailTls.None => SecureSocketOptions.None,
        MailTls.StartTls => SecureSocketOptions.StartTls,
        MailTls.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };

    private MimeMessage ToMime(OutboxMessage m, MailOptions o)
    {
        var mime = new MimeMessage { Subject = m.Subject, MessageId = m.MessageId, Date = clock.GetUtcNow() };
        mime.From.Add(new MailboxAddress(o.FromName, o.FromAddress));
        mime.To.Add(MailboxAddress.Parse(m.To));
        mime.Headers.Add("X-BSC-Kind", m.Kind);
        var body = new BodyBuilder { TextBody = m.Text };
        if (!string.IsNullOrEmpty(m.Html)) body.HtmlBody = m.Html;
        mime.Body = body.ToMessageBody();
        // A content header: MimeKit keeps it on the body entity, where readers look for it.
        mime.Body.Headers.Add(HeaderId.ContentLanguage, m.Language);
        return mime;
    }

    private void Drop()
    {
        if (client is null) return;
        try { if (client.IsConnected) client.Disconnect(quit: false); } catch (Exception) { /* already gone */ }
        client.Dispose();
        client = null;
    }

    public void Dispose()
    {
        Drop();
        gate.Dispose();
    }
}
