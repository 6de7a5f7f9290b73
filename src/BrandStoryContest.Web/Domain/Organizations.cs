namespace BrandStoryContest.Web.Domain;

/// <summary>
/// A unit (单位: employer, school, association) that sends entries to one contest on behalf of its staff. Registered
/// by an entrant account, its contact, who then sees the entries submitted for it. Per contest, because a unit's
/// name and contact change from one call to the next.
/// </summary>
public sealed class Organization
{
    public int Id { get; set; }
    public int ContestId { get; set; }
    public Contest Contest { get; set; } = null!;
    public string Name { get; set; } = "";
    /// <summary>统一社会信用代码, 18 characters with a check character (GB 32100); optional, many units send without it.</summary>
    public string? CreditCode { get; set; }
    /// <summary>The account that registered the unit and manages its entries.</summary>
    public string ContactId { get; set; } = "";
    public Account Contact { get; set; } = null!;
    public DateTimeOffset CreatedAt { get; set; }

    public const int MaxNameLength = 100;
}

/// <summary>
/// An award given to a unit rather than to an entry (优秀组织奖), with its own certificate. The certificate's
/// number is made when it is first issued and kept on later issues, like an entry's certificate.
/// </summary>
public sealed class OrganizationAward
{
    public int Id { get; set; }
    public int ContestId { get; set; }
    public int OrganizationId { get; set; }
    public Organization Organization { get; set; } = null!;
    public string NameZh { get; set; } = DefaultNameZh;
    public string? NameEn { get; set; } = DefaultNameEn;
    public string? Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CertificateNumber { get; set; }
    public string? CertificateBlob { get; set; }
    public DateTimeOffset? CertificateIssuedAt { get; set; }

    public const string DefaultNameZh = "优秀组织奖", DefaultNameEn = "Best Organizer Award";

    /// <summary>The certificate's sentence; the contest's own wording is written for entries ({title}, {winner}), so a unit's has its own.</summary>
    public const string CertificateBodyZh = "{organization}在「{contest}」中组织有力、报送踊跃，荣获{award}。特发此证，以资鼓励。";
    public const string CertificateBodyEn = "{organization} has won {award} in {contest} for the entries it organized.";

    public string Name(string language) =>
        language == Languages.English && !string.IsNullOrWhiteSpace(NameEn) ? NameEn! : NameZh;
}

/// <summary>The unified social credit code (统一社会信用代码) of GB 32100-2015.</summary>
public static class CreditCodes
{
    /// <summary>No I, O, S, V, Z: the standard leaves them out so a code read from paper is not misread.</summary>
    private const string Alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    private static readonly int[] Weights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

    public static string Normalize(string code) => code.Trim().ToUpperInvariant();

    /// <summary>18 characters of the code's alphabet whose last one is the check character of the first 17.</summary>
    public static bool IsValid(string? code)
    {
        if (code is not { Length: 18 }) return false;
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Alphabet.IndexOf(code[i]);
            if (value < 0) return false;
            sum += value * Weights[i];
        }
        var check = (31 - sum % 31) % 31;
        return code[17] == Alphabet[check];
    }

    /// <summary>The code with its check character put right: for tests and the demo, which need valid codes.</summary>
    public static string WithCheck(string first17)
    {
        var sum = 0;
        for (var i = 0; i < 17; i++) sum += Alphabet.IndexOf(first17[i]) * Weights[i];
        return first17 + Alphabet[(31 - sum % 31) % 31];
    }
}
