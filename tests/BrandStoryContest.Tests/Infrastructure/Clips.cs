using System.Diagnostics;

namespace BrandStoryContest.Tests.Infrastructure;

/// <summary>Short test films made by the real ffmpeg, once per test run, cached by their arguments.</summary>
public static class Clips
{
    private static readonly string Folder = Directory.CreateTempSubdirectory("bsc-clips-").FullName;
    private static readonly Dictionary<string, Task<byte[]>> Made = [];

    /// <summary>An H.264/AAC MP4 of the given size and length with a moving test pattern and a tone.</summary>
    public static Task<byte[]> Mp4(int width, int height, double seconds) =>
        Make($"clip-{width}x{height}-{seconds}.mp4",
            $"-f lavfi -i testsrc2=s={width}x{height}:r=25:d={seconds} -f lavfi -i sine=f=440:d={seconds} -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -shortest");

    /// <summary>Sound only, in an MP4: a real container that passes the header check, with no picture in it.</summary>
    public static Task<byte[]> AudioOnlyMp4(double seconds) =>
        Make($"audio-only-{seconds}.mp4", $"-f lavfi -i sine=f=440:d={seconds} -c:a aac");

    /// <summary>One JPEG frame in a QuickTime file: a picture, not a film.</summary>
    public static Task<byte[]> StillMov() => Make("still.mov", "-f lavfi -i testsrc2=s=640x360 -frames:v 1 -c:v mjpeg");

    public static Task<byte[]> Png(int width, int height) => Make($"image-{width}x{height}.png", $"-f lavfi -i testsrc2=s={width}x{height} -frames:v 1");

    private static Task<byte[]> Make(string name, string args)
    {
        lock (Made)
        {
            if (!Made.TryGetValue(name, out var task)) Made[name] = task = RunAsync(name, args);
            return task;
        }
    }

    private static async Task<byte[]> RunAsync(string name, string args)
    {
        var output = Path.Combine(Folder, name);
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in $"-hide_banner -loglevel error -y {args}".Split(' ', StringSplitOptions.RemoveEmptyEntries)) psi.ArgumentList.Add(a);
        psi.ArgumentList.Add(output);
        using var p = Process.Start(psi)!;
        var err = await p.StandardError.ReadToEndAsync();
        await p.WaitForExitAsync();
        if (p.ExitCode != 0) throw new InvalidOperationException($"ffmpeg failed for {name}: {err}");
        return await File.ReadAllBytesAsync(output);
    }

    /// <summary>A file that passes a magic-byte check (a real MP4's ftyp box) but is garbage after it.</summary>
    public static async Task<byte[]> FakeWithVideoHeader()
    {
        var real = await Mp4(320, 240, 1);
        var fake = new byte[200_000];
        new Random(1).NextBytes(fake);
        Array.Copy(real, fake, 32);
        return fake;
    }
}
