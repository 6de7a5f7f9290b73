using DocumentFormat.OpenXml.Packaging;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace BrandStoryContest.Web.Features.Media;

/// <summary>
/// A copy of an attachment without the document properties that name its author, for blind judges: Word's
/// creator, last editor, company and manager, comment authors; a PDF's Author, Creator, Producer, Title, Subject
/// and Keywords and its XMP metadata. The text of the document itself is the author's responsibility (and the
/// blind-leak check's).
/// </summary>
public static class NeutralDocument
{
    /// <summary>The neutral copy, or null when the file cannot be rewritten (damaged or encrypted).</summary>
    public static async Task<MemoryStream?> CopyAsync(Stream original, string extension, CancellationToken ct)
    {
        var copy = new MemoryStream();
        await original.CopyToAsync(copy, ct);
        copy.Position = 0;
        try
        {
            var neutral = extension == ".pdf" ? Pdf(copy) : Docx(copy);
            neutral.Position = 0;
            return neutral;
        }
        catch (Exception e) when (e is InvalidOperationException or PdfReaderException or OpenXmlPackageException or IOException or NotSupportedException
                                      or System.Xml.XmlException or FormatException or ArgumentException)
        {
            return null;
        }
    }

    private static MemoryStream Docx(MemoryStream copy)
    {
        using (var doc = WordprocessingDocument.Open(copy, isEditable: true))
        {
            doc.PackageProperties.Creator = null;
            doc.PackageProperties.LastModifiedBy = null;
            if (doc.ExtendedFilePropertiesPart?.Properties is { } app)
            {
                app.Company?.Remove();
                app.Manager?.Remove();
                app.Save();
            }
            if (doc.MainDocumentPart?.WordprocessingCommentsPart?.Comments is { } comments)
            {
                foreach (var c in comments.Elements<DocumentFormat.OpenXml.Wordprocessing.Comment>())
                {
                    c.Author = "";
                    c.Initials = "";
                }
                comments.Save();
            }
        }
        return copy;
    }

    private static MemoryStream Pdf(MemoryStream copy)
    {
        using var doc = PdfReader.Open(copy, PdfDocumentOpenMode.Modify);
        foreach (var key in new[] { "/Author", "/Creator", "/Producer", "/Title", "/Subject", "/Keywords" })
            doc.Info.Elements.Remove(key);
        // XMP repeats the same facts (dc:creator, xmp:CreatorTool) in a stream of its own.
        doc.Internals.Catalog.Elements.Remove("/Metadata");
        var neutral = new MemoryStream();
        doc.Save(neutral, closeStream: false);
        return neutral;
    }
}
