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

    /// <param name="kept">The kept object the rows are rendered from (the fragment lives as long as it does).</param>
    /// <param name="partial">Renders the rows from <paramref name="model"/>; it may read nothing of the request but the language.</param>
    public static Task<IHtmlContent> KeptRowsAsync(this IHtmlHelper html, object kept, string partial, object model)
    {
        using var token = new StringWriter();
        html.AntiForgeryToken().WriteTo(token, html.ViewContext.HttpContext.RequestServices.GetRequiredService<HtmlEncoder>());
        return html.KeptPartialAsync(kept, "", partial, model, token.ToString());
    }
}
