using System.Text;

namespace BrandStoryContest.Web.Domain;

/// <summary>
/// Uploaded file names are shown to people and used in downloads, never as paths. They lose folders,
/// control characters and bidirectional overrides (which can make "exe.pdf" read as "fdp.exe").
/// </summary>
public static class FileNames
{
    public const int MaxLength = 100;

    public static string Sanitize(string? name, string fallback = "file")
    {
        var bare = (name ?? "").Replace('\\', '/');
        bare = bare[(bare.LastIndexOf('/') + 1)..];
        var sb = new StringBuilder(bare.Length);
        foreach (var rune in bare.EnumerateRunes())
        {
            if (Rune.IsControl(rune) || IsBidiControl(rune.Value) || rune.Value is '"' or '<' or '>' or '|' or ':' or '*' or '?') continue;
            sb.Append(rune.ToString());
        }
        var clean = sb.ToString().Trim().TrimStart('.');
        if (clean.Length == 0) return fallback;
        if (clean.Length <= MaxLength) return clean;
        var ext = Path.GetExtension(clean);
        if (ext.Length > 10) ext = "";
        return clean[..(MaxLength - ext.Length)] + ext;
    }

    public static string Extension(string name) => Path.GetExtension(name).TrimStart('.').ToLowerInvariant();

    private static bool IsBidiControl(int c) => c is >= 0x202A and <= 0x202E or >= 0x2066 and <= 0x2069 or 0x200E or 0x200F or 0x061C;
}
