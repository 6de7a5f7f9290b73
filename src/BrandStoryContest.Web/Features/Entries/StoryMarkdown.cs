using Ganss.Xss;
using Markdig;

namespace BrandStoryContest.Web.Features.Entries;

/// <summary>
/// Stories are Markdown. Raw HTML in them is never passed through, and what Markdig makes is sanitized
/// again, so neither a script tag nor an onerror attribute nor a javascript: link survives.
/// </summary>
public static class StoryMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().UseSoftlineBreakAsHardlineBreak().Build();
    private static readonly HtmlSanitizer Sanitizer = CreateSanitizer();

    public static string ToSafeHtml(string? markdown) =>
        Sanitizer.Sanitize(Markdown.ToHtml(markdown ?? "", Pipeline));

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
