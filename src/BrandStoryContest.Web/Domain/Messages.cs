namespace BrandStoryContest.Web.Domain;

/// <summary>Mail the app would send. There is no SMTP: organizers and admins read the outbox page.</summary>
public sealed class OutboxMessage
{
    public int Id { get; set; }
    public string To { get; set; } = "";
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    /// <summary>A link the recipient is meant to follow (confirmation, invitation), kept apart for tests and the UI.</summary>
    public string? Link { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
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
