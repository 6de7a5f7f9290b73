namespace BrandStoryContest.Web.Infrastructure.Mail;

public enum MailTls
{
    /// <summary>Plain SMTP (a local catcher such as smtp4dev on loopback).</summary>
    None,
    /// <summary>Connect plain, then STARTTLS; refuses a server that does not offer it.</summary>
    StartTls,
    /// <summary>TLS from the first byte (usually port 465).</summary>
    SslOnConnect,
    /// <summary>MailKit decides by port: SSL on 465, STARTTLS when offered elsewhere.</summary>
    Auto,
}

/// <summary>The "Mail" settings (README's settings table lists each).</summary>
public sealed class MailOptions
{
    public const string Section = "Mail";
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public MailTls Tls { get; set; } = MailTls.Auto;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string FromAddress { get; set; } = "noreply@brandstorycontest.local";
    public string FromName { get; set; } = "BrandStoryContest";
    /// <summary>After this many attempts a row is Failed with its last error; "send again" gives it a fresh start.</summary>
    public int MaxAttempts { get; set; } = 8;
    /// <summary>The wait after the first failure; it doubles with each further failure, up to <see cref="MaxRetrySeconds"/>.</summary>
    public int RetrySeconds { get; set; } = 30;
    public int MaxRetrySeconds { get; set; } = 3600;
    /// <summary>How long a claim holds: a dispatcher that dies leaves its rows to others after this.</summary>
    public int LeaseSeconds { get; set; } = 120;
    /// <summary>Rows claimed and sent over one SMTP connection at a time.</summary>
    public int BatchSize { get; set; } = 100;
    public int PollMilliseconds { get; set; } = 1000;
    /// <summary>
    /// Write mail to the outbox table and send nothing (admins read it at /admin/outbox). Production refuses to
    /// start without a Host unless this is set, so "no mail server" is a decision, not an accident.
    /// </summary>
    public bool OutboxOnly { get; set; }

    public bool Delivers => !OutboxOnly && !string.IsNullOrWhiteSpace(Host);
}
