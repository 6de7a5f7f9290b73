using System.Diagnostics;
using System.Text;
using BrandStoryContest.Web.Infrastructure.Certificates;
using Xunit.Abstractions;

namespace BrandStoryContest.Tests.Awards;

// Runs the real poppler tools (pdftotext, pdftoppm, pdfimages), zbarimg and ffmpeg:
// apt-get install poppler-utils zbar-tools ffmpeg fonts-wqy-microhei
public sealed class CertificatePdfTests(ITestOutputHelper output)
{
    const string Number = "BSC-7Q4K-M2XD-9PRA";
    const string Url = "https://contest.example.com/certificates/verify/BSC-7Q4K-M2XD-9PRA";

    static readonly Lazy<CertificatePdf> Renderer = new(() => new CertificatePdf(
        CertificatePdf.FindCjkFont() ?? throw new InvalidOperationException("No CJK TrueType font: apt-get install fonts-wqy-microhei")));

    // Left in the test output folder so a person can open the PDFs/PNGs after a run.
    static readonly string Artifacts = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "certificates")).FullName;

    static CertificateContent Sample(byte[]? seal = null, IReadOnlyList<string>? winners = null) => new(
        ContestName: "2025 第三届品牌故事大赛 · Brand Story Contest",
        AwardTier: "一等奖",
        EntryTitle: "山海之间：一杯茶的百年旅程",
        WinnerNames: winners ?? ["张三丰"],
        OrganizerName: "品牌故事大赛组委会",
        IssuedOn: new DateOnly(2025, 11, 25),
        CertificateNumber: Number,
        VerificationUrl: Url,
        Heading: "荣誉证书",
        Body: "在「2025 第三届品牌故事大赛」中，您的作品以真挚的叙事与出色的创意脱颖而出，荣获一等奖。特发此证，以资鼓励。",
        SealImagePng: seal);

    [Fact]
    public void Chinese_text_is_embedded_and_extractable()
    {
        var pdf = Save(Renderer.Value.Render(Sample()), "chinese.pdf");

        var text = Cli.Run("pdftotext", "-enc", "UTF-8", pdf, "-");

        Assert.Contains("张三丰", text);
        Assert.Contains("一等奖", text);
        Assert.Contains(Number, text);
        Assert.Contains("第三届品牌故事大赛", text);
        Assert.Contains("扫码验证", text);
        Assert.Contains("Scan to verify", text);
        var fonts = Cli.Run("pdffonts", pdf);
        output.WriteLine(fonts);
        // One CID TrueType font, embedded as a subset with a ToUnicode map: "emb sub uni" = yes yes yes.
        Assert.Matches(@"CID TrueType\s+Identity-H\s+yes\s+yes\s+yes", fonts);
    }

    [Fact]
    public void Certificate_is_small()
    {
        var bytes = Renderer.Value.Render(Sample());
        output.WriteLine($"{bytes.Length / 1024.0:F1} KiB");
        Assert.InRange(bytes.Length, 1, 200 * 1024);
    }

    [Fact]
    public void Page_is_a4_landscape_and_not_blank()
    {
        var pdf = Save(Renderer.Value.Render(Sample()), "page.pdf");

        Assert.Contains("842 x 595 pts", Cli.Run("pdfinfo", pdf));
        Cli.Run("pdftoppm", "-gray", "-r", "50", "-singlefile", pdf, Path.Combine(Artifacts, "page"));
        var pixels = ReadPgm(Path.Combine(Artifacts, "page.pgm"));
        Assert.Contains(pixels, p => p < 80);
        Assert.Contains(pixels, p => p > 220);
        // Also a colour PNG for people to look at.
        Cli.Run("pdftoppm", "-png", "-r", "50", "-singlefile", pdf, Path.Combine(Artifacts, "page"));
        Assert.True(new FileInfo(Path.Combine(Artifacts, "page.png")).Length > 0);
    }

    [Theory]
    [InlineData("png")]
    [InlineData("jpg")]
    public void Seal_image_is_drawn(string format)
    {
        // A red ring with a filled centre on a transparent background, like a scanned stamp
        // (JPEG has no alpha, so that one is an opaque square).
        var sealPath = Path.Combine(Artifacts, $"seal.{format}");
        Cli.Run("ffmpeg", "-y", "-loglevel", "error", "-f", "lavfi", "-i", "color=c=black@0:s=200x200,format=rgba",
            "-vf", "geq=r=192:g=40:b=45:a='if(lt(abs(hypot(X-100,Y-100)-88),7)+lt(hypot(X-100,Y-100),30),220,0)'",
            "-frames:v", "1", sealPath);

        var bytes = Renderer.Value.Render(Sample(File.ReadAllBytes(sealPath)));
        var pdf = Save(bytes, $"sealed-{format}.pdf");

        var images = Cli.Run("pdfimages", "-list", pdf);
        output.WriteLine(images);
        Assert.Contains(" 200   200 ", images);
        Assert.Contains("品牌故事大赛组委会", Cli.Run("pdftotext", "-enc", "UTF-8", pdf, "-"));
        Assert.InRange(bytes.Length, 1, 200 * 1024);
        Cli.Run("pdftoppm", "-png", "-r", "50", "-singlefile", pdf, Path.Combine(Artifacts, $"sealed-{format}"));
    }

    [Fact]
    public void Qr_code_scans_to_the_verification_url()
    {
        var pdf = Save(Renderer.Value.Render(Sample()), "qr.pdf");
        var png = Path.Combine(Artifacts, "qr");
        Cli.Run("pdftoppm", "-png", "-r", "150", "-singlefile", pdf, png);

        var decoded = Cli.Run("zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", png + ".png");

        Assert.Equal(Url, decoded.Trim());
    }

    [Fact]
    public void Qr_matrix_is_a_square_qr_symbol_with_quiet_zone()
    {
        var matrix = CertificatePdf.QrMatrix(Url);

        var side = matrix.Length;
        Assert.All(matrix, row => Assert.Equal(side, row.Length));
        var version = (side - 8 - 21) / 4 + 1;   // 4-module quiet zone on each side
        Assert.Equal(21 + 4 * (version - 1) + 8, side);
        Assert.InRange(version, 1, 10);
        Assert.All(matrix[0], Assert.False);
        // Finder pattern: a 7x7 dark ring top-left, just inside the quiet zone.
        Assert.All(Enumerable.Range(4, 7), i => Assert.True(matrix[4][i] && matrix[10][i] && matrix[i][4] && matrix[i][10]));
        Assert.False(matrix[5][5]);
        Assert.True(matrix[7][7]);
    }

    [Fact]
    public void Long_mixed_body_and_many_winners_still_render()
    {
        var content = Sample(winners: ["张三丰", "Alexandra Montgomery-Smith", "欧阳娜娜", "李四"]) with
        {
            Heading = "Certificate of Award 荣誉证书",
            EntryTitle = "Between Mountains and Sea: The Hundred-Year Journey of a Cup of Tea",
            Body = "This certificate is presented in recognition of outstanding storytelling in the "
                + "Brand Story Contest. 您的作品以真挚的叙事与出色的创意脱颖而出，在众多参赛作品中获得评审团一致好评，"
                + "荣获一等奖。Congratulations to the whole team for an inspiring and memorable entry!",
        };
        var pdf = Save(Renderer.Value.Render(content), "long.pdf");

        var text = Cli.Run("pdftotext", "-enc", "UTF-8", pdf, "-");
        Assert.Contains("Alexandra Montgomery-Smith", text);
        Assert.Contains("欧阳娜娜", text);
        Cli.Run("pdftoppm", "-png", "-r", "50", "-singlefile", pdf, Path.Combine(Artifacts, "long"));
    }

    [Fact]
    public void Several_renderers_share_the_process_wide_font_resolver()
    {
        var path = CertificatePdf.FindCjkFont()!;
        var bytes = new CertificatePdf(path).Render(Sample());
        var second = new CertificatePdf(path).Render(Sample());

        Assert.Contains("张三丰", Cli.Run("pdftotext", "-enc", "UTF-8", Save(second, "second.pdf"), "-"));
        Assert.InRange(Math.Abs(bytes.Length - second.Length), 0, 64);   // only timestamps/ids differ
    }

    [Fact]
    public void Fonts_without_truetype_outlines_are_refused()
    {
        const string cff = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";
        if (!File.Exists(cff)) return;   // fonts-noto-cjk not installed: nothing to check

        Assert.Throws<InvalidDataException>(() => new CertificatePdf(cff));
    }

    [Fact]
    public void Renders_in_parallel_and_each_certificate_keeps_its_own_text()
    {
        // One renderer on every core at once, as a bulk issue runs; the throughput is a figure in bench/ (CertificateFigures).
        var renderer = Renderer.Value;
        const int count = 400;
        var results = new byte[count][];
        Parallel.For(0, count, i => results[i] = renderer.Render(Sample(winners: [$"获奖者{i:D3}"]) with
        {
            CertificateNumber = $"BSC-TEST-{i:D4}",
        }));

        foreach (var i in new[] { 0, 137, count - 1 })
        {
            var text = Cli.Run("pdftotext", "-enc", "UTF-8", Save(results[i], $"parallel-{i}.pdf"), "-");
            Assert.Contains($"获奖者{i:D3}", text);
            Assert.Contains($"BSC-TEST-{i:D4}", text);
        }
    }

    static string Save(byte[] pdf, string name)
    {
        var path = Path.Combine(Artifacts, name);
        File.WriteAllBytes(path, pdf);
        return path;
    }

    /// <summary>Pixels of a binary (P5) 8-bit PGM as written by pdftoppm -gray.</summary>
    static byte[] ReadPgm(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var fields = new List<string>();
        var position = 0;
        while (fields.Count < 4)
        {
            while (char.IsWhiteSpace((char)bytes[position])) position++;
            var start = position;
            while (!char.IsWhiteSpace((char)bytes[position])) position++;
            fields.Add(Encoding.ASCII.GetString(bytes, start, position - start));
        }
        Assert.Equal("P5", fields[0]);
        Assert.Equal("255", fields[3]);
        var (width, height) = (int.Parse(fields[1]), int.Parse(fields[2]));
        Assert.InRange(width, 584, 586);   // 842pt at 50 dpi
        return bytes[(position + 1)..(position + 1 + width * height)];
    }
}

static class Cli
{
    public static string Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
        };
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)} exited {process.ExitCode}: {stderr.Result}");
        return stdout;
    }
}
