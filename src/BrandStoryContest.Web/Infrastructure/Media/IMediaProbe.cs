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
    long BitRate,
    string? PixelFormat = null)
{
    /// <summary>8-bit 4:2:0 H.264 is what every browser decodes; such a film's judging copy keeps its picture as it is.</summary>
    public bool PlaysInBrowsers => VideoCodec == "h264" && PixelFormat is "yuv420p" or "yuvj420p";
}

/// <summary>Why an upload is not a film, so the entrant reads what is actually wrong with it.</summary>
public enum NotAFilm { Unreadable, NoVideoStream, StillImage }

/// <summary>Either the film's facts, or why it is not one.</summary>
public sealed record ProbeResult(FilmProbe? Film, NotAFilm Why = NotAFilm.Unreadable)
{
    public static ProbeResult Not(NotAFilm why) => new(null, why);
}

public interface IMediaProbe
{
    /// <summary>
    /// <paramref name="input"/> is a local path or an http(s) URL. The result has no film when the input is not a
    /// real video, and says why: unreadable or garbage, a still image, or audio only (cover art does not count as video).
    /// A missing local file throws <see cref="FileNotFoundException"/>: that is a storage fault, not a verdict on the upload.
    /// </summary>
    Task<ProbeResult> ProbeAsync(string input, CancellationToken ct);

    /// <summary>Writes a representative, non-black frame as JPEG (at most 640 px wide).</summary>
    Task ExtractPosterAsync(string input, TimeSpan duration, string outputJpegPath, CancellationToken ct);

    /// <summary>
    /// Writes one JPEG with <paramref name="frames"/> frames side by side, each 160 px high and as wide as its
    /// aspect needs (portrait stays portrait). Each frame is taken near an evenly spaced point, skipping dark frames
    /// as the poster does.
    /// </summary>
    Task ExtractStripAsync(string input, TimeSpan duration, int frames, string outputJpegPath, CancellationToken ct);

    /// <summary>
    /// Writes the copy judges, voters and gallery visitors get: one video and one audio stream in an MP4 with the
    /// index up front (+faststart) and nothing else of the upload: no container or stream tags, chapters, XMP/udta/meta
    /// boxes, GPS, attachments, data or subtitle streams, and no SEI user data in the picture. With
    /// <paramref name="copyVideo"/> the picture is stream-copied (for H.264 that browsers play); otherwise it is
    /// re-encoded to H.264 at most 1280 px wide. Sound is always re-encoded to AAC, which also drops anything hidden in it.
    /// </summary>
    Task WriteJudgingCopyAsync(string input, bool copyVideo, string outputMp4Path, CancellationToken ct);

    /// <summary>
    /// Re-encodes an uploaded image as JPEG no wider than <paramref name="maxWidth"/>, dropping metadata and
    /// flattening transparency onto white. Returns false when the input is not a decodable image.
    /// </summary>
    Task<bool> ResizeImageAsync(string inputImagePath, int maxWidth, string outputJpegPath, CancellationToken ct);
}
