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
            .Concat(Directory.GetFiles(Path.Combine(web, "Features"), "*.cs", SearchOption.AllDirectories))
            .Concat(Directory.GetFiles(Path.Combine(web, "Domain"), "*.cs", SearchOption.AllDirectories));
        var keys = files.SelectMany(f =>
        {
            var text = File.ReadAllText(f);
            return KeyPattern().Matches(text).Concat(ViolationPattern().Matches(text)).Concat(ToastPattern().Matches(text))
                .Select(m => Regex.Unescape(m.Groups[1].Value));
        });
        var missing = keys.Distinct().Where(k => !table.ContainsKey(k)).Order().ToList();
        Assert.True(missing.Count == 0, "Missing in zh-CN.json:\n" + string.Join("\n", missing));
        Assert.Contains(table.Values, v => v.Any(c => c > 0x4E00));
    }

    [GeneratedRegex(@"\bL\[""((?:[^""\\]|\\.)+)""")]
    private static partial Regex KeyPattern();

    /// <summary>Rule violations carry their message key: new("Field", "Key", ...) or new RuleViolation("Field", "Key", ...).</summary>
    [GeneratedRegex(@"new(?: RuleViolation)?\(""[^""]*"",\s*""((?:[^""\\]|\\.)+)""")]
    private static partial Regex ViolationPattern();

    [GeneratedRegex(@"TempData\[""Toast""\] = (?:[^;]*?\? )?""((?:[^""\\]|\\.)+)""")]
    private static partial Regex ToastPattern();
}
