using BrandStoryContest.Web.Domain;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Infrastructure.Web;

public static class RuleViolationText
{
    /// <summary>A broken rule in the reader's language: its key looked up, its values filled in.</summary>
    public static string Say(this IStringLocalizer L, RuleViolation violation) => L[violation.Key, violation.Args].Value;
}
