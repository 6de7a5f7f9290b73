using BrandStoryContest.Web.Domain;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Infrastructure.Web;

public static class RuleViolationText
{
    /// <summary>A broken rule in the reader's language: its key looked up, its values filled in. A value that is itself a
    /// rule (or a list of them: "3 entries could not get enough judges: entry 1: …; entry 2: …") is said in the same language.</summary>
    public static string Say(this IStringLocalizer L, RuleViolation violation) =>
        L[violation.Key, violation.Args.Select(a => a switch
        {
            RuleViolation inner => L.Say(inner),
            IEnumerable<RuleViolation> list => string.Join("; ", list.Select(v => L.Say(v))),
            _ => a,
        }).ToArray()].Value;
}
