using Microsoft.AspNetCore.Identity;

namespace BrandStoryContest.Web.Domain;

/// <summary>A person who signs in: entrant, judge, organizer or admin (roles say which).</summary>
public sealed class Account : IdentityUser
{
    /// <summary>Identity's own key column limit: a longer "account id" in a request names no account.</summary>
    public const int MaxIdLength = 450;
    public const int MaxPasswordLength = 128;
    public string RealName { get; set; } = "";
    public string? Organization { get; set; }
    public string PreferredLanguage { get; set; } = Languages.Chinese;
    /// <summary>When the account was registered; vote-fraud signals look at how new a voter's account is.</summary>
    public DateTimeOffset CreatedAt { get; set; } = BeforeTracking;
    /// <summary>No reminders and no broadcasts; transactional mail (confirmation, receipts, decisions) still goes out.</summary>
    public bool RemindersOptedOut { get; set; }

    /// <summary>
    /// For accounts made before registration time was recorded (and ones seeded without it): long ago, so they
    /// never count as "new accounts" in the fraud signals. They existed before the feature, so that is true.
    /// </summary>
    public static readonly DateTimeOffset BeforeTracking = new(2000, 1, 1, 0, 0, 0, TimeSpan.Zero);
}

public static class Roles
{
    public const string Entrant = "Entrant";
    public const string Judge = "Judge";
    public const string Organizer = "Organizer";
    public const string Admin = "Admin";
    public static readonly string[] All = [Entrant, Judge, Organizer, Admin];
}

public static class Languages
{
    public const string Chinese = "zh-CN";
    public const string English = "en";
    public static readonly string[] All = [Chinese, English];
    public static string Normalize(string? value) => value == English ? English : Chinese;
}
