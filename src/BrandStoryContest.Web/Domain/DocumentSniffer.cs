using System.IO.Compression;

namespace BrandStoryContest.Web.Domain;

/// <summary>What an uploaded attachment really is, from its bytes, never from its name or Content-Type.</summary>
public static class DocumentSniffer
{
    private const int MaxZipEntries = 2000;
    /// <summary>A real essay's .docx inflates to a few MB; far more, or an absurd ratio, is a zip bomb.</summary>
    private const long MaxInflatedBytes = 200L * 1024 * 1024;
    private const long MaxRatio = 200;

    /// <summary>"pdf", "docx" or null. The stream must be seekable; its position is restored.</summary>
    public static string? Detect(Stream content)
    {
        var start = content.Position;
        try
        {
            Span<byte> head = stackalloc byte[5];
            if (content.ReadAtLeast(head, 5, throwOnEndOfStream: false) < 5) return null;
            if (head.SequenceEqual("%PDF-"u8)) return "pdf";
            if (head[0] == 'P' && head[1] == 'K' && head[2] == 3 && head[3] == 4) return IsDocx(content, start) ? "docx" : null;
            return null;
        }
        finally { content.Position = start; }
    }

    /// <summary>A Word document is a zip with these two parts; the entries are listed, never inflated.</summary>
    private static bool IsDocx(Stream content, long start)
    {
        content.Position = start;
        try
        {
            using var zip = new ZipArchive(content, ZipArchiveMode.Read, leaveOpen: true);
            if (zip.Entries.Count > MaxZipEntries) return false;
            long inflated = 0, compressed = 0;
            foreach (var e in zip.Entries) { inflated += e.Length; compressed += e.CompressedLength; }
            if (inflated > MaxInflatedBytes || inflated > MaxRatio * Math.Max(compressed, 1024)) return false;
            var names = zip.Entries.Select(e => e.FullName).ToHashSet();
            return names.Contains("[Content_Types].xml") && names.Contains("word/document.xml");
        }
        catch (InvalidDataException) { return false; }
    }
}
