using System.Diagnostics;
using System.Text;

namespace BrandStoryContest.Tests.Media;

/// <summary>Runs ffmpeg directly (argument list, no quoting games) to make and inspect test media.</summary>
internal static class FfmpegCli
{
    public static async Task RunAsync(params string[] arguments) => await ReadStdoutAsync(arguments);

    public static async Task<byte[]> ReadStdoutAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo("ffmpeg")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in (string[])["-hide_banner", "-nostdin", "-v", "error", "-y", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        using var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        var stderr = process.StandardError.ReadToEndAsync();
        await Task.WhenAll(copy, stderr, process.WaitForExitAsync());
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"ffmpeg {string.Join(' ', arguments)} failed: {await stderr}");
        }

        return stdout.ToArray();
    }

    /// <summary>Mean 8-bit luma of an image (optionally of a cropped part), decoded to raw grey by ffmpeg.</summary>
    public static async Task<double> MeanLumaAsync(string imagePath, string filter = "null")
    {
        var gray = await ReadStdoutAsync("-i", imagePath, "-vf", filter, "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "gray", "-");
        Assert.NotEmpty(gray);
        return gray.Average(b => (double)b);
    }

    /// <summary>Top-level ISO-BMFF box types in file order (ftyp, moov, mdat, ...), read from their headers only.</summary>
    public static List<string> TopLevelBoxes(string mp4Path)
    {
        var boxes = new List<string>();
        using var file = File.OpenRead(mp4Path);
        var header = new byte[16];
        while (file.Position + 8 <= file.Length)
        {
            var boxStart = file.Position;
            file.ReadExactly(header, 0, 8);
            long size = (uint)(header[0] << 24 | header[1] << 16 | header[2] << 8 | header[3]);
            boxes.Add(Encoding.ASCII.GetString(header, 4, 4));
            if (size == 1)
            {
                file.ReadExactly(header, 8, 8);
                size = (long)((ulong)header[8] << 56 | (ulong)header[9] << 48 | (ulong)header[10] << 40 | (ulong)header[11] << 32
                    | (ulong)header[12] << 24 | (ulong)header[13] << 16 | (ulong)header[14] << 8 | header[15]);
            }
            else if (size == 0)
            {
                break;
            }

            file.Position = boxStart + size;
        }

        return boxes;
    }

    /// <summary>Top-level ISO-BMFF boxes of a file in memory, with where each starts; 32-bit sizes only (test films are small).</summary>
    public static List<(string Type, long Offset)> TopLevelBoxes(byte[] mp4)
    {
        var boxes = new List<(string, long)>();
        long at = 0;
        while (at + 8 <= mp4.Length)
        {
            long size = (uint)(mp4[at] << 24 | mp4[at + 1] << 16 | mp4[at + 2] << 8 | mp4[at + 3]);
            boxes.Add((Encoding.ASCII.GetString(mp4, (int)at + 4, 4), at));
            if (size < 8)
            {
                break;
            }

            at += size;
        }

        return boxes;
    }

    /// <summary>Live processes whose command line contains <paramref name="marker"/> (Linux /proc).</summary>
    public static List<int> ProcessesMentioning(string marker)
    {
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                var commandLine = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ');
                if (commandLine.Contains(marker) && !File.ReadAllText(Path.Combine(dir, "stat")).Contains(") Z "))
                {
                    found.Add(pid);
                }
            }
            catch (IOException)
            {
                // exited while we looked
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return found;
    }
}
