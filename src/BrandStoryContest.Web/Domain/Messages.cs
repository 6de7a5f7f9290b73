namespace BrandStoryContest.Web.Domain;

/// <summary>
/// One mail, written in the same SaveChanges as the change that causes it (the outbox is the transactional
/// queue) and delivered later by the dispatcher (Infrastructure/Mail/MailDispatcher.cs).
/// The row holds the mail as rendered when it was queued (subject, HTML, text), not its template model: the
/// contest's name, time zone and links are those of the moment the thing happened, "send again" sends exactly
/// what failed, the outbox page shows what the recipient gets, and the dispatcher needs no templates.
/// </summary>
public sealed class OutboxMessage
{
    public int Id { get; set; }
    /// <summary>The template that made it (the mail record's name without "Mail"), e.g. ConfirmEmail, Receipt.</summary>
    public string Kind { get; set; } = "";
    public string To { get; set; } = "";
    /// <summary>The account it is for; null when the address has no account yet (a judge invitation).</summary>
    public string? RecipientId { get; set; }
    /// <summary>The language it was rendered in (the recipient's preferred language, zh-CN or en).</summary>
    public string Language { get; set; } = Languages.Chinese;
    /// <summary>The contest it belongs to; null for mail about the account itself. Organizers see only their contests' rows.</summary>
    public int? ContestId { get; set; }
    public string Subject { get; set; } = "";
    public string Text { get; set; } = "";
    public string Html { get; set; } = "";
    /// <summary>The link the recipient is meant to follow (confirmation, invitation), kept apart for the outbox page.</summary>
    public string? Link { get; set; }
    /// <summary>
    /// Fixed when the row is written and sent with every attempt: a message sent twice (a crash between sending and
    /// marking it sent) arrives twice with the same Message-Id, which is how a duplicate is recognised.
    /// </summary>
    public string MessageId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    public OutboxState State { get; set; } = OutboxState.Pending;
    /// <summary>Delivery attempts begun so far (a claim counts as one).</summary>
    public int Attempts { get; set; }
    /// <summary>A pending row is not claimed before this instant (exponential backoff after a failure).</summary>
    public DateTimeOffset NextAttemptAt { get; set; }
    /// <summary>Which dispatcher claimed the row and until when; a row whose lease ran out may be claimed again.</summary>
    public string? LeaseOwner { get; set; }
    public DateTimeOffset? LeaseExpiresAt { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? SentAt { get; set; }
}

/// <summary>Pending → Sending (claimed under a lease) → Sent, or back to Pending after a failed attempt, or Failed after the last one.</summary>
public enum OutboxState
{
    Pending = 0,
    Sending = 1,
    Sent = 2,
    Failed = 3,
}

/// <summary>Who changed what, when, from which value to which, and why.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string ActorId { get; set; } = "";
    public string Action { get; set; } = "";
    public string EntityType { get; set; } = "";
    public string EntityId { get; set; } = "";
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
    public string? Reason { get; set; }
}

/// <summary>
/// A link that lets one person become a judge of one contest: the account whose email was invited, once, within
/// <see cref="ValidDays"/> days. A link forwarded or leaked to anyone else is worth nothing to them.
/// </summary>
public sealed class JudgeInvitation
{
    public const int ValidDays = 14;

    public int Id { get; set; }
    public string Token { get; set; } = "";
    public int ContestId { get; set; }
    public Contest Contest { get; set; } = null!;
    public string Email { get; set; } = "";
    public string InvitedById { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public string? AcceptedById { get; set; }

    /// <summary>Emails compare the way Identity compares them (trimmed, upper invariant), so case never locks the judge out.</summary>
    public static string NormalizeEmail(string? email) => (email ?? "").Trim().ToUpperInvariant();

    /// <summary>Why this account may not accept now, or null. The invitation itself is not changed by a refusal.</summary>
    public RuleViolation? WhyNotFor(string? accountEmail, DateTimeOffset now, string timeZoneId) =>
        AcceptedAt is not null ? new("", "This invitation has already been used. Ask the organizer for a new one if you need it.")
        : now >= ExpiresAt ? new("", "This invitation expired on {0}. Ask the organizer for a new one.", ContestTime.Format(ExpiresAt, timeZoneId))
        : NormalizeEmail(accountEmail) != NormalizeEmail(Email)
            ? new("", "This invitation was sent to another email address. Sign in with the account of the invited address to accept it.")
        : null;
}

/// <summary>The contest's jury pool; panels per category are drawn from it.</summary>
public sealed class ContestJudge
{
    public int ContestId { get; set; }
    public string JudgeId { get; set; } = "";
    public Account Judge { get; set; } = null!;
}
