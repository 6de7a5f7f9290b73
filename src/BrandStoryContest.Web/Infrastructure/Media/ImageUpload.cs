using BrandStoryContest.Web.Infrastructure.Storage;

namespace BrandStoryContest.Web.Infrastructure.Media;

/// <summary>
/// Uploaded pictures (covers, seals) are re-encoded, never stored as sent: that drops metadata (GPS, author)
/// and anything hidden behind a valid header. SVG, which can carry script, is refused outright.
/// </summary>
public static class ImageUpload
{
    public const long MaxBytes = 10 * 1024 * 1024;

    /// <summary>Re-encodes the upload and stores the JPEG as <paramref name="blobName"/>; false when it is not a JPEG, PNG or WebP image.</summary>
    public static async Task<bool> StoreAsync(Stream content, int maxWidth, string blobName, IMediaProbe media, IBlobStore blobs, CancellationToken ct)
    {
        var jpeg = await ReencodeAsync(content, maxWidth, media, ct);
        if (jpeg is null) return false;
        try
        {
            await using var file = File.OpenRead(jpeg);
            await blobs.UploadAsync(blobName, file, "image/jpeg", ct);
        }
        finally { File.Delete(jpeg); }
        return true;
    }

    /// <summary>A temp JPEG path the caller must delete, or null when the upload is not a JPEG, PNG or WebP image.</summary>
    private static async Task<string?> ReencodeAsync(Stream content, int maxWidth, IMediaProbe media, CancellationToken ct)
    {
        var source = Path.GetTempFileName();
        var target = Path.ChangeExtension(Path.GetTempFileName(), ".jpg");
        try
        {
            await using (var f = File.Create(source)) await content.CopyToAsync(f, ct);
            if (!LooksLikeRasterImage(source)) return null;
            return await media.ResizeImageAsync(source, maxWidth, target, ct) ? target : null;
        }
        finally { File.Delete(source); }
    }

    private static bool LooksLikeRasterImage(string path)
    {
        Span<byte> h = stackalloc byte[12];
        using var f = File.OpenRead(path);
        if (f.ReadAtLeast(h, 12, false) < 12) return false;
        return (h[0] == 0xFF && h[1] == 0xD8 && h[2] == 0xFF)
            || h[..8].SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A })
            || (h[..4].SequenceEqual("RIFF"u8) && h[8..12].SequenceEqual("WEBP"u8));
    }
}
