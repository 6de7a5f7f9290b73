using Ganss.Xss;
using Markdig;
using Microsoft.Extensions.Caching.Memory;

namespace BrandStoryContest.Web.Features.Entries;

/// <summary>
/// Stories are Markdown. Raw HTML in them is never passed through, and what Markdig makes is sanitized
/// again, so neither a script tag nor an onerror attribute nor a javascript: link survives.
/// </summary>
public static class StoryMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseSoftlineBreakAsHardlineBreak().Build();
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    /// <summary>
    /// Sanitizing parses the HTML into a DOM and writes it out again, the dearest part of a judge's score sheet.
    /// The result is a pure function of the text, so it is kept with the text itself as the key: an edited or
    /// redacted story is another key, and nothing can be stale. Bounded by the characters kept.
    /// </summary>
    public static string ToSafeHtml(string? markdown)
    {
        markdown ??= "";
        if (markdown.Length > MaxKeptLength) return Render(markdown);
        return Rendered.GetOrCreate(markdown, e =>
        {
            var html = Render((string)e.Key);
            e.Size = ((string)e.Key).Length + html.Length;
            return html;
        })!;
    }

    private const int MaxKeptLength = 200_000;
    private static readonly MemoryCache Rendered = new(new MemoryCacheOptions { SizeLimit = 16 * 1024 * 1024 });

    private static string Render(string markdown) => Sanitizer.Sanitize(Markdown.ToHtml(markdown, Pipeline));

    private static HtmlSanitizer CreateSanitizer()
    {
        var s = new HtmlSanitizer();
        s.AllowedTags.Clear();
        foreach (var tag in new[] { "p", "br", "em", "strong", "blockquote", "ul", "ol", "li", "h1", "h2", "h3", "h4", "hr", "a", "code", "pre" })
            s.AllowedTags.Add(tag);
        s.AllowedAttributes.Clear();
        s.AllowedAttributes.Add("href");
        s.AllowedSchemes.Clear();
        s.AllowedSchemes.Add("http");
        s.AllowedSchemes.Add("https");
        return s;
    }
}
