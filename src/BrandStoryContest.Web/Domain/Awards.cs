using System.Security.Cryptography;

namespace BrandStoryContest.Web.Domain;

/// <summary>One award level of a category, best first (一等奖 1, 二等奖 3, ...). Special awards are given by hand.</summary>
public sealed class AwardTier
{
    public int Id { get; set; }
    public int CategoryId { get; set; }
    public Category Category { get; set; } = null!;
    public string NameZh { get; set; } = "";
    public string? NameEn { get; set; }
    public int Quota { get; set; }
    public int Order { get; set; }
    /// <summary>"Best Brand Story", "Popular Choice": outside the ranking, never filled by the proposal.</summary>
    public bool IsSpecial { get; set; }

    public string Name(string language) =>
        language == Languages.English && !string.IsNullOrWhiteSpace(NameEn) ? NameEn! : NameZh;

    public static List<AwardTier> Defaults(int categoryId) =>
    [
        new() { CategoryId = categoryId, NameZh = "一等奖", NameEn = "First Prize", Quota = 1, Order = 1 },
        new() { CategoryId = categoryId, NameZh = "二等奖", NameEn = "Second Prize", Quota = 3, Order = 2 },
        new() { CategoryId = categoryId, NameZh = "三等奖", NameEn = "Third Prize", Quota = 5, Order = 3 },
        new() { CategoryId = categoryId, NameZh = "优秀奖", NameEn = "Honourable Mention", Quota = 20, Order = 4 },
    ];
}

/// <summary>An entry holding a tier. An entry holds at most one regular tier, plus any special awards.</summary>
public sealed class Award
{
    public int Id { get; set; }
    public int CategoryId { get; set; }
    public int EntryId { get; set; }
    public Entry Entry { get; set; } = null!;
    public int TierId { get; set; }
    public AwardTier Tier { get; set; } = null!;
    /// <summary>The entry's rank in the final round, when it came from the proposal.</summary>
    public int? Rank { get; set; }
    /// <summary>Placed or moved by the organizer rather than by the proposal.</summary>
    public bool IsManual { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>False: one certificate naming every author in order; true: one certificate for each author and instructor.</summary>
    public bool CertificatePerPerson { get; set; }
}

/// <summary>Entries of equal score straddling a tier's quota; results cannot be published until the organizer places them.</summary>
public sealed class AwardTie
{
    public int Id { get; set; }
    public int CategoryId { get; set; }
    public int TierId { get; set; }
    public AwardTier Tier { get; set; } = null!;
    /// <summary>Comma-separated entry ids.</summary>
    public string EntryIds { get; set; } = "";
    public int SeatsLeft { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }

    public IReadOnlyList<int> EntryIdList =>
        EntryIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToList();
}

public sealed class Certificate
{
    public int Id { get; set; }
    /// <summary>BSC-XXXX-XXXX-XXXX: 60 random bits, so numbers cannot be guessed from one another.</summary>
    public string Number { get; set; } = "";
    public int AwardId { get; set; }
    public Award Award { get; set; } = null!;
    /// <summary>0: the award's team certificate (or the entrant's own, one each); otherwise the <see cref="EntryAuthor"/> it is for.</summary>
    public int Holder { get; set; }
    /// <summary>The names the certificate carries, one a line, as printed; the verification page shows exactly these. Null on certificates issued before it was stored.</summary>
    public string? Names { get; set; }
    public string BlobName { get; set; } = "";
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    public string? RevokedReason { get; set; }

    public static string BlobFor(string number) => $"certificates/{number}.pdf";
}

public static class CertificateNumbers
{
    /// <summary>No 0/O, 1/I/L: a number read aloud or typed from paper comes out right.</summary>
    public const string Alphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";

    public static string New()
    {
        var chars = RandomNumberGenerator.GetItems<char>(Alphabet, 12);
        return $"BSC-{new string(chars, 0, 4)}-{new string(chars, 4, 4)}-{new string(chars, 8, 4)}";
    }

    public static bool LooksValid(string? number) =>
        number is { Length: 18 } && number.StartsWith("BSC-", StringComparison.Ordinal)
        && number[4..].Replace("-", "").All(c => Alphabet.Contains(c));
}

/// <summary>
/// A "like" for Popular Choice, or a public vote in a judging round (<see cref="RoundId"/> set). The unique index
/// (entry, voter, day key) is what makes it once per day or once per contest / round.
/// </summary>
public sealed class Vote
{
    public long Id { get; set; }
    public int EntryId { get; set; }
    public int ContestId { get; set; }
    /// <summary>Null for a gallery like after publication; the round for a public vote that feeds a ranking.</summary>
    public int? RoundId { get; set; }
    public string VoterId { get; set; } = "";
    /// <summary>
    /// The contest-local date (yyyy-MM-dd) when voting is per day, or <see cref="WholeContest"/>. Round votes
    /// carry "r{roundId}:" in front, so a round vote and a gallery like on the same day never collide in the index.
    /// </summary>
    public string DayKey { get; set; } = WholeContest;
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>The client's address as the app saw it (after forwarded headers), for the organizer's fraud signals.</summary>
    public string? IpAddress { get; set; }
    /// <summary>Set when the organizer voided the vote as fraudulent; it then counts nowhere but stays on record (and in the export).</summary>
    public DateTimeOffset? VoidedAt { get; set; }
    public string? VoidReason { get; set; }

    public const string WholeContest = "contest";

    public static string KeyFor(Contest contest, DateTimeOffset now) =>
        contest.VotePerDay ? ContestTime.ToLocal(now, contest.TimeZoneId).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : WholeContest;

    /// <summary>Once per round, or once per contest-local day of the round when the contest votes per day.</summary>
    public static string KeyFor(Contest contest, Round round, DateTimeOffset now) =>
        contest.VotePerDay ? $"r{round.Id}:{KeyFor(contest, now)}" : $"r{round.Id}";
}

public enum CertificateJobState { Queued, Running, Done, Failed }

/// <summary>Bulk certificate generation for a contest, run by the background worker; the organizer page polls Done/Total.</summary>
public sealed class CertificateJob
{
    public int Id { get; set; }
    public int ContestId { get; set; }
    public string RequestedById { get; set; } = "";
    /// <summary>The origin the organizer used, so QR codes point where people can reach the app.</summary>
    public string PublicOrigin { get; set; } = "";
    public CertificateJobState State { get; set; }
    public int Total { get; set; }
    public int Done { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>While Running, the instance that claimed it owns it until then; it renews after every certificate.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }
}
