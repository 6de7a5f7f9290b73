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

    /// <summary>Most parts kept beside one object: a part is a page of a kept ranking and its search, which a URL can vary without end.</summary>
    public const int PartsPerObject = 64;

    public static Task<string> GetOrRenderAsync(object kept, Func<Task<string>> render) => GetOrRenderAsync(kept, "", render);

    /// <param name="part">What of <paramref name="kept"/> is rendered, when a page shows only some of it (the organizer's
    /// ranking: its page and search); it must name everything besides the object and the culture that the render reads.</param>
    public static async Task<string> GetOrRenderAsync(object kept, string part, Func<Task<string>> render)
    {
        var byCulture = Kept.GetValue(kept, _ => new ConcurrentDictionary<string, string>());
        var key = $"{CultureInfo.CurrentUICulture.Name}|{CultureInfo.CurrentCulture.Name}|{part}";
        if (byCulture.TryGetValue(key, out var html)) return html;
        html = await render();
        // Past the bound a part is rendered for this view alone: a crawl through every page never grows the object without end.
        return byCulture.Count < PartsPerObject ? byCulture.GetOrAdd(key, html) : html;
    }
}
