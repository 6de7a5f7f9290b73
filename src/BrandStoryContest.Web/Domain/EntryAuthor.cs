using System.Security.Cryptography;

namespace BrandStoryContest.Web.Domain;

public enum AuthorRole { Author, Instructor }

/// <summary>
/// A co-author or instructor (指导老师) of an entry, after the entrant, who is always author #1 (<see cref="Entry.NameOfRecord"/>).
/// One given with the email of an account is linked to it and confirms by the link mailed to them; one without an
/// account is listed by name only. Names and organizations are what the entrant typed: certificates, the leak check
/// and conflict checks read them as they are.
/// </summary>
public sealed class EntryAuthor
{
    public int Id { get; set; }
    public int EntryId { get; set; }
    public Entry Entry { get; set; } = null!;
    /// <summary>Place among the entry's co-authors and instructors, from 1; authors and instructors are listed apart, each in this order.</summary>
    public int Order { get; set; }
    public AuthorRole Role { get; set; }
    public string Name { get; set; } = "";
    public string? Organization { get; set; }
    public string? Email { get; set; }
    /// <summary>The account the email belongs to, when there is one: such an author confirms, and counts in conflict checks as that account.</summary>
    public string? AccountId { get; set; }
    public DateTimeOffset? ConfirmedAt { get; set; }
    /// <summary>The random part of the confirm link; only the linked account, signed in, can use it.</summary>
    public string? ConfirmToken { get; set; }

    /// <summary>Linked to an account that has not confirmed yet: shown "unconfirmed".</summary>
    public bool AwaitsConfirmation => AccountId is not null && ConfirmedAt is null;

    public static string NewToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(20)).ToLowerInvariant();
}

/// <summary>Everyone an entry names: the entrant first, then the co-authors, then the instructors, each in their order.</summary>
public sealed record TeamMember(string Name, string? Organization, AuthorRole Role, string? AccountId, int? AuthorId);

public static class EntryTeam
{
    public const int DefaultMaxAuthors = 4;
    public const int DefaultMaxInstructors = 2;

    /// <param name="entrantName">The name of record (<see cref="Entry.NameOfRecord"/>).</param>
    public static IReadOnlyList<TeamMember> Of(string entrantName, string? entrantOrganization, string entrantId, IEnumerable<EntryAuthor> authors)
    {
        var list = new List<TeamMember> { new(entrantName, entrantOrganization, AuthorRole.Author, entrantId, null) };
        var ordered = authors.OrderBy(a => a.Order).ThenBy(a => a.Id).ToList();
        list.AddRange(ordered.Where(a => a.Role == AuthorRole.Author).Select(a => new TeamMember(a.Name, a.Organization, a.Role, a.AccountId, a.Id)));
        list.AddRange(ordered.Where(a => a.Role == AuthorRole.Instructor).Select(a => new TeamMember(a.Name, a.Organization, a.Role, a.AccountId, a.Id)));
        return list;
    }

    /// <summary>Why the entry's team breaks the category's limits (the entrant counts as the first author), or nothing.</summary>
    public static IEnumerable<RuleViolation> CheckLimits(IEnumerable<EntryAuthor> authors, Category category)
    {
        var list = authors.ToList();
        if (1 + list.Count(a => a.Role == AuthorRole.Author) > category.MaxAuthors)
            yield return new RuleViolation("", "This category allows at most {0} authors, you included.", category.MaxAuthors);
        if (list.Count(a => a.Role == AuthorRole.Instructor) > category.MaxInstructors)
            yield return new RuleViolation("", "This category allows at most {0} instructors.", category.MaxInstructors);
    }
}
