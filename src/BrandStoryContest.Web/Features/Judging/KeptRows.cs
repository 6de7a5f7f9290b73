using System.Runtime.CompilerServices;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>
/// Rows of a kept read that hold forms: rendered once per kept object and language (<see cref="RenderedFragments"/>), so they
/// cannot carry this request's antiforgery token. Each form in the partial writes <see cref="TokenSlot"/> instead, and the
/// token of the request that shows the rows goes in there.
/// </summary>
public static class KeptRows
{
    /// <summary>Where a form of kept rows takes this request's antiforgery token: the partial writes it raw inside each form.</summary>
    public const string TokenSlot = "<!--antiforgery-token-->";

    // The kept fragment cut at its token slots once, beside the fragment itself: a page of entries is ~120 KB of HTML, and
    // putting the token in with Replace copied all of it on every view (a large-object allocation per request).
    private static readonly ConditionalWeakTable<string, string[]> Pieces = new();

    /// <param name="kept">The kept object the rows are rendered from (the fragment lives as long as it does).</param>
    /// <param name="partial">Renders the rows from <paramref name="model"/>; it may read nothing of the request but the language.</param>
    public static async Task<IHtmlContent> KeptRowsAsync(this IHtmlHelper html, object kept, string partial, object model)
    {
        var encoder = html.ViewContext.HttpContext.RequestServices.GetRequiredService<HtmlEncoder>();
        var rows = await RenderedFragments.GetOrRenderAsync(kept, async () =>
        {
            using var text = new StringWriter();
            (await html.PartialAsync(partial, model)).WriteTo(text, encoder);
            return text.ToString();
        });
        using var token = new StringWriter();
        html.AntiForgeryToken().WriteTo(token, encoder);
        return new KeptHtml(Pieces.GetValue(rows, r => r.Split(TokenSlot)), token.ToString());
    }
}
