namespace BrandStoryContest.Web.Domain;

/// <summary>
/// A regional division (赛区) of a final: a contest of its own (its own organizer, jury, rounds, awards and
/// certificates, scoped as any other contest by <see cref="Contest.OwnerId"/>) that recommends its best entries to the
/// final. Created from the final, whose categories and rules it copies, so each division category has its final one.
/// </summary>
public sealed class Division
{
    public int Id { get; set; }
    public int FinalId { get; set; }
    public Contest Final { get; set; } = null!;
    /// <summary>The division's own contest; one division per contest.</summary>
    public int ContestId { get; set; }
    public Contest Contest { get; set; } = null!;
    public string NameZh { get; set; } = "";
    public string? NameEn { get; set; }
    public List<DivisionQuota> Quotas { get; set; } = [];

    public string Name(string language) =>
        language == Languages.English && !string.IsNullOrWhiteSpace(NameEn) ? NameEn! : NameZh;
}

/// <summary>How many entries a division may recommend in one final category, and which of its own categories feeds it.</summary>
public sealed class DivisionQuota
{
    public int Id { get; set; }
    public int DivisionId { get; set; }
    public Division Division { get; set; } = null!;
    public int FinalCategoryId { get; set; }
    public Category FinalCategory { get; set; } = null!;
    public int DivisionCategoryId { get; set; }
    public Category DivisionCategory { get; set; } = null!;
    public int Quota { get; set; }
}

/// <summary>
/// A division entry recommended to the final. The final holds its own <see cref="Entry"/> row
/// (<see cref="FinalEntryId"/>, numbered in the final) that points at the same blobs and carries the same authors,
/// answers and declaration acceptances: the final's rounds, awards and certificates then work as in any contest, and
/// nothing the final's judges read names the division or its number. Withdrawn before the deadline: the final entry
/// is withdrawn (its final number is never reused) and recommending the entry again brings the same one back.
/// </summary>
public sealed class Recommendation
{
    public int Id { get; set; }
    public int DivisionId { get; set; }
    public Division Division { get; set; } = null!;
    public int SourceEntryId { get; set; }
    public Entry SourceEntry { get; set; } = null!;
    public int FinalEntryId { get; set; }
    public Entry FinalEntry { get; set; } = null!;
    public int FinalCategoryId { get; set; }
    /// <summary>The finalized round whose ranking it came from; null when the organizer chose it (then <see cref="Reason"/> says why).</summary>
    public int? FromRoundId { get; set; }
    public string? Reason { get; set; }
    public string RecommendedById { get; set; } = "";
    public DateTimeOffset RecommendedAt { get; set; }
    public DateTimeOffset? WithdrawnAt { get; set; }
    /// <summary>
    /// The recommendation's place (1..quota) in its division's quota for the final category while active; null once
    /// withdrawn. A unique index makes the quota hold when two recommendations are saved at the same moment.
    /// </summary>
    public int? QuotaSlot { get; set; }

    public bool IsActive => WithdrawnAt is null;
}

public static class DivisionRules
{
    public const int MaxQuota = 500;
    public const int MaxName = 50;
    public const int MaxReason = 500;

    /// <summary>Recommending (and withdrawing) is open while the final has a deadline that has not passed.</summary>
    public static bool AcceptsRecommendations(Contest final, DateTimeOffset now) =>
        final.RecommendationClosesAt is { } closes && now < closes;

    /// <summary>The tier name a division's certificate reads, e.g. 江城赛区一等奖; an already prefixed name is left alone.</summary>
    public static string DivisionTier(string division, string tier, bool english) =>
        tier.StartsWith(division, StringComparison.Ordinal) ? tier : english ? $"{division} {tier}" : division + tier;
}
