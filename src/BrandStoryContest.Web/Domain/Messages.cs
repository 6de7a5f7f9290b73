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

/// <summary>A link that lets one person become a judge of one contest.</summary>
public sealed class JudgeInvitation
{
    public int Id { get; set; }
    public string Token { get; set; } = "";
    public int ContestId { get; set; }
    public Contest Contest { get; set; } = null!;
    public string Email { get; set; } = "";
    public string InvitedById { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? AcceptedAt { get; set; }
    public string? AcceptedById { get; set; }
}

/// <summary>The contest's jury pool; panels per category are drawn from it.</summary>
public sealed class ContestJudge
{
    public int ContestId { get; set; }
    public string JudgeId { get; set; } = "";
    public Account Judge { get; set; } = null!;
}
