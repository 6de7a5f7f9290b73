using System.Text;
using System.Text.Encodings.Web;
using BrandStoryContest.Web.Features.Judging;
using Microsoft.AspNetCore.Html;

namespace BrandStoryContest.Tests.Judging;

/// <summary>
/// MVC writes a view's IHtmlAsyncContent with the writer's asynchronous writes, which go straight to the response, and any
/// other IHtmlContent with synchronous ones, which it buffers in pooled pages for the whole fragment: a kept fragment
/// must take the first way (docs/performance.md, "Stop 31").
/// </summary>
public class KeptHtmlTests
{
    [Fact]
    public async Task A_kept_fragment_is_written_with_asynchronous_writes_only_and_the_token_between_its_pieces()
    {
        IHtmlContent html = new KeptHtml(["<form>", "</form><form>", "</form>"], "<input name=\"t\">");
        var writer = new AsyncOnlyWriter();

        Assert.IsAssignableFrom<IHtmlAsyncContent>(html);
        await ((IHtmlAsyncContent)html).WriteToAsync(writer);

        Assert.Equal("<form><input name=\"t\"></form><form><input name=\"t\"></form>", writer.ToString());
    }

    [Fact]
    public void Written_synchronously_it_gives_the_same_html()
    {
        var html = new KeptHtml(["<p>", "</p>"], "x");
        using var writer = new StringWriter();
        html.WriteTo(writer, HtmlEncoder.Default);
        Assert.Equal("<p>x</p>", writer.ToString());
        using var raw = new StringWriter();
        new KeptHtml(["<p>评审</p>"], "").WriteTo(raw, HtmlEncoder.Default);
        Assert.Equal("<p>评审</p>", raw.ToString());
    }

    /// <summary>Fails on any synchronous write, as a test of which path was taken.</summary>
    private sealed class AsyncOnlyWriter : TextWriter
    {
        private readonly StringBuilder text = new();
        public override Encoding Encoding => Encoding.UTF8;
        public override void Write(char value) => throw new InvalidOperationException("synchronous write");
        public override void Write(string? value) => throw new InvalidOperationException("synchronous write");
        public override Task WriteAsync(string? value) { text.Append(value); return Task.CompletedTask; }
        public override string ToString() => text.ToString();
    }
}
