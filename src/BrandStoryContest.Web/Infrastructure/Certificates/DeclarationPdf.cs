using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace BrandStoryContest.Web.Infrastructure.Certificates;

/// <summary>What an entrant signed for one entry: the documents of the versions they accepted, and when and from where.</summary>
public sealed record SignedDeclarationContent(string ContestName, string EntryNumber, string EntryTitle, IReadOnlyList<string> Authors,
    IReadOnlyList<SignedDocument> Documents)
{
    /// <summary>The contest the documents were signed in when it is not <see cref="ContestName"/> (a division, for an entry recommended to its final).</summary>
    public string? SignedIn { get; init; }
}

/// <param name="Title">e.g. "原创承诺书 / Originality pledge".</param>
/// <param name="Text">Plain text (the Markdown already flattened), Chinese first and the English text after it when there is one.</param>
public sealed record SignedDocument(string Title, int Version, string Text, string AcceptedAt, string? ClientAddress);

/// <summary>
/// Renders an entry's signed declarations on A4 portrait pages, with the certificates' CJK font (so Chinese is
/// embedded as Unicode and stays searchable). Like <see cref="CertificatePdf"/>, one instance serves every thread.
/// </summary>
public sealed class DeclarationPdf
{
    const double PageWidth = 595;
    const double PageHeight = 842;
    const double Margin = 56;
    const double TextWidth = PageWidth - 2 * Margin;

    static readonly XPdfFontOptions FontOptions = new(PdfFontEncoding.Unicode);
    readonly string family;

    public DeclarationPdf(string fontPath, int faceIndex = 0)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fontPath);
        family = CertificateFont.Register(fontPath, faceIndex);
    }

    public byte[] Render(SignedDeclarationContent content)
    {
        using var document = new PdfDocument();
        document.Info.Title = $"{content.EntryNumber} 声明 / Declarations";
        document.Info.Creator = "BrandStoryContest";
        document.Options.CompressContentStreams = true;
        var writer = new PageWriter(document);
        writer.Line(content.ContestName, Font(11), XColors.DimGray);
        writer.Line("参赛声明 / Signed declarations", Font(20, XFontStyleEx.Bold), XColors.Black, after: 8);
        writer.Line($"作品编号 / Entry number: {content.EntryNumber}", Font(11), XColors.Black);
        writer.Paragraph($"作品名称 / Title: {content.EntryTitle}", Font(11), XColors.Black);
        writer.Paragraph($"作者 / Authors: {string.Join("；", content.Authors)}", Font(11), XColors.Black, after: content.SignedIn is null ? 10 : 2);
        if (content.SignedIn is { } signedIn)
            writer.Paragraph($"签署于 / Signed in: {signedIn}", Font(11), XColors.Black, after: 10);
        foreach (var d in content.Documents)
        {
            writer.Line($"{d.Title}  v{d.Version}", Font(14, XFontStyleEx.Bold), XColors.DarkRed, after: 4);
            foreach (var paragraph in d.Text.Split('\n'))
                writer.Paragraph(paragraph, Font(10.5), XColors.Black, after: 2);
            writer.Line($"接受时间 / Accepted at: {d.AcceptedAt}", Font(10), XColors.DimGray);
            writer.Line($"地址 / Address: {d.ClientAddress ?? "—"}", Font(10), XColors.DimGray, after: 14);
        }
        writer.Dispose();
        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    XFont Font(double size, XFontStyleEx style = XFontStyleEx.Regular) => new(family, size, style, FontOptions);

    /// <summary>Writes lines top to bottom and starts a new page when one is full.</summary>
    sealed class PageWriter(PdfDocument document) : IDisposable
    {
        XGraphics? gfx;
        double y;

        XGraphics Gfx
        {
            get
            {
                if (gfx is null) NewPage();
                return gfx!;
            }
        }

        void NewPage()
        {
            gfx?.Dispose();
            var page = document.AddPage();
            page.Width = XUnit.FromPoint(PageWidth);
            page.Height = XUnit.FromPoint(PageHeight);
            gfx = XGraphics.FromPdfPage(page);
            y = Margin;
        }

        public void Line(string text, XFont font, XColor color, double after = 2)
        {
            var height = font.Size * 1.5;
            if (y + height > PageHeight - Margin) NewPage();
            var g = Gfx;
            g.DrawString(text, font, new XSolidBrush(color), Margin, y + font.Size, XStringFormats.BaseLineLeft);
            y += height + after;
        }

        public void Paragraph(string text, XFont font, XColor color, double after = 2)
        {
            if (text.Trim().Length == 0) { y += font.Size * 0.8; return; }
            var lines = Wrap(Gfx, text, font);
            for (var i = 0; i < lines.Count; i++) Line(lines[i], font, color, i == lines.Count - 1 ? after : 0);
        }

        public void Dispose()
        {
            if (gfx is null) NewPage();   // a PDF with no page is not a PDF
            gfx?.Dispose();
        }
    }

    /// <summary>Greedy breaking for mixed text: Latin words break at spaces, Chinese between any two characters.</summary>
    static List<string> Wrap(XGraphics gfx, string text, XFont font)
    {
        var lines = new List<string>();
        var line = new StringBuilder();
        foreach (var token in Tokens(text))
        {
            var candidate = line + token;
            if (line.Length > 0 && gfx.MeasureString(candidate.TrimEnd(), font).Width > TextWidth)
            {
                lines.Add(line.ToString().TrimEnd());
                line.Clear();
                // A single word wider than the page is cut wherever it has to be.
                var rest = token.TrimStart();
                while (rest.Length > 1 && gfx.MeasureString(rest, font).Width > TextWidth)
                {
                    var fit = rest.Length - 1;
                    while (fit > 1 && gfx.MeasureString(rest[..fit], font).Width > TextWidth) fit--;
                    lines.Add(rest[..fit]);
                    rest = rest[fit..];
                }
                line.Append(rest);
            }
            else line.Append(token);
        }
        if (line.Length > 0) lines.Add(line.ToString().TrimEnd());
        return lines;
    }

    static IEnumerable<string> Tokens(string text)
    {
        var token = new StringBuilder();
        foreach (var ch in text)
        {
            if (ch >= '\u2E80')
            {
                if (token.Length > 0) { yield return token.ToString(); token.Clear(); }
                yield return ch.ToString();
            }
            else
            {
                token.Append(ch);
                if (ch == ' ') { yield return token.ToString(); token.Clear(); }
            }
        }
        if (token.Length > 0) yield return token.ToString();
    }
}
