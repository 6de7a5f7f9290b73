using System.Diagnostics;
using BrandStoryContest.Web.Infrastructure.Certificates;

namespace BrandStoryContest.Web.Features.Demo;

/// <summary>
/// The demo's micro-films, made by ffmpeg while seeding: three seconds of a moving test pattern in the film's own
/// colour with its title on it, 320×180 H.264 in MP4 with a tone, small enough that twelve take a few seconds.
/// </summary>
public static class DemoFilms
{
    private static readonly string[] Colours =
    [
        "0x8B1E3F", "0x1E5B8B", "0x2E7D32", "0xB26A00", "0x5E35B1", "0x00838F", "0xAD1457", "0x37474F", "0x6D4C41", "0x0277BD", "0x558B2F", "0xC62828",
    ];

    public static async Task<string> MakeAsync(int index, string title, string folder, CancellationToken ct)
    {
        var output = Path.Combine(folder, $"film-{index + 1:D2}.mp4");
        var colour = Colours[index % Colours.Length];
        // The title in the CJK font the certificates use; without one the clip still has its colour and pattern.
        var font = CertificatePdf.FindCjkFont();
        var text = font is null ? "" : $",drawtext=fontfile='{font}':text='{title}':fontsize=36:fontcolor=white:x=(w-text_w)/2:y=(h-text_h)/2:borderw=2";
        string[] arguments =
        [
            "-hide_banner", "-loglevel", "error", "-y",
            "-f", "lavfi", "-i", $"testsrc2=size=320x180:rate=15:duration=3,hue=s=0.35,drawbox=c={colour}@0.65:t=fill{text}",
            "-f", "lavfi", "-i", $"sine=frequency={330 + index * 40}:duration=3",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "48k", "-shortest", "-movflags", "+faststart",
            output,
        ];
        var start = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        using var ffmpeg = Process.Start(start) ?? throw new InvalidOperationException("ffmpeg did not start.");
        var stderr = ffmpeg.StandardError.ReadToEndAsync(ct);
        try { await ffmpeg.WaitForExitAsync(ct); }
        catch (OperationCanceledException) { ffmpeg.Kill(entireProcessTree: true); throw; }
        if (ffmpeg.ExitCode != 0 || !File.Exists(output)) throw new InvalidOperationException($"ffmpeg could not make a demo film: {await stderr}");
        return output;
    }
}
