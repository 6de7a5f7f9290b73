using System.Net;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Infrastructure.Storage;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PdfSharp.Pdf;
using PdfSharp.Pdf.Advanced;
using PdfSharp.Pdf.IO;

namespace BrandStoryContest.Tests.Judging;

/// <summary>Blind judging: the attachment a judge downloads does not name its author in its document properties.</summary>
public sealed class AttachmentMetadataTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Author = "作者甲1号", Company = "参赛企业1";

    private static byte[] Docx()
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new Document(new Body(new Paragraph(new Run(new Text("品牌故事正文")))));
            doc.PackageProperties.Creator = Author;
            doc.PackageProperties.LastModifiedBy = Author;
            var app = doc.AddExtendedFilePropertiesPart();
            app.Properties = new DocumentFormat.OpenXml.ExtendedProperties.Properties(
                new DocumentFormat.OpenXml.ExtendedProperties.Company(Company), new DocumentFormat.OpenXml.ExtendedProperties.Manager(Author));
            var comments = main.AddNewPart<WordprocessingCommentsPart>();
            comments.Comments = new Comments(new Comment(new Paragraph(new Run(new Text("再改一下")))) { Id = "0", Author = Author, Initials = "ZJ" });
        }
        return ms.ToArray();
    }

    private static byte[] Pdf()
    {
        using var doc = new PdfDocument();
        doc.AddPage();
        doc.Info.Author = Author;
        doc.Info.Title = Company + "品牌故事";
        var xmp = new PdfDictionary(doc);
        xmp.CreateStream(System.Text.Encoding.UTF8.GetBytes($"<x:xmpmeta><dc:creator>{Author}</dc:creator></x:xmpmeta>"));
        doc.Internals.AddObject(xmp);
        doc.Internals.Catalog.Elements["/Metadata"] = xmp.Reference;
        using var ms = new MemoryStream();
        doc.Save(ms, closeStream: false);
        return ms.ToArray();
    }

    private static bool Contains(byte[] haystack, string text) =>
        haystack.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(text)) >= 0;

    [Fact]
    public async Task A_judge_downloads_word_and_pdf_attachments_without_author_properties_while_the_entrant_keeps_the_original()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 1, entries: 2, judgesPerEntry: 1);
        byte[] docx = Docx(), pdf = Pdf();
        var blobs = app.Services.GetRequiredService<IBlobStore>();
        await blobs.UploadAsync($"entries/{scene.Entries[0].Id}/attachment-t.docx", new MemoryStream(docx), "application/octet-stream", default);
        await blobs.UploadAsync($"entries/{scene.Entries[1].Id}/attachment-t.pdf", new MemoryStream(pdf), "application/pdf", default);
        await app.DbAsync(async db =>
        {
            var entries = await db.Entries.Where(e => e.ContestId == scene.Contest.Id).OrderBy(e => e.Id).ToListAsync();
            (entries[0].AttachmentBlob, entries[0].AttachmentFileName) = ($"entries/{entries[0].Id}/attachment-t.docx", $"{Author}-参赛稿.docx");
            (entries[1].AttachmentBlob, entries[1].AttachmentFileName) = ($"entries/{entries[1].Id}/attachment-t.pdf", $"{Author}-参赛稿.pdf");
            return await db.SaveChangesAsync();
        });
        await JudgingScenes.OpenAsync(app, scene);

        var judge = Browserless.For(app);
        await judge.SignInAsync(scene.Judges[0].Email!, AppFactory.TestPassword);
        var wordResponse = await judge.Client.GetAsync($"/media/entries/{scene.Entries[0].Id}/Attachment");
        Assert.Equal(HttpStatusCode.OK, wordResponse.StatusCode);
        Assert.Equal("attachment.docx", wordResponse.Content.Headers.ContentDisposition?.FileNameStar ?? wordResponse.Content.Headers.ContentDisposition?.FileName);
        using (var word = WordprocessingDocument.Open(new MemoryStream(await wordResponse.Content.ReadAsByteArrayAsync()), false))
        {
            Assert.True(string.IsNullOrEmpty(word.PackageProperties.Creator));
            Assert.True(string.IsNullOrEmpty(word.PackageProperties.LastModifiedBy));
            Assert.Null(word.ExtendedFilePropertiesPart!.Properties.Company);
            Assert.Null(word.ExtendedFilePropertiesPart!.Properties.Manager);
            Assert.All(word.MainDocumentPart!.WordprocessingCommentsPart!.Comments.Elements<Comment>(), c => Assert.True(string.IsNullOrEmpty(c.Author?.Value)));
            Assert.Contains("品牌故事正文", word.MainDocumentPart.Document.Body!.InnerText);
        }

        var pdfResponse = await judge.Client.GetAsync($"/media/entries/{scene.Entries[1].Id}/Attachment");
        Assert.Equal(HttpStatusCode.OK, pdfResponse.StatusCode);
        var pdfBytes = await pdfResponse.Content.ReadAsByteArrayAsync();
        using (var neutral = PdfReader.Open(new MemoryStream(pdfBytes), PdfDocumentOpenMode.Import))
        {
            Assert.Equal("", neutral.Info.Author);
            Assert.Equal("", neutral.Info.Title);
            // PDFsharp writes fresh XMP from the (now empty) properties; the uploaded XMP named the author in UTF-8.
            Assert.True(Contains(pdf, Author));
            Assert.False(Contains(pdfBytes, Author));
            Assert.Equal(1, neutral.PageCount);
        }

        // The entrant reads back exactly what was uploaded.
        var entrant = Browserless.For(app);
        await entrant.SignInAsync(scene.Entrants[0].Email!, AppFactory.TestPassword);
        Assert.Equal(docx, await entrant.Client.GetByteArrayAsync($"/media/entries/{scene.Entries[0].Id}/Attachment"));
    }

    // ---- One place at a time: each file carries the author's name in exactly one place, which the judge's copy must not.

    private const string Name = "刘一鸣 LiuYimingAuthor", Latin = "LiuYimingAuthor";
    private const string Body = "品牌故事正文";

    private static byte[] WordWith(Action<WordprocessingDocument, MainDocumentPart> place)
    {
        using var ms = new MemoryStream();
        using (var doc = WordprocessingDocument.Create(ms, WordprocessingDocumentType.Document))
        {
            var main = doc.AddMainDocumentPart();
            main.Document = new Document(new Body(new Paragraph(new Run(new Text(Body)))));
            place(doc, main);
        }
        return ms.ToArray();
    }

    public static TheoryData<string> WordPlaces => ["core", "app", "custom", "comment", "tracked change", "people", "template", "image"];

    private static byte[] Word(string place) => WordWith((doc, main) =>
    {
        switch (place)
        {
            case "core":
                (doc.PackageProperties.Creator, doc.PackageProperties.LastModifiedBy, doc.PackageProperties.Description) = (Name, Name, Name);
                break;
            case "app":
                doc.AddExtendedFilePropertiesPart().Properties = new DocumentFormat.OpenXml.ExtendedProperties.Properties(
                    new DocumentFormat.OpenXml.ExtendedProperties.Company(Name), new DocumentFormat.OpenXml.ExtendedProperties.Manager(Name));
                break;
            case "custom":
                doc.AddCustomFilePropertiesPart().Properties = new DocumentFormat.OpenXml.CustomProperties.Properties(
                    new DocumentFormat.OpenXml.CustomProperties.CustomDocumentProperty(new DocumentFormat.OpenXml.VariantTypes.VTLPWSTR(Name))
                    { FormatId = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}", PropertyId = 2, Name = "Owner" });
                break;
            case "comment":
                main.AddNewPart<WordprocessingCommentsPart>().Comments =
                    new Comments(new Comment(new Paragraph(new Run(new Text("再改一下")))) { Id = "0", Author = Name, Initials = Latin });
                break;
            case "tracked change":
                main.Document.Body!.Append(new Paragraph(
                    new InsertedRun(new Run(new Text("新增的一句"))) { Id = "1", Author = Name },
                    new DeletedRun(new Run(new DeletedText("删去的一句"))) { Id = "2", Author = Name }));
                break;
            case "people":
                main.AddNewPart<WordprocessingPeoplePart>().People = new DocumentFormat.OpenXml.Office2013.Word.People(
                    new DocumentFormat.OpenXml.Office2013.Word.Person(
                        new DocumentFormat.OpenXml.Office2013.Word.PresenceInfo { ProviderId = "None", UserId = Name }) { Author = Name });
                break;
            case "template":
                var settings = main.AddNewPart<DocumentSettingsPart>();
                var template = settings.AddExternalRelationship(
                    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/attachedTemplate",
                    new Uri($"file:///C:/Users/{Latin}/AppData/Roaming/Microsoft/Templates/{Latin}.dotm"));
                settings.Settings = new Settings(new AttachedTemplate { Id = template.Id });
                doc.AddExtendedFilePropertiesPart().Properties = new DocumentFormat.OpenXml.ExtendedProperties.Properties(
                    new DocumentFormat.OpenXml.ExtendedProperties.Template($"{Latin}.dotm"));
                break;
            case "image":
                main.AddImagePart(ImagePartType.Jpeg).FeedData(new MemoryStream(JpegWithExifArtist(Latin)));
                main.AddImagePart(ImagePartType.Png).FeedData(new MemoryStream(PngWithAuthorText(Latin)));
                break;
        }
    });

    public static TheoryData<string> PdfPlaces => ["info", "document xmp", "object xmp", "annotation author", "embedded file"];

    private static byte[] Pdf(string place)
    {
        using var doc = new PdfDocument();
        doc.Options.NoCompression = true;
        doc.Options.CompressContentStreams = false;
        var page = doc.AddPage();
        // Text pdftotext can read back, drawn with a standard font so no font files are needed.
        var content = new PdfDictionary(doc);
        content.CreateStream(System.Text.Encoding.ASCII.GetBytes("BT /F1 24 Tf 72 720 Td (Brand story text) Tj ET"));
        doc.Internals.AddObject(content);
        page.Elements["/Contents"] = content.Reference;
        var font = new PdfDictionary(doc);
        font.Elements["/Type"] = new PdfName("/Font");
        font.Elements["/Subtype"] = new PdfName("/Type1");
        font.Elements["/BaseFont"] = new PdfName("/Helvetica");
        var fonts = new PdfDictionary(doc);
        fonts.Elements["/F1"] = font;
        page.Resources.Elements["/Font"] = fonts;

        PdfReference Stream(string type, string text)
        {
            var stream = new PdfDictionary(doc);
            stream.Elements["/Type"] = new PdfName(type);
            stream.CreateStream(System.Text.Encoding.UTF8.GetBytes(text));
            doc.Internals.AddObject(stream);
            return stream.Reference!;
        }

        PdfReference FileSpec(string fileName, string content)
        {
            var spec = new PdfDictionary(doc);
            spec.Elements["/Type"] = new PdfName("/Filespec");
            spec.Elements["/F"] = new PdfString(fileName);
            var ef = new PdfDictionary(doc);
            ef.Elements["/F"] = Stream("/EmbeddedFile", content);
            spec.Elements["/EF"] = ef;
            doc.Internals.AddObject(spec);
            return spec.Reference!;
        }

        PdfDictionary Annotation(string subtype)
        {
            var annotation = new PdfDictionary(doc);
            annotation.Elements["/Type"] = new PdfName("/Annot");
            annotation.Elements["/Subtype"] = new PdfName(subtype);
            annotation.Elements["/Rect"] = new PdfArray(doc, new PdfInteger(72), new PdfInteger(600), new PdfInteger(100), new PdfInteger(628));
            doc.Internals.AddObject(annotation);
            return annotation;
        }

        switch (place)
        {
            case "info":
                doc.Info.Author = Latin;
                doc.Info.Elements["/Company"] = new PdfString(Latin);
                break;
            case "document xmp":
                doc.Internals.Catalog.Elements["/Metadata"] = Stream("/Metadata", $"<x:xmpmeta><dc:creator>{Latin}</dc:creator></x:xmpmeta>");
                break;
            case "object xmp":
                page.Elements["/Metadata"] = Stream("/Metadata", $"<x:xmpmeta><xmp:CreatorTool>{Latin}</xmp:CreatorTool></x:xmpmeta>");
                break;
            case "annotation author":
                var note = Annotation("/Text");
                note.Elements["/T"] = new PdfString(Latin);
                note.Elements["/Contents"] = new PdfString("Please read again");
                page.Elements["/Annots"] = new PdfArray(doc, note.Reference!);
                break;
            case "embedded file":
                var names = new PdfDictionary(doc);
                var files = new PdfDictionary(doc);
                files.Elements["/Names"] = new PdfArray(doc, new PdfString("draft.txt"), FileSpec("draft.txt", $"first draft by {Latin}"));
                names.Elements["/EmbeddedFiles"] = files;
                doc.Internals.Catalog.Elements["/Names"] = names;
                var attached = Annotation("/FileAttachment");
                attached.Elements["/FS"] = FileSpec("notes.txt", $"notes of {Latin}");
                page.Elements["/Annots"] = new PdfArray(doc, attached.Reference!);
                break;
        }

        using var ms = new MemoryStream();
        doc.Save(ms, closeStream: false);
        return ms.ToArray();
    }

    /// <summary>A JPEG from ffmpeg with an EXIF APP1 segment whose Artist tag holds <paramref name="artist"/>.</summary>
    private static byte[] JpegWithExifArtist(string artist)
    {
        var jpeg = MakeImage("jpg");
        var value = System.Text.Encoding.ASCII.GetBytes(artist + "\0");
        var tiff = new List<byte> { (byte)'I', (byte)'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x3B, 0x01, 2, 0 };
        tiff.AddRange(BitConverter.GetBytes(value.Length));
        tiff.AddRange(BitConverter.GetBytes(26));
        tiff.AddRange(BitConverter.GetBytes(0));
        tiff.AddRange(value);
        byte[] payload = [.. "Exif\0\0"u8, .. tiff];
        var length = payload.Length + 2;
        return [0xFF, 0xD8, 0xFF, 0xE1, (byte)(length >> 8), (byte)length, .. payload, .. jpeg.Skip(2)];
    }

    /// <summary>A PNG from ffmpeg with a tEXt chunk "Author" after its header chunk.</summary>
    private static byte[] PngWithAuthorText(string author)
    {
        var png = MakeImage("png");
        byte[] chunk = [.. "tEXt"u8, .. "Author\0"u8, .. System.Text.Encoding.ASCII.GetBytes(author)];
        var crc = Crc32(chunk);
        var length = chunk.Length - 4;
        byte[] text = [(byte)(length >> 24), (byte)(length >> 16), (byte)(length >> 8), (byte)length, .. chunk, (byte)(crc >> 24), (byte)(crc >> 16), (byte)(crc >> 8), (byte)crc];
        return [.. png.Take(33), .. text, .. png.Skip(33)];
    }

    private static uint Crc32(byte[] data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }

    private static byte[] MakeImage(string extension)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("bsc-image-").FullName, "image." + extension);
        Media.FfmpegCli.RunAsync("-f", "lavfi", "-i", "testsrc2=s=64x48", "-frames:v", "1", path).GetAwaiter().GetResult();
        return File.ReadAllBytes(path);
    }

    /// <summary>Every file inside a .docx, inflated: the zip's own compression would hide a name from a byte search.</summary>
    private static IEnumerable<(string Name, byte[] Bytes)> Entries(byte[] docx)
    {
        using var zip = new System.IO.Compression.ZipArchive(new MemoryStream(docx));
        foreach (var entry in zip.Entries.ToList())
        {
            using var stream = entry.Open();
            using var ms = new MemoryStream();
            stream.CopyTo(ms);
            yield return (entry.FullName, ms.ToArray());
        }
    }

    /// <summary>In UTF-8, UTF-16 either way round, percent-encoded (relationship targets) or as PDF hex strings.</summary>
    private static bool Names(byte[] bytes, string text)
    {
        var hex = Convert.ToHexString(System.Text.Encoding.BigEndianUnicode.GetBytes(text));
        var ascii = Convert.ToHexString(System.Text.Encoding.UTF8.GetBytes(text));
        return new[]
        {
            System.Text.Encoding.UTF8.GetBytes(text), System.Text.Encoding.Unicode.GetBytes(text), System.Text.Encoding.BigEndianUnicode.GetBytes(text),
            System.Text.Encoding.ASCII.GetBytes(Uri.EscapeDataString(text)), System.Text.Encoding.ASCII.GetBytes(hex),
            System.Text.Encoding.ASCII.GetBytes(hex.ToLowerInvariant()), System.Text.Encoding.ASCII.GetBytes(ascii), System.Text.Encoding.ASCII.GetBytes(ascii.ToLowerInvariant()),
        }.Any(needle => bytes.AsSpan().IndexOf(needle) >= 0);
    }

    /// <summary>An entrant uploads <paramref name="file"/> through the app; the assigned judge downloads it.</summary>
    private async Task<(HttpResponseMessage Judge, JudgingScene Scene)> UploadAndDownloadAsJudgeAsync(byte[] file, string extension)
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 1, entries: 1, judgesPerEntry: 1);
        var entry = scene.Entries[0];
        var refused = await app.SendAsync(scene.Entrants[0], new BrandStoryContest.Web.Features.Entries.AttachFileCommand(
            entry.Id, BrandStoryContest.Web.Features.Entries.EntryFileKind.Attachment, $"{Author}-参赛稿{extension}", file.Length, new MemoryStream(file)));
        Assert.True(refused.IsOk);
        await app.SendAsync(scene.Organizer, new AssignJudgesCommand(scene.RoundId));
        await app.SendAsync(scene.Organizer, new ChangeRoundStateCommand(scene.RoundId, RoundState.Open));
        var judge = Browserless.For(app);
        await judge.SignInAsync(scene.Judges[0].Email!, AppFactory.TestPassword);
        return (await judge.Client.GetAsync($"/media/entries/{entry.Id}/Attachment"), scene);
    }

    [Theory]
    [MemberData(nameof(WordPlaces))]
    public async Task A_judge_gets_a_word_attachment_without_the_author_named_in_its(string place)
    {
        var original = Word(place);
        Assert.Contains(Entries(original), e => Names(e.Bytes, Latin));
        var (response, _) = await UploadAndDownloadAsJudgeAsync(original, ".docx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var served = await response.Content.ReadAsByteArrayAsync();
        foreach (var (entry, bytes) in Entries(served))
        {
            Assert.False(Names(bytes, Latin), $"{entry} still names the author");
            Assert.False(Names(bytes, "刘一鸣"), $"{entry} still names the author");
        }
        using var word = WordprocessingDocument.Open(new MemoryStream(served), false);
        Assert.Contains(Body, word.MainDocumentPart!.Document.Body!.InnerText);
        if (place == "image")
        {
            // The pictures are still pictures.
            foreach (var image in word.MainDocumentPart.ImageParts)
            {
                var path = Path.Combine(Directory.CreateTempSubdirectory("bsc-image-").FullName, "image" + (image.ContentType == "image/png" ? ".png" : ".jpg"));
                await using (var file = File.Create(path)) await image.GetStream().CopyToAsync(file);
                Assert.True(await Media.FfmpegCli.MeanLumaAsync(path) > 10);
            }
        }
    }

    [Theory]
    [MemberData(nameof(PdfPlaces))]
    public async Task A_judge_gets_a_pdf_attachment_without_the_author_named_in_its(string place)
    {
        var original = Pdf(place);
        Assert.True(Names(original, Latin));
        var (response, _) = await UploadAndDownloadAsJudgeAsync(original, ".pdf");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var served = await response.Content.ReadAsByteArrayAsync();
        Assert.False(Names(served, Latin), System.Text.Encoding.Latin1.GetString(served));
        var path = Path.Combine(Directory.CreateTempSubdirectory("bsc-pdf-").FullName, "attachment.pdf");
        await File.WriteAllBytesAsync(path, served);
        Assert.Contains("Brand story text", await PdfTextAsync(path));
    }

    [Fact]
    public async Task An_attachment_the_scrubber_cannot_read_is_not_available_to_judges_and_the_organizer_is_warned()
    {
        // A PDF header (so the upload is accepted as a PDF) over bytes no PDF reader can make sense of.
        var damaged = System.Text.Encoding.ASCII.GetBytes($"%PDF-1.7\n%{Latin}\n1 0 obj << /Author ({Latin}) /Broken [[[ \n").Concat(new byte[4000]).ToArray();
        var (response, scene) = await UploadAndDownloadAsJudgeAsync(damaged, ".pdf");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var page = await response.Content.ReadAsStringAsync();
        Assert.Contains("暂不可用", page);
        Assert.False(Names(System.Text.Encoding.UTF8.GetBytes(page), Latin));
        // Nor does the score sheet offer the download.
        var judge = Browserless.For(app);
        await judge.SignInAsync(scene.Judges[0].Email!, AppFactory.TestPassword);
        var assignment = (await JudgingScenes.AssignmentsAsync(app, scene.RoundId)).Single();
        Assert.DoesNotContain("/Attachment\"", await judge.GetHtmlAsync($"/judging/assignments/{assignment.Id}"));

        var organizer = Browserless.For(app);
        await organizer.SignInAsync(scene.Organizer.Email!, AppFactory.TestPassword);
        var entries = System.Net.WebUtility.HtmlDecode(await organizer.GetHtmlAsync($"/manage/contests/{scene.Contest.Id}"));
        Assert.Contains("无法打开该附件以删除作者信息", entries);
        Assert.Equal(damaged, await organizer.Client.GetByteArrayAsync($"/media/entries/{scene.Entries[0].Id}/Attachment"));
        // The entrant is told too, while there is still time to upload a better copy.
        var entrant = Browserless.For(app);
        await entrant.SignInAsync(scene.Entrants[0].Email!, AppFactory.TestPassword);
        Assert.Contains("id=\"attachment-unreadable\"", await entrant.GetHtmlAsync($"/entries/{scene.Entries[0].Id}/edit"));
    }

    private static async Task<string> PdfTextAsync(string path)
    {
        var start = new System.Diagnostics.ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(path);
        start.ArgumentList.Add("-");
        using var process = System.Diagnostics.Process.Start(start)!;
        var text = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.Equal(0, process.ExitCode);
        return text;
    }
}
