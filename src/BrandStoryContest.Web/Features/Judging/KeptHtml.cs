using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Html;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>
/// A kept fragment (<see cref="RenderedFragments"/>) written to the response as it is, with a string between its pieces
/// (in <see cref="KeptRows"/>' token slots: this request's antiforgery token). It is written asynchronously: MVC writes a page's
/// synchronous content (<c>Html.Raw</c>, any <see cref="IHtmlContent"/>) into pooled 1,024-character pages until its next
/// flush, so a 120 KB fragment took ~60 of them per view; under 50 connections the pool ran dry, every view allocated
/// them anew and they lived as long as the request, which filled the GC's gen1 (docs/performance.md, "Stop 31").
/// Asynchronous writes go straight to the response's writer.
/// </summary>
public sealed class KeptHtml : IHtmlAsyncContent
{
    private readonly string[] pieces;
    private readonly string between;

    internal KeptHtml(string[] pieces, string between) => (this.pieces, this.between) = (pieces, between);

    public async ValueTask WriteToAsync(TextWriter writer)
    {
        for (var i = 0; i < pieces.Length; i++)
        {
            if (i > 0) await writer.WriteAsync(between);
            await writer.WriteAsync(pieces[i]);
        }
    }

    /// <summary>Where only synchronous writes are possible (a partial rendered into a string, a test).</summary>
    public void WriteTo(TextWriter writer, HtmlEncoder encoder)
    {
        for (var i = 0; i < pieces.Length; i++)
        {
            if (i > 0) writer.Write(between);
            writer.Write(pieces[i]);
        }
    }
}
