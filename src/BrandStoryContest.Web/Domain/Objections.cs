namespace BrandStoryContest.Web.Domain;

public enum ObjectionState { Pending, Upheld, Dismissed }

/// <summary>
/// 异议: someone objects to a proposed winner during the notice period (公示). The organizer upholds it (the
/// entry is disqualified and the awards are refilled by the quota rules) or dismisses it with a reason.
/// </summary>
public sealed class Objection
{
    public int Id { get; set; }
    public int ContestId { get; set; }
    public int EntryId { get; set; }
    public Entry Entry { get; set; } = null!;
    public string FiledById { get; set; } = "";
    public Account FiledBy { get; set; } = null!;
    public string Reason { get; set; } = "";
    public string? EvidenceBlob { get; set; }
    public string? EvidenceFileName { get; set; }
    public DateTimeOffset FiledAt { get; set; }
    public ObjectionState State { get; set; }
    /// <summary>The organizer's reason, shown to the entrant and to the person who objected.</summary>
    public string? Decision { get; set; }
    public string? DecidedById { get; set; }
    public DateTimeOffset? DecidedAt { get; set; }

    public const int MaxReasonLength = 2000;
    public const long MaxEvidenceBytes = 10 * 1024 * 1024;

    public static string EvidenceBlobFor(int contestId, string id, string extension) => $"objections/{contestId}/{id}.{extension}";
}

/// <summary>Where a contest's results stand: being decided, on public notice (公示), or final.</summary>
public enum ResultsStage { Draft, Notice, Final }
