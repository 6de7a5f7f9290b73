namespace BrandStoryContest.Web.Infrastructure.Media;

/// <param name="Width">Display width: already swapped for clips recorded in portrait with a rotation flag.</param>
/// <param name="BitRate">Overall bit rate in bits per second, 0 when the container does not say.</param>
public sealed record FilmProbe(
    string FormatName,
    TimeSpan Duration,
    int Width,
    int Height,
    string VideoCodec,
    string? AudioCodec,
    double FrameRate,
    long BitRate);

public interface IMediaProbe
{
    /// <summary>
    /// <paramref name="input"/> is a local path or an http(s) URL. Returns null when the input is not a real
    /// video: unreadable, garbage, a still image, or audio only (cover art does not count as video).
    /// A missing local file throws <see cref="FileNotFoundException"/>: that is a storage fault, not a verdict on the upload.
    /// </summary>
    Task<FilmProbe?> ProbeAsync(string input, CancellationToken ct);

    /// <summary>Writes a representative, non-black frame as JPEG (at most 640 px wide).</summary>
    Task ExtractPosterAsync(string input, TimeSpan duration, string outputJpegPath, CancellationToken ct);

    /// <summary>Writes one JPEG with <paramref name="frames"/> evenly spaced frames side by side, each 160 px high.</summary>
    Task ExtractStripAsync(string input, TimeSpan duration, int frames, string outputJpegPath, CancellationToken ct);

    /// <summary>Re-encodes to H.264/AAC MP4 with the index up front (+faststart), at most 1280 px wide.</summary>
    Task TranscodePreviewAsync(string input, string outputMp4Path, CancellationToken ct);

    /// <summary>
    /// Re-encodes an uploaded image as JPEG no wider than <paramref name="maxWidth"/>, dropping metadata and
    /// flattening transparency onto white. Returns false when the input is not a decodable image.
    /// </summary>
    Task<bool> ResizeImageAsync(string inputImagePath, int maxWidth, string outputJpegPath, CancellationToken ct);
}
