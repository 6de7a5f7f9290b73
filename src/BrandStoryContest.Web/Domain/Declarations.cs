namespace BrandStoryContest.Web.Domain;

/// <summary>The documents a call asks entrants to sign: 原创承诺书, the licence to use the work, and anything else the organizer needs.</summary>
public enum DeclarationKind { Originality, Licence, Other }

/// <summary>
/// One published version of one of a contest's declaration documents. Publishing a changed text adds a version;
/// older versions are never edited, because entries point at the exact text their entrant accepted.
/// </summary>
public sealed class Declaration
{
    public int Id { get; set; }
    public int ContestId { get; set; }
    public Contest Contest { get; set; } = null!;
    public DeclarationKind Kind { get; set; }
    /// <summary>1, 2, 3… per contest and kind; the highest is the current version.</summary>
    public int Version { get; set; }
    /// <summary>Markdown.</summary>
    public string TextZh { get; set; } = "";
    /// <summary>Markdown; empty means English readers get the Chinese text.</summary>
    public string? TextEn { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    public string PublishedById { get; set; } = "";

    public const int MaxTextChars = 20_000;

    public string Text(string language) =>
        language == Languages.English && !string.IsNullOrWhiteSpace(TextEn) ? TextEn! : TextZh;

    /// <summary>The document's name: an English localizer key.</summary>
    public static string Title(DeclarationKind kind) => kind switch
    {
        DeclarationKind.Originality => "Originality pledge",
        DeclarationKind.Licence => "Licence to use the work",
        _ => "Other declaration",
    };

    /// <summary>The Chinese name printed on the signed PDF next to the English one.</summary>
    public static string TitleZh(DeclarationKind kind) => kind switch
    {
        DeclarationKind.Originality => "原创承诺书",
        DeclarationKind.Licence => "作品使用授权书",
        _ => "其他声明",
    };
}

/// <summary>An entrant's acceptance of one declaration version for one entry: what they signed, when and from where.</summary>
public sealed class DeclarationAcceptance
{
    public int Id { get; set; }
    public int EntryId { get; set; }
    public Entry Entry { get; set; } = null!;
    public int DeclarationId { get; set; }
    public Declaration Declaration { get; set; } = null!;
    public DateTimeOffset AcceptedAt { get; set; }
    /// <summary>The client address as the app trusts it (the TCP peer, or what a configured proxy forwarded); null when unknown.</summary>
    public string? ClientAddress { get; set; }
}

/// <summary>Which declarations an entry still has to accept; no I/O here.</summary>
public static class DeclarationRules
{
    /// <summary>
    /// Every current version the entry has not accepted. A contest's published document replaces the matching
    /// fixed checkbox, so its acceptance is required whatever the category's Require* flags say.
    /// </summary>
    public static IEnumerable<RuleViolation> Missing(IEnumerable<Declaration> current, ICollection<int> acceptedIds) =>
        current.Where(d => !acceptedIds.Contains(d.Id)).OrderBy(d => d.Kind)
            .Select(d => new RuleViolation("Declarations", "Read and accept the current version (v{0}) of: {1}.", d.Version, new RuleViolation("", Declaration.Title(d.Kind))));

    /// <summary>The latest version of each kind.</summary>
    public static List<Declaration> Current(IEnumerable<Declaration> versions) =>
        versions.GroupBy(d => d.Kind).Select(g => g.MaxBy(d => d.Version)!).OrderBy(d => d.Kind).ToList();
}
