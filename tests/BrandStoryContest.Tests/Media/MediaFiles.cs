namespace BrandStoryContest.Tests.Media;

/// <summary>
/// Media generated once per test run with ffmpeg, in a temp folder whose name has spaces and Chinese characters
/// (so every code path is exercised with such paths).
/// </summary>
public sealed class MediaFiles : IAsyncLifetime
{
    public const string Clip1080 = "品牌 故事 1080p.mp4";
    public const string BlackStart = "黑场 开头.mp4";
    public const string BlackMiddle = "黑场 中间.mp4";
    public const string Portrait1080 = "竖屏 1080x1920.mp4";
    public const string Small = "small 320x240.mp4";
    public const string Portrait = "portrait rotated.mp4";
    public const string Text = "not a video.mp4";
    public const string Picture = "picture png.mp4";
    public const string Cover = "cover.jpg";
    public const string StillInMkv = "still frame.mkv";
    public const string AudioOnly = "audio only.m4a";
    public const string Playlist = "playlist.mp4";
    public const string Garbage = "garbage.mp4";
    public const string Seal = "印章 seal.png";
    public const string TinyMov = "tiny.mov";
    public const string TinyMkv = "tiny.mkv";
    public const string TinyWebm = "tiny.webm";
    public const string TinyAvi = "tiny.avi";
    public const string TinyTs = "tiny.ts";
    public const string TinyFlv = "tiny.flv";

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), $"媒体 测试 {Guid.NewGuid():N}");

    public string PathOf(string name) => Path.Combine(Folder, name);

    /// <summary>A fresh output path, so tests never read each other's results.</summary>
    public string NewOutput(string name) => Path.Combine(Folder, "out", $"{Guid.NewGuid():N} {name}");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(PathOf("out"));
        const string x264 = "libx264 -preset ultrafast -pix_fmt yuv420p";

        await Ffmpeg(Clip1080,
            "-f lavfi -i testsrc2=s=1920x1080:r=25:d=3 -f lavfi -i sine=f=440:d=3 " +
            $"-c:v {x264} -c:a aac -shortest");
        await Ffmpeg(BlackStart,
            "-f lavfi -i color=black:s=640x360:r=25:d=2 -f lavfi -i testsrc2=s=640x360:r=25:d=3 -f lavfi -i sine=d=5 " +
            $"-filter_complex [0:v][1:v]concat=n=2:v=1:a=0[v] -map [v] -map 2:a -c:v {x264} -c:a aac -shortest");
        // 2 s of picture, 2 s of black, 2 s of picture: half the strip's evenly spaced points fall on black.
        await Ffmpeg(BlackMiddle,
            "-f lavfi -i testsrc2=s=640x360:r=25:d=2 -f lavfi -i color=black:s=640x360:r=25:d=2 -f lavfi -i testsrc2=s=640x360:r=25:d=2 " +
            $"-filter_complex [0:v][1:v][2:v]concat=n=3:v=1:a=0[v] -map [v] -c:v {x264}");
        await Ffmpeg(Portrait1080, $"-f lavfi -i testsrc2=s=1080x1920:r=25:d=2 -c:v {x264}");
        await Ffmpeg(Small, $"-f lavfi -i testsrc2=s=320x240:r=25:d=2 -c:v {x264}");
        // ffmpeg 5.1 only writes the rotate tag (as a display matrix) when stream-copying.
        await Ffmpeg(Portrait, $"-i {Quote(PathOf(Small))} -c copy -metadata:s:v:0 rotate=90");
        await Ffmpeg(Picture, "-f lavfi -i testsrc2=s=320x240 -frames:v 1 -f image2 -c:v png");
        await Ffmpeg(Cover, "-f lavfi -i testsrc2=s=320x240 -frames:v 1");
        await Ffmpeg(StillInMkv, "-f lavfi -i testsrc2=s=320x240 -frames:v 1 -c:v png");
        await Ffmpeg(AudioOnly,
            $"-f lavfi -i sine=d=2 -i {Quote(PathOf(Cover))} -map 0:a -map 1:v -c:a aac -c:v copy -disposition:v:0 attached_pic");
        await Ffmpeg(Seal,
            "-f lavfi -i testsrc2=s=800x600,format=rgba,geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='if(lt(X,400),0,255)' -frames:v 1");

        const string tiny = "-f lavfi -i testsrc2=s=64x64:r=10:d=0.5";
        await Ffmpeg(TinyMov, $"{tiny} -c:v {x264}");
        await Ffmpeg(TinyMkv, $"{tiny} -c:v {x264}");
        await Ffmpeg(TinyWebm, $"{tiny} -c:v libvpx -deadline realtime");
        await Ffmpeg(TinyAvi, $"{tiny} -c:v mpeg4");
        await Ffmpeg(TinyTs, $"{tiny} -c:v {x264}");
        await Ffmpeg(TinyFlv, $"{tiny} -c:v {x264}");

        await File.WriteAllTextAsync(PathOf(Text), "This is a story about our brand, not a film.\n");
        await File.WriteAllTextAsync(PathOf(Playlist),
            $"#EXTM3U\n#EXT-X-TARGETDURATION:2\n#EXTINF:2,\n{PathOf(Small)}\n#EXT-X-ENDLIST\n");
        await File.WriteAllBytesAsync(PathOf(Garbage), RandomBytes(64 * 1024));
    }

    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }

    // Splits on spaces outside double quotes, then appends the output path as its own argument.
    private Task Ffmpeg(string output, string arguments)
    {
        var parts = System.Text.RegularExpressions.Regex.Matches(arguments, "\"[^\"]*\"|\\S+")
            .Select(m => m.Value.Trim('"'));
        return FfmpegCli.RunAsync([.. parts, PathOf(output)]);
    }

    private static string Quote(string path) => $"\"{path}\"";

    private static byte[] RandomBytes(int count)
    {
        var bytes = new byte[count];
        new Random(42).NextBytes(bytes);
        return bytes;
    }
}

[CollectionDefinition(Name)]
public sealed class MediaCollection : ICollectionFixture<MediaFiles>
{
    public const string Name = "Generated media";
}
