using System.Globalization;
using System.Text;
using PdfSharp.Drawing;
using PdfSharp.Pdf;
using QRCoder;

namespace BrandStoryContest.Web.Infrastructure.Certificates;

public sealed record CertificateContent(
    string ContestName, string AwardTier, string EntryTitle, IReadOnlyList<string> WinnerNames,
    string OrganizerName, DateOnly IssuedOn, string CertificateNumber, string VerificationUrl,
    string Heading,            // organizer-editable wording, e.g. "荣誉证书" or "Certificate of Award"
    string Body,               // organizer-editable sentence, placeholders already filled in by the caller
    byte[]? SealImagePng);     // optional seal/signature image (PNG or JPEG bytes)

/// <summary>
/// Renders one A4 landscape award certificate. Construct once (the font is loaded then);
/// <see cref="Render"/> keeps no state between calls and may run on many threads at once.
/// </summary>
public sealed class CertificatePdf
{
    // Debian packages with TrueType-outline CJK fonts that also carry proportional Latin glyphs.
    // Noto CJK (fonts-noto-cjk) is CFF-based and PDFsharp cannot embed it; Droid Sans Fallback has
    // no Latin letters or digits; the AR PL fonts work but set English in a typewriter-like face.
    static readonly string[] KnownFontPaths =
    [
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",   // fonts-wqy-microhei
        "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",     // fonts-wqy-zenhei
        "/usr/share/fonts/truetype/arphic/uming.ttc",       // fonts-arphic-uming
        "/usr/share/fonts/truetype/arphic/ukai.ttc",        // fonts-arphic-ukai
    ];

    const double PageWidth = 842;   // A4 landscape in points
    const double PageHeight = 595;
    const double CenterX = PageWidth / 2;
    const double TextWidth = PageWidth - 220;

    static readonly XColor Paper = XColor.FromArgb(255, 253, 247);
    static readonly XColor Crimson = XColor.FromArgb(139, 26, 26);
    static readonly XColor Gold = XColor.FromArgb(184, 146, 62);
    static readonly XColor Ink = XColor.FromArgb(38, 34, 30);
    static readonly XColor Muted = XColor.FromArgb(112, 98, 84);

    // Unicode (Identity-H + ToUnicode) is what makes the CJK text embeddable as a subset and
    // extractable/searchable by PDF readers.
    static readonly XPdfFontOptions FontOptions = new(PdfFontEncoding.Unicode);

    readonly string family;

    public CertificatePdf(string fontPath) : this(fontPath, 0) { }

