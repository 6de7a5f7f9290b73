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
}
