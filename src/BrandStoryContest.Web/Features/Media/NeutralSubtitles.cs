using System.Text;
using System.Text.RegularExpressions;

namespace BrandStoryContest.Web.Features.Media;

/// <summary>
/// Subtitles as judges and the public get them: bare WebVTT with only timings and the words spoken. A subtitle
/// file can name its author in many places a player never shows: the header line, NOTE blocks, STYLE and REGION
/// blocks, cue identifiers, cue settings, voice tags (&lt;v Liu Yiming&gt;), class names, SRT font tags.
/// </summary>
public static partial class NeutralSubtitles
{
    /// <summary>Rewrites SRT or WebVTT <paramref name="text"/> as WebVTT; anything that is not a timed cue is dropped.</summary>
    public static string WebVtt(string text)
    {
        var output = new StringBuilder("WEBVTT\n");
        var blocks = text.Replace("\r\n", "\n").Replace('\r', '\n').Split("\n\n", StringSplitOptions.RemoveEmptyEntries);
        foreach (var block in blocks)
        {
            var lines = block.Split('\n').Where(l => l.Trim().Length > 0).ToList();
            // Blocks without a timing line are headers, NOTE, STYLE and REGION blocks: none of it is needed to play.
            var timing = lines.FindIndex(l => l.Contains("-->"));
            if (timing < 0 || lines[0].StartsWith("NOTE") || lines[0].StartsWith("STYLE") || lines[0].StartsWith("REGION")) continue;
            var match = Timing().Match(lines[timing]);
            if (!match.Success) continue;
            var words = lines.Skip(timing + 1).Select(l => Markup().Replace(l, "").Trim()).Where(l => l.Length > 0).ToList();
            if (words.Count == 0) continue;
            // The cue identifier before the timing and the settings after it (region, position, ...) are left out.
            output.Append('\n').Append(Time(match.Groups[1].Value)).Append(" --> ").Append(Time(match.Groups[2].Value)).Append('\n');
            foreach (var line in words) output.Append(line).Append('\n');
        }
        return output.ToString();
    }

    /// <summary>SRT writes a comma before the milliseconds, WebVTT a dot.</summary>
    private static string Time(string value) => value.Replace(',', '.');

    [GeneratedRegex(@"^\s*((?:\d+:)?\d{2}:\d{2}[.,]\d{3})\s*-->\s*((?:\d+:)?\d{2}:\d{2}[.,]\d{3})")]
    private static partial Regex Timing();

    /// <summary>Every tag (voice, class, language, ruby, bold, SRT font) and ASS override blocks such as {\an8}.</summary>
    [GeneratedRegex(@"<[^>]*>|\{\\[^}]*\}")]
    private static partial Regex Markup();
}
