namespace BrandStoryContest.Web.Domain;

/// <summary>
/// Someone the organizer named to check a contest's submitted entries for form (files, fields, declarations) and
/// return them for correction. Scoped to one contest; a screener is not an organizer and sees no scores or judges.
/// </summary>
public sealed class ContestScreener
{
    public int ContestId { get; set; }
    public string ScreenerId { get; set; } = "";
    public Account Screener { get; set; } = null!;
    public string NamedById { get; set; } = "";
    public DateTimeOffset NamedAt { get; set; }
}
