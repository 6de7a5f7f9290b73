using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>
/// HTML rendered from a kept read (<see cref="VersionedMemo"/>), held beside that very object: Razor for a judge's 150 rows
/// was most of what was left of a repeat /judging view. The fragment lives exactly as long as the kept object and is
/// found only through it, so it is per judge and per data versions by construction (a write makes a new key, hence a new
/// object, hence a new render); per language and number format by its own key. Nothing user-specific beyond the object
/// (antiforgery tokens, ModelState, the layout) may be rendered inside it: forms write <see cref="KeptRows.TokenSlot"/>.
/// </summary>
public static class RenderedFragments
{
    // Each fragment is kept cut at its token slots (one piece where it has none), so a view writes the pieces as they are
    // around its own token: a page of entries is ~120 KB of HTML, and putting the token in per view copied all of it.
    private static readonly ConditionalWeakTable<object, ConcurrentDictionary<string, string[]>> Kept = new();

    /// <summary>Most parts kept beside one object: a part is a page of a kept ranking and its search, which a URL can vary without end.</summary>
    public const int PartsPerObject = 64;

    /// <summary>
    /// <paramref name="partial"/> rendered from <paramref name="model"/> once per <paramref name="kept"/>, part and culture,
    /// and written with <paramref name="between"/> in its token slots (<see cref="KeptHtml"/>).
    /// </summary>
    /// <param name="kept">The kept object the fragment is rendered from (the fragment lives as long as it does).</param>
    /// <param name="part">What of <paramref name="kept"/> is rendered, when a page shows only some of it (the organizer's
    /// ranking: its page and search); it must name everything besides the object and the culture that the partial reads.</param>
    /// <param name="partial">Renders the fragment from <paramref name="model"/>; it may read nothing of the request but the language.</param>
    public static async Task<IHtmlContent> KeptPartialAsync(this IHtmlHelper html, object kept, string part, string partial, object model, string between = "")
    {
        var byCulture = Kept.GetValue(kept, _ => new ConcurrentDictionary<string, string[]>());
        var key = $"{CultureInfo.CurrentUICulture.Name}|{CultureInfo.CurrentCulture.Name}|{part}";
        if (!byCulture.TryGetValue(key, out var pieces))
        {
            var encoder = html.ViewContext.HttpContext.RequestServices.GetRequiredService<HtmlEncoder>();
            using var text = new StringWriter();
            (await html.PartialAsync(partial, model)).WriteTo(text, encoder);
            pieces = text.ToString().Split(KeptRows.TokenSlot);
            // Past the bound a part is rendered for this view alone: a crawl through every page never grows the object without end.
            if (byCulture.Count < PartsPerObject) pieces = byCulture.GetOrAdd(key, pieces);
        }
        return new KeptHtml(pieces, between);
    }
}