    /// <param name="faceIndex">Face to use when <paramref name="fontPath"/> is a .ttc collection.</param>
    public CertificatePdf(string fontPath, int faceIndex)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fontPath);
        family = CertificateFont.Register(fontPath, faceIndex);
    }

    public static string? FindCjkFont() => KnownFontPaths.FirstOrDefault(CertificateFont.HasTrueTypeOutlines);

    public byte[] Render(CertificateContent content)
    {
        ArgumentNullException.ThrowIfNull(content);

        using var document = new PdfDocument();
        document.Info.Title = $"{content.Heading} {content.CertificateNumber}";
        document.Info.Creator = "BrandStoryContest";
        document.Options.CompressContentStreams = true;
        // Not BestCompression: the embedded font subset dominates the file, and squeezing it costs
        // about five times the CPU for a 2% smaller certificate.
        document.Options.FlateEncodeMode = PdfFlateEncodeMode.Default;

        var page = document.AddPage();
        page.Width = XUnit.FromPoint(PageWidth);
        page.Height = XUnit.FromPoint(PageHeight);
        using (var gfx = XGraphics.FromPdfPage(page))
        {
            DrawFrame(gfx);
            DrawCenterColumn(gfx, content);
            DrawVerification(gfx, content);
            DrawSignature(gfx, content);
        }

        using var output = new MemoryStream();
        document.Save(output, false);
        return output.ToArray();
    }

    /// <summary>The QR modules drawn on the certificate, quiet zone included; true = dark.</summary>
    public static bool[][] QrMatrix(string payload)
    {
        // Level M survives a smudged print yet keeps the code coarse enough for a small print size.
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M);
        return data.ModuleMatrix.Select(row => Enumerable.Range(0, row.Length).Select(i => row[i]).ToArray()).ToArray();
    }

    static void DrawFrame(XGraphics gfx)
    {
        gfx.DrawRectangle(new XSolidBrush(Paper), 0, 0, PageWidth, PageHeight);
        gfx.DrawRectangle(new XPen(Crimson, 6), 22, 22, PageWidth - 44, PageHeight - 44);
        gfx.DrawRectangle(new XPen(Gold, 1.2), 32, 32, PageWidth - 64, PageHeight - 64);

        var corner = new XPen(Gold, 2.4);
        const double inset = 40, arm = 34;
        foreach (var (x, y, dx, dy) in new[]
                 {
                     (inset, inset, 1, 1), (PageWidth - inset, inset, -1, 1),
                     (inset, PageHeight - inset, 1, -1), (PageWidth - inset, PageHeight - inset, -1, -1),
                 })
        {
            gfx.DrawLines(corner, [new XPoint(x + dx * arm, y), new XPoint(x, y), new XPoint(x, y + dy * arm)]);
            gfx.DrawRectangle(new XSolidBrush(Gold), x + dx * 7 - 2.5, y + dy * 7 - 2.5, 5, 5);
        }
    }

    void DrawCenterColumn(XGraphics gfx, CertificateContent c)
    {
        DrawCentered(gfx, c.ContestName, Fit(gfx, c.ContestName, 17, TextWidth), Muted, 96);
        DrawCentered(gfx, c.Heading, Fit(gfx, c.Heading, 46, TextWidth, XFontStyleEx.Bold), Crimson, 156);
        DrawOrnament(gfx, 178);

        var names = string.Join("   ", c.WinnerNames);
        var nameFont = Fit(gfx, names, 34, TextWidth, XFontStyleEx.Bold);
        DrawCentered(gfx, names, nameFont, Ink, 232);
        var underline = Math.Clamp(gfx.MeasureString(names, nameFont).Width + 60, 220, TextWidth) / 2;
        gfx.DrawLine(new XPen(Gold, 0.8), CenterX - underline, 246, CenterX + underline, 246);

        // The body is free text from the organizer: wrap it, and shrink it rather than let it run
        // into the names or the title when it is long. Lines are centred vertically in their slot.
        const double bodySlot = 80;
        var size = 15.0;
        var font = Font(size);
        var lines = Wrap(gfx, c.Body, font, TextWidth);
        while (lines.Count * size * 1.6 > bodySlot && size > 7)
        {
            font = Font(size -= 0.5);
            lines = Wrap(gfx, c.Body, font, TextWidth);
        }
        lines = Balance(gfx, c.Body, font, lines);
        var lineHeight = size * 1.6;
        var baseline = 296 - (lines.Count - 1) * lineHeight / 2 + size * 0.35;
        foreach (var line in lines)
        {
            DrawCentered(gfx, line, font, Ink, baseline);
            baseline += lineHeight;
        }

        if (!string.IsNullOrWhiteSpace(c.EntryTitle))
        {
            var title = $"“{c.EntryTitle}”";
            DrawCentered(gfx, title, Fit(gfx, title, 19, TextWidth), Ink, 364);
        }

        var tierFont = Fit(gfx, c.AwardTier, 30, TextWidth - 120, XFontStyleEx.Bold);
        DrawCentered(gfx, c.AwardTier, tierFont, Crimson, 410);
        var half = gfx.MeasureString(c.AwardTier, tierFont).Width / 2;
        var rule = new XPen(Gold, 1);
        gfx.DrawLine(rule, CenterX - half - 70, 400, CenterX - half - 18, 400);
        gfx.DrawLine(rule, CenterX + half + 18, 400, CenterX + half + 70, 400);
    }

    static void DrawOrnament(XGraphics gfx, double y)
    {
        var pen = new XPen(Gold, 1);
        gfx.DrawLine(pen, CenterX - 150, y, CenterX - 14, y);
        gfx.DrawLine(pen, CenterX + 14, y, CenterX + 150, y);
        gfx.DrawPolygon(new XSolidBrush(Gold),
            [new XPoint(CenterX - 7, y), new XPoint(CenterX, y - 5), new XPoint(CenterX + 7, y), new XPoint(CenterX, y + 5)],
            XFillMode.Winding);
    }

    void DrawVerification(XGraphics gfx, CertificateContent c)
    {
        const double left = 70, top = 444, size = 78;
        var modules = QrMatrix(c.VerificationUrl);
        var module = size / modules.Length;

        // The quiet zone must be lighter than the tinted paper for phone scanners to lock on.
        gfx.DrawRectangle(XBrushes.White, left, top, size, size);
        var dark = new List<XRect>();
        for (var row = 0; row < modules.Length; row++)
        {
            // One rectangle per horizontal run: fewer path operations and no hairline seams
            // between neighbouring modules when a viewer anti-aliases.
            for (var col = 0; col < modules[row].Length; col++)
            {
                if (!modules[row][col]) continue;
                var start = col;
                while (col + 1 < modules[row].Length && modules[row][col + 1]) col++;
                dark.Add(new XRect(left + start * module, top + row * module, (col - start + 1) * module, module));
            }
        }
        gfx.DrawRectangles(XBrushes.Black, dark.ToArray());

        var textLeft = left + size + 10;
        gfx.DrawString("证书编号 / Certificate No.", Font(8), new XSolidBrush(Muted), textLeft, top + 40, XStringFormats.BaseLineLeft);
        gfx.DrawString(c.CertificateNumber, Font(11.5), new XSolidBrush(Ink), textLeft, top + 56, XStringFormats.BaseLineLeft);
        gfx.DrawString("扫码验证 / Scan to verify", Font(8), new XSolidBrush(Muted), textLeft, top + 72, XStringFormats.BaseLineLeft);
    }

    void DrawSignature(XGraphics gfx, CertificateContent c)
    {
        const double right = PageWidth - 80;
        var organizerFont = Fit(gfx, c.OrganizerName, 16, 300);
        var dateFont = Font(13);
        var date = c.IssuedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var width = Math.Max(gfx.MeasureString(c.OrganizerName, organizerFont).Width, gfx.MeasureString(date, dateFont).Width);

        // Drawn first so the text stays on top, like ink showing through a real stamp.
        if (c.SealImagePng is { Length: > 0 } seal)
        {
            using var image = XImage.FromStream(new MemoryStream(seal, writable: false));
            const double box = 100;
            var scale = box / Math.Max(image.PixelWidth, image.PixelHeight);
            var (w, h) = (image.PixelWidth * scale, image.PixelHeight * scale);
            gfx.DrawImage(image, right - width / 2 - w / 2, 490 - h / 2, w, h);
        }

        gfx.DrawLine(new XPen(Gold, 0.8), right - Math.Max(width, 160), 466, right, 466);
        gfx.DrawString(c.OrganizerName, organizerFont, new XSolidBrush(Ink), right, 490, XStringFormats.BaseLineRight);
        gfx.DrawString(date, dateFont, new XSolidBrush(Muted), right, 514, XStringFormats.BaseLineRight);
    }

    static void DrawCentered(XGraphics gfx, string text, XFont font, XColor color, double baseline) =>
        gfx.DrawString(text, font, new XSolidBrush(color), CenterX, baseline, XStringFormats.BaseLineCenter);

    XFont Font(double size, XFontStyleEx style = XFontStyleEx.Regular) => new(family, size, style, FontOptions);

    /// <summary>Largest font up to <paramref name="size"/> that keeps a single line within the width.</summary>
    XFont Fit(XGraphics gfx, string text, double size, double maxWidth, XFontStyleEx style = XFontStyleEx.Regular)
    {
        var font = Font(size, style);
        var width = gfx.MeasureString(text, font).Width;
        return width <= maxWidth ? font : Font(Math.Max(size * maxWidth / width, 6), style);
    }

    /// <summary>
    /// Greedy line breaking that works for mixed scripts: Latin words break at spaces, CJK may break
    /// between any two characters, and closing punctuation never starts a line.
    /// </summary>
    static List<string> Wrap(XGraphics gfx, string text, XFont font, double maxWidth)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var token in Tokens(text))
        {
            var candidate = line + token;
            if (line.Length > 0 && gfx.MeasureString(candidate.TrimEnd(), font).Width > maxWidth)
            {
                lines.Add(line.TrimEnd());
                line = token.TrimStart();
            }
            else
            {
                line = candidate;
            }
        }
        if (line.Trim().Length > 0) lines.Add(line.TrimEnd());
        return lines;
    }

    /// <summary>
    /// Narrows the measure while the line count stays the same, so a centred paragraph does not end
    /// in a lonely last line of two characters.
    /// </summary>
    static List<string> Balance(XGraphics gfx, string text, XFont font, List<string> lines)
    {
        if (lines.Count < 2) return lines;
        double narrow = TextWidth / 2, wide = TextWidth;
        while (wide - narrow > 4)
        {
            var middle = (narrow + wide) / 2;
            if (Wrap(gfx, text, font, middle).Count == lines.Count) wide = middle;
            else narrow = middle;
        }
        return Wrap(gfx, text, font, wide);
    }

    static IEnumerable<string> Tokens(string text)
    {
        var token = new StringBuilder();
        foreach (var ch in text.ReplaceLineEndings(" "))
        {
            var startsNew = token.Length > 0 && !NoLineStart.Contains(ch) && !NoLineEnd.Contains(token[^1])
                && (IsCjk(ch) || IsCjk(token[^1]) || char.IsWhiteSpace(token[^1]));
            if (startsNew)
            {
                yield return token.ToString();
                token.Clear();
            }
            token.Append(ch);
        }
        if (token.Length > 0) yield return token.ToString();
    }

    const string NoLineStart = "，。、；：！？）》」』”’,.;:!?)";
    const string NoLineEnd = "（《「『“‘(";

    static bool IsCjk(char ch) => ch >= '\u2E80';   // CJK scripts and full-width forms
}
