using System.Xml.Linq;
using DocumentFormat.OpenXml.Packaging;
using PdfSharp.Pdf;
using PdfSharp.Pdf.IO;

namespace BrandStoryContest.Web.Features.Media;

/// <summary>
/// A copy of an attachment without the places where a document names its author, for blind judges. Word: core,
/// app and custom properties, comment and tracked-change authors, people.xml, the attached template's path,
/// document variables, custom XML, and the EXIF/XMP/text chunks of embedded JPEG and PNG images. PDF: the info
/// dictionary, document and per-object XMP, annotation authors, page-piece data, embedded files and file
/// attachment annotations. The text of the document itself is the author's responsibility (and the blind-leak
/// check's). A file this cannot read is not served to judges at all.
/// </summary>
public static class NeutralDocument
{
    private static readonly XNamespace W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    private static readonly XName AppProperties = XName.Get("Properties", "http://schemas.openxmlformats.org/officeDocument/2006/extended-properties");

    // Attributes that hold a person: w:author on comments and every tracked change (w:ins, w:del, w:rPrChange, ...),
    // w:initials on comments, w15:userId/providerId on people and comments.
    private static readonly HashSet<string> PersonAttributes = ["author", "initials", "userId", "providerId"];

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
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Damaged and hostile files make the readers throw all sorts of things (format, cast, null reference...);
            // none of it may become a 500, and none of it may reach a judge as the original.
            return null;
        }
    }

    /// <summary>True when <see cref="CopyAsync"/> can make a neutral copy of the file; the stream is left where it was.</summary>
    public static async Task<bool> CanNeutralizeAsync(Stream original, string extension, CancellationToken ct)
    {
        var start = original.Position;
        await using var neutral = await CopyAsync(original, extension, ct);
        original.Position = start;
        return neutral is not null;
    }

    private static MemoryStream Docx(MemoryStream copy)
    {
        using (var doc = WordprocessingDocument.Open(copy, isEditable: true))
        {
            var core = doc.PackageProperties;
            core.Creator = core.LastModifiedBy = core.Title = core.Subject = core.Keywords = core.Description = null;
            core.Category = core.ContentStatus = core.Identifier = core.Version = core.Revision = core.Language = null;

            if (doc.CustomFilePropertiesPart is { } custom) doc.DeletePart(custom);
            // app.xml holds Company, Manager, the template's name, hyperlink base and titles of parts: none is needed to open the file.
            if (doc.ExtendedFilePropertiesPart is { } app) Write(app, new XDocument(new XElement(AppProperties)));

            var main = doc.MainDocumentPart ?? throw new InvalidDataException("A Word document without a main part.");
            if (main.WordprocessingPeoplePart is { } people) main.DeletePart(people);
            // Cover-page and bibliography data; content controls keep their last shown text without it.
            main.DeleteParts(main.CustomXmlParts.ToList());
            if (main.DocumentSettingsPart is { } settings)
            {
                foreach (var template in settings.ExternalRelationships.Where(r => r.RelationshipType.EndsWith("/attachedTemplate")).ToList())
                    settings.DeleteExternalRelationship(template);
            }

            foreach (var part in AllParts(doc))
            {
                if (part is ImagePart image) Scrub(image);
                else if (part is not ExtendedFilePropertiesPart && part.ContentType.EndsWith("xml")) Scrub(part);
            }
        }
        return copy;
    }

    private static void Scrub(OpenXmlPart part)
    {
        XDocument xml;
        using (var read = part.GetStream(FileMode.Open, FileAccess.Read)) xml = XDocument.Load(read);
        var changed = false;
        foreach (var attribute in xml.Descendants().Attributes().Where(a => PersonAttributes.Contains(a.Name.LocalName) && a.Value.Length > 0))
        {
            attribute.Value = "";
            changed = true;
        }
        // settings.xml: the template path (C:\Users\<name>\...) and document variables, which macros fill with anything.
        foreach (var element in xml.Descendants().Where(e => e.Name == W + "attachedTemplate" || e.Name == W + "docVars").ToList())
        {
            element.Remove();
            changed = true;
        }
        if (changed) Write(part, xml);
    }

    private static void Write(OpenXmlPart part, XDocument xml)
    {
        using var write = part.GetStream(FileMode.Create, FileAccess.Write);
        xml.Save(write);
    }

    private static void Scrub(ImagePart image)
    {
        byte[] bytes;
        using (var read = image.GetStream(FileMode.Open, FileAccess.Read))
        using (var buffer = new MemoryStream())
        {
            read.CopyTo(buffer);
            bytes = buffer.ToArray();
        }
        var neutral = ImageMetadata.Strip(bytes);
        if (neutral is null || neutral.Length == bytes.Length) return;
        using var write = image.GetStream(FileMode.Create, FileAccess.Write);
        write.Write(neutral);
    }

    private static IEnumerable<OpenXmlPart> AllParts(OpenXmlPackage doc)
    {
        var seen = new HashSet<Uri>();
        var pending = new Stack<OpenXmlPart>(doc.Parts.Select(p => p.OpenXmlPart));
        while (pending.TryPop(out var part))
        {
            if (!seen.Add(part.Uri)) continue;
            yield return part;
            foreach (var child in part.Parts) pending.Push(child.OpenXmlPart);
        }
    }

    private static MemoryStream Pdf(MemoryStream copy)
    {
        using var doc = PdfReader.Open(copy, PdfDocumentOpenMode.Modify);
        // Every key: Author, Creator, Producer, Title, Subject, Keywords and any custom one an authoring tool adds.
        foreach (var key in doc.Info.Elements.Keys.ToList()) doc.Info.Elements.Remove(key);

        var catalog = doc.Internals.Catalog;
        // Document XMP repeats the same facts (dc:creator, xmp:CreatorTool); AF and Collection carry embedded files too.
        foreach (var key in new[] { "/Metadata", "/AF", "/Collection", "/PieceInfo" }) catalog.Elements.Remove(key);
        if (catalog.Elements.GetDictionary("/Names") is { } names) names.Elements.Remove("/EmbeddedFiles");

        foreach (var page in doc.Pages)
        {
            if (page.Elements.GetArray("/Annots") is not { } annotations) continue;
            for (var i = annotations.Elements.Count - 1; i >= 0; i--)
            {
                var annotation = annotations.Elements.GetDictionary(i);
                if (annotation?.Elements.GetName("/Subtype") == "/FileAttachment") annotations.Elements.RemoveAt(i);
                // /T of a form field (a widget) is the field's name, not a person; of any other annotation it is its author.
                else if (annotation is not null && annotation.Elements.GetName("/Subtype") != "/Widget") annotation.Elements.Remove("/T");
            }
        }

        // Per-object XMP (images, pages, fonts can each have a /Metadata stream) and private application data.
        foreach (var dictionary in doc.Internals.GetAllObjects().OfType<PdfDictionary>())
        {
            dictionary.Elements.Remove("/Metadata");
            dictionary.Elements.Remove("/PieceInfo");
            if (dictionary.Elements.GetName("/Type") == "/Filespec") dictionary.Elements.Remove("/EF");
        }

        var neutral = new MemoryStream();
        doc.Save(neutral, closeStream: false);
        return neutral;
    }
}

