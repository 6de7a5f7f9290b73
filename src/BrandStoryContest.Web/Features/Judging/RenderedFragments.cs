using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>
/// HTML rendered from a kept read (<see cref="VersionedMemo"/>), held beside that very object: Razor for a judge's 150 rows
/// was most of what was left of a repeat /judging view. The fragment lives exactly as long as the kept object and is
/// found only through it, so it is per judge and per data versions by construction (a write makes a new key, hence a new
/// object, hence a new render); per language and number format by its own key. Nothing user-specific beyond the object
/// (antiforgery tokens, ModelState, the layout) may be rendered inside it.
/// </summary>
public static class RenderedFragments
{
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, string>> Kept = new();

    public static async Task<string> GetOrRenderAsync(object kept, Func<Task<string>> render)
    {
        var byCulture = Kept.GetValue(kept, _ => new ConcurrentDictionary<string, string>());
        var culture = $"{CultureInfo.CurrentUICulture.Name}|{CultureInfo.CurrentCulture.Name}";
        if (byCulture.TryGetValue(culture, out var html)) return html;
        html = await render();
        return byCulture.GetOrAdd(culture, html);
    }
}
