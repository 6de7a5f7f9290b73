using System.Buffers.Binary;
using System.Collections.Concurrent;
using System.Text;
using PdfSharp.Fonts;

namespace BrandStoryContest.Web.Infrastructure.Certificates;

/// <summary>
/// Serves certificate fonts to PDFsharp. PDFsharp allows exactly one font resolver per process,
/// so every <see cref="CertificatePdf"/> registers its font here instead of installing its own.
/// </summary>
internal sealed class CertificateFont : IFontResolver
{
    static readonly CertificateFont Instance = new();
    static readonly Lock Gate = new();

    readonly ConcurrentDictionary<string, byte[]> faces = new();

    CertificateFont() { }

    /// <summary>Loads the font once and returns the family name to use in <c>XFont</c>.</summary>
    public static string Register(string fontPath, int faceIndex = 0)
    {
        var family = $"certificate:{Path.GetFullPath(fontPath)}#{faceIndex}";
        lock (Gate)
        {
            // Replacing a resolver PDFsharp has already used breaks its caches, so refuse rather than
            // silently lose someone else's fonts.
            if (GlobalFontSettings.FontResolver is null)
                GlobalFontSettings.FontResolver = Instance;
            else if (GlobalFontSettings.FontResolver != Instance)
                throw new InvalidOperationException(
                    "Another PDFsharp font resolver is already installed; certificates need their own.");

            if (!Instance.faces.ContainsKey(family))
                Instance.faces[family] = LoadTrueType(fontPath, faceIndex);
        }
        return family;
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        faces.ContainsKey(familyName) ? new FontResolverInfo(familyName, bold, italic) : null;

    public byte[]? GetFont(string faceName) => faces.GetValueOrDefault(faceName);

    /// <summary>
    /// True when the file (face 0 of a collection) has TrueType outlines. PDFsharp cannot embed
    /// CFF-flavoured OpenType such as Noto CJK, so those files are not usable.
    /// </summary>
    public static bool HasTrueTypeOutlines(string fontPath)
    {
        try
        {
            using var file = File.OpenRead(fontPath);
            return ReadTables(file, 0).Any(t => t.Tag == "glyf");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            return false;
        }
    }

    /// <summary>
    /// Returns a standalone TrueType font. PDFsharp does not read .ttc collections, so a collection's
    /// face is copied out into a file of its own (table data is unchanged, only offsets move).
    /// </summary>
    static byte[] LoadTrueType(string fontPath, int faceIndex)
    {
        using var file = File.OpenRead(fontPath);
        var tables = ReadTables(file, faceIndex);
        if (!tables.Any(t => t.Tag == "glyf"))
            throw new InvalidDataException(
                $"{fontPath} has no TrueType outlines (CFF fonts such as Noto CJK cannot be embedded by PDFsharp).");

        var headerLength = 12 + 16 * tables.Count;
        var font = new byte[headerLength + tables.Sum(t => Align4(t.Length))];
        var searchRange = 16 * (int)Math.Pow(2, Math.Floor(Math.Log2(tables.Count)));
        BinaryPrimitives.WriteUInt32BigEndian(font, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(font.AsSpan(4), (ushort)tables.Count);
        BinaryPrimitives.WriteUInt16BigEndian(font.AsSpan(6), (ushort)searchRange);
        BinaryPrimitives.WriteUInt16BigEndian(font.AsSpan(8), (ushort)Math.Log2(searchRange / 16));
        BinaryPrimitives.WriteUInt16BigEndian(font.AsSpan(10), (ushort)(16 * tables.Count - searchRange));

        var position = headerLength;
        for (var i = 0; i < tables.Count; i++)
        {
            var table = tables[i];
            var record = font.AsSpan(12 + 16 * i);
            Encoding.ASCII.GetBytes(table.Tag, record);
            BinaryPrimitives.WriteUInt32BigEndian(record[4..], table.Checksum);
            BinaryPrimitives.WriteInt32BigEndian(record[8..], position);
            BinaryPrimitives.WriteInt32BigEndian(record[12..], table.Length);
            file.Position = table.Offset;
            file.ReadExactly(font, position, table.Length);
            position += Align4(table.Length);
        }
        return font;
    }

    static List<Table> ReadTables(Stream file, int faceIndex)
    {
        var header = new byte[16];
        file.ReadExactly(header, 0, 12);
        long directory = 0;
        if (Encoding.ASCII.GetString(header, 0, 4) == "ttcf")
        {
            var faceCount = BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(8));
            if (faceIndex < 0 || faceIndex >= faceCount)
                throw new InvalidDataException($"Font collection has {faceCount} faces; face {faceIndex} requested.");
            file.Position = 12 + 4 * faceIndex;
            file.ReadExactly(header, 0, 4);
            directory = BinaryPrimitives.ReadUInt32BigEndian(header);
            file.Position = directory;
            file.ReadExactly(header, 0, 12);
        }
        else if (faceIndex != 0)
        {
            throw new InvalidDataException("Only font collections (.ttc) have more than one face.");
        }

        var tables = new List<Table>();
        var count = BinaryPrimitives.ReadUInt16BigEndian(header.AsSpan(4));
        for (var i = 0; i < count; i++)
        {
            file.Position = directory + 12 + 16 * i;
            file.ReadExactly(header, 0, 16);
            tables.Add(new Table(
                Encoding.ASCII.GetString(header, 0, 4),
                BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(4)),
                BinaryPrimitives.ReadUInt32BigEndian(header.AsSpan(8)),
                BinaryPrimitives.ReadInt32BigEndian(header.AsSpan(12))));
        }
        return tables;
    }

    static int Align4(int length) => (length + 3) & ~3;

    sealed record Table(string Tag, uint Checksum, long Offset, int Length);
}