/// <summary>Drops the metadata of JPEG and PNG images byte by byte, without decoding the picture.</summary>
public static class ImageMetadata
{
    /// <summary>The image without EXIF, XMP, IPTC, comments and text chunks; null when it is neither JPEG nor PNG (left as it is).</summary>
    public static byte[]? Strip(byte[] image)
    {
        if (image.Length > 3 && image[0] == 0xFF && image[1] == 0xD8) return Jpeg(image);
        if (image.Length > 8 && image.AsSpan(0, 8).SequenceEqual((byte[])[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return Png(image);
        return null;
    }

    private static byte[] Jpeg(byte[] image)
    {
        using var output = new MemoryStream();
        output.Write(image, 0, 2);
        var at = 2;
        while (at + 4 <= image.Length && image[at] == 0xFF)
        {
            var marker = image[at + 1];
            // Start of scan: the picture data follows to the end, with no more metadata segments to look for.
            if (marker == 0xDA) break;
            var length = (image[at + 2] << 8) | image[at + 3];
            if (length < 2 || at + 2 + length > image.Length) throw new InvalidDataException("A damaged JPEG segment.");
            // APP1 (EXIF, XMP) .. APP13 (IPTC) and APP15, and COM; APP0 (JFIF), APP2 (colour profile) and APP14 (Adobe) stay.
            var drop = marker == 0xFE || (marker >= 0xE1 && marker <= 0xEF && marker != 0xE2 && marker != 0xEE);
            if (!drop) output.Write(image, at, 2 + length);
            at += 2 + length;
        }
        output.Write(image, at, image.Length - at);
        return output.ToArray();
    }

    private static byte[] Png(byte[] image)
    {
        using var output = new MemoryStream();
        output.Write(image, 0, 8);
        var at = 8;
        while (at + 12 <= image.Length)
        {
            var length = (int)((uint)image[at] << 24 | (uint)image[at + 1] << 16 | (uint)image[at + 2] << 8 | image[at + 3]);
            if (length < 0 || at + 12 + length > image.Length) throw new InvalidDataException("A damaged PNG chunk.");
            var type = System.Text.Encoding.ASCII.GetString(image, at + 4, 4);
            // Text (tEXt, zTXt, iTXt), EXIF and the time of last change; the picture and its colour chunks stay.
            if (type is not ("tEXt" or "zTXt" or "iTXt" or "eXIf" or "tIME")) output.Write(image, at, 12 + length);
            at += 12 + length;
        }
        return output.ToArray();
    }
}
