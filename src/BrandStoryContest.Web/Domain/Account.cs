using Microsoft.AspNetCore.Identity;

namespace BrandStoryContest.Web.Domain;

/// <summary>A person who signs in: entrant, judge, organizer or admin (roles say which).</summary>
public sealed class Account : IdentityUser
{
    public string RealName { get; set; } = "";
    public string? Organization { get; set; }
    public string PreferredLanguage { get; set; } = Languages.Chinese;
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
