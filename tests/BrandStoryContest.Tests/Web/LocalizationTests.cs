using System.Text.Json;
using System.Text.RegularExpressions;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;

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
                .Concat(BilingualPattern().Matches(text)).Concat(MessagePattern().Matches(text))
                .Select(m => Regex.Unescape(m.Groups[1].Value));
        });
        var missing = keys.Distinct().Where(k => !table.ContainsKey(k)).Order().ToList();
        Assert.True(missing.Count == 0, "Missing in zh-CN.json:\n" + string.Join("\n", missing));
        Assert.Contains(table.Values, v => v.Any(c => c > 0x4E00));
    }

    /// <summary>
    /// States and roles are shown by their names (<c>L[entry.State.ToString()]</c>), which no pattern above can see:
    /// every name of each such type has its translation.
    /// </summary>
    [Fact]
    public void Every_state_and_role_shown_by_name_has_a_chinese_translation()
    {
        var table = Table();
        var names = new[] { typeof(EntryState), typeof(RoundState), typeof(ObjectionState), typeof(ConflictSource), typeof(AggregationMethod), typeof(CertificateJobState) }
            .SelectMany(Enum.GetNames).Concat(Roles.All).Append("None"); // "None": no certificate job yet
        var missing = names.Distinct().Where(n => !table.ContainsKey(n)).ToList();
        Assert.True(missing.Count == 0, "Missing in zh-CN.json:\n" + string.Join("\n", missing));
    }

    /// <summary>
    /// Every validator rule says what is wrong in the reader's language: each check in a RuleFor(...) chain
    /// (NotEmpty, MaximumLength, Must, ...) is followed by its own WithMessage(_ => L["..."]) (FluentValidation's
    /// WithMessage covers only the check just before it), never left to FluentValidation's default message naming
    /// a C# property, nor given as a plain string that would be shown untranslated.
    /// </summary>
    [Fact]
    public void Every_validator_rule_has_a_localized_message()
    {
        var web = Path.Combine(RepoRoot.Path, "src", "BrandStoryContest.Web");
        var bare = Directory.GetFiles(Path.Combine(web, "Features"), "*.cs", SearchOption.AllDirectories).Order()
            .SelectMany(f => RulePattern().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Rule: m.Value)))
            .Where(r => !r.Rule.Contains("ChildRules(") && LocalizedMessage().Count(r.Rule) is var localized
                && (localized < RuleComponent().Count(r.Rule) || localized < WithMessage().Count(r.Rule)))
            .Select(r => $"{r.File}: {Regex.Replace(r.Rule, @"\s+", " ")}")
            .ToList();
        Assert.True(bare.Count == 0, "Validator rules without .WithMessage(_ => L[\"...\"]):\n" + string.Join("\n", bare));
    }

    private static Dictionary<string, string> Table() =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(RepoRoot.Path, "src", "BrandStoryContest.Web", "Resources", "zh-CN.json")))!;

    [GeneratedRegex(@"\bL\[""((?:[^""\\]|\\.)+)""")]
    private static partial Regex KeyPattern();

    /// <summary>Mails in both languages: L.InBoth("Key", ...) and L.InBothOnOneLine("Key", ...).</summary>
    [GeneratedRegex(@"\.InBoth(?:OnOneLine)?\(""((?:[^""\\]|\\.)+)""")]
    private static partial Regex BilingualPattern();

    /// <summary>A validator message given as plain text, translated where it is shown.</summary>
    [GeneratedRegex(@"WithMessage\(""((?:[^""\\]|\\.)+)""")]
    private static partial Regex MessagePattern();

    /// <summary>One rule statement: RuleFor(...) or RuleForEach(...) up to its semicolon or the next rule inside it (ChildRules).</summary>
    [GeneratedRegex(@"\bRuleFor(?:Each)?\((?:(?!RuleFor)[^;])*")]
    private static partial Regex RulePattern();

    [GeneratedRegex(@"\.(?:NotEmpty|NotNull|Empty|Null|MaximumLength|MinimumLength|Length|EmailAddress|Matches|InclusiveBetween|ExclusiveBetween|GreaterThan|GreaterThanOrEqualTo|LessThan|LessThanOrEqualTo|Equal|NotEqual|Must|MustAsync|IsInEnum|PrecisionScale)\(")]
    private static partial Regex RuleComponent();

    [GeneratedRegex(@"WithMessage\(_ => L\[")]
    private static partial Regex LocalizedMessage();

    [GeneratedRegex(@"WithMessage\(")]
    private static partial Regex WithMessage();

    /// <summary>Rule violations carry their message key: new("Field", "Key", ...) or new RuleViolation("Field", "Key", ...).</summary>
    [GeneratedRegex(@"new(?: RuleViolation)?\(""[^""]*"",\s*""((?:[^""\\]|\\.)+)""")]
    private static partial Regex ViolationPattern();

    [GeneratedRegex(@"TempData\[""Toast""\] = (?:[^;]*?\? )?""((?:[^""\\]|\\.)+)""")]
    private static partial Regex ToastPattern();
}
