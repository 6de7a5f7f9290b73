namespace BrandStoryContest.Web.Infrastructure.Media;

/// <summary>
/// Recognises video containers by their magic bytes, so an upload's extension or
/// Content-Type is never trusted on its own. Pass at least 64 bytes; MPEG-TS needs 189
/// (two packets) and M2TS 197, so reading 512 bytes is a sensible default.
/// </summary>
public static class VideoSniffer
{
    // HEIF/AVIF photos and iTunes audio are ISO-BMFF too; without this they would pass as "mp4".
    private static readonly string[] NonVideoBrands =
        ["heic", "heix", "heim", "heis", "hevc", "hevx", "mif1", "msf1", "avif", "avis", "M4A ", "M4B ", "M4P "];

    public static string? DetectContainer(ReadOnlySpan<byte> head)
    {
        if (head.Length < 12)
        {
            return null;
        }

        if (head.Slice(4, 4).SequenceEqual("ftyp"u8))
        {
            var brand = Ascii(head.Slice(8, 4));
            if (NonVideoBrands.Contains(brand))
            {
                return null;
            }

            return brand == "qt  " ? "mov" : "mp4";
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3]))
        {
            // The EBML header (with its DocType) sits in the first few dozen bytes.
            return head.IndexOf("webm"u8) >= 0 ? "webm" : "mkv";
        }

        if (head.StartsWith("RIFF"u8) && head.Slice(8, 4).SequenceEqual("AVI "u8))
        {
            return "avi";
        }

        if (head.StartsWith("FLV\x01"u8))
        {
            return "flv";
        }

        // A single 0x47 is just a "G" (e.g. "GIF89a"), so require the next packet's sync byte too.
        if (head.Length > 188 && head[0] == 0x47 && head[188] == 0x47)
        {
            return "ts";
        }

        // Camcorder .mts/.m2ts: 192-byte packets with a 4-byte timestamp before each sync byte.
        if (head.Length > 196 && head[4] == 0x47 && head[196] == 0x47)
        {
            return "m2ts";
        }

        return null;
    }

    private static string Ascii(ReadOnlySpan<byte> bytes) => System.Text.Encoding.ASCII.GetString(bytes);
}
