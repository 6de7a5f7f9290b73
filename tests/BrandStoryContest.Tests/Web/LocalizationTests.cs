using System.Text.Json;
using System.Text.RegularExpressions;
using BrandStoryContest.Tests.Infrastructure;

namespace BrandStoryContest.Tests.Web;

public sealed partial class LocalizationTests
{
    /// <summary>Every English string a view or slice asks to localize has its Chinese twin.</summary>
    [Fact]
    public void Every_localized_string_has_a_chinese_translation()
    {
        var web = Path.Combine(RepoRoot.Path, "src", "BrandStoryContest.Web");
        var table = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(web, "Resources", "zh-CN.json")))!;
        var files = Directory.GetFiles(web, "*.cshtml", SearchOption.AllDirectories)
            .Concat(Directory.GetFiles(Path.Combine(web, "Features"), "*.cs", SearchOption.AllDirectories));
        var missing = files.SelectMany(f => KeyPattern().Matches(File.ReadAllText(f)).Select(m => Regex.Unescape(m.Groups[1].Value)))
            .Distinct().Where(k => !table.ContainsKey(k)).Order().ToList();
        Assert.True(missing.Count == 0, "Missing in zh-CN.json:\n" + string.Join("\n", missing));
        Assert.Contains(table.Values, v => v.Any(c => c > 0x4E00));
    }

    [GeneratedRegex(@"\bL\[""((?:[^""\\]|\\.)+)""")]
    private static partial Regex KeyPattern();
}
