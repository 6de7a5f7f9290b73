using System.Text.RegularExpressions;
using BrandStoryContest.Tests.Infrastructure;

namespace BrandStoryContest.Tests.Web;

/// <summary>
/// The layout a newcomer relies on to find code from a URL or a message name (docs/architecture.md), pinned so it does
/// not drift again. A plain scan of the sources, like HardCodedTextTests:
/// <list type="bullet">
/// <item>every Features/&lt;F&gt; folder has at most one controller, and it is named &lt;F&gt;Controller;</item>
/// <item>every ICommand/IQuery is named &lt;Action&gt;Command or &lt;Action&gt;Query and lives in &lt;Action&gt;.cs, beside
/// &lt;Action&gt;Handler;</item>
/// <item>the views of &lt;F&gt;Controller live in Views/&lt;F&gt;: every folder of Views (but Shared) is a controller's, and
/// no controller reaches into another controller's folder with a "~/Views/..." path.</item>
/// </list>
/// </summary>
public sealed partial class FeatureShapeTests
{
    private static readonly string Web = Path.Combine(RepoRoot.Path, "src", "BrandStoryContest.Web");
    private static readonly string Features = Path.Combine(Web, "Features");

    private static IEnumerable<(string Folder, string File, string Text)> Sources() =>
        Directory.EnumerateFiles(Features, "*.cs", SearchOption.AllDirectories).Select(f =>
            (Path.GetRelativePath(Features, f).Split(Path.DirectorySeparatorChar)[0], f, File.ReadAllText(f)));

    private static string Relative(string file) => Path.GetRelativePath(Web, file);

    [Fact]
    public void Each_feature_folder_has_at_most_one_controller_named_for_it()
    {
        var controllers = Sources().SelectMany(s => ControllerDeclaration().Matches(s.Text).Select(m => (s.Folder, s.File, Name: m.Groups[1].Value))).ToList();
        Assert.NotEmpty(controllers);
        var wrong = controllers.Where(c => c.Name != c.Folder + "Controller")
            .Select(c => $"{Relative(c.File)}: {c.Name} should be {c.Folder}Controller (or live in Features/{c.Name.Replace("Controller", "")})")
            .Concat(controllers.GroupBy(c => c.Folder).Where(g => g.Count() > 1)
                .Select(g => $"Features/{g.Key} has {g.Count()} controllers: {string.Join(", ", g.Select(c => c.Name))}"))
            .Concat(controllers.Where(c => Path.GetFileNameWithoutExtension(c.File) != c.Name).Select(c => $"{Relative(c.File)}: {c.Name} should be in {c.Name}.cs"))
            .ToList();
        Assert.True(wrong.Count == 0, "One controller per feature folder:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void Each_command_and_query_lives_in_a_file_named_for_its_action_with_its_handler()
    {
        var sources = Sources().ToList();
        var messages = sources.SelectMany(s => MessageDeclaration().Matches(s.Text).Select(m => (s.File, s.Text, Name: m.Groups[1].Value))).ToList();
        Assert.True(messages.Count > 100, $"Found only {messages.Count} commands and queries: the scan no longer recognizes them.");
        var wrong = new List<string>();
        foreach (var (file, text, name) in messages)
        {
            var named = MessageName().Match(name);
            if (!named.Success)
            {
                wrong.Add($"{Relative(file)}: {name} is an ICommand/IQuery; name it <Action>Command or <Action>Query");
                continue;
            }
            var action = named.Groups[1].Value;
            if (Path.GetFileName(file) != action + ".cs")
                wrong.Add($"{Relative(file)}: {name} belongs in its own {action}.cs");
            else if (!Regex.IsMatch(text, $@"\bclass\s+{action}Handler\b"))
                wrong.Add($"{Relative(file)}: {name} has no {action}Handler beside it");
        }
        Assert.True(wrong.Count == 0, "One use case per file, named for it:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void Views_of_a_controller_live_in_the_folder_named_for_it()
    {
        var sources = Sources().ToList();
        var controllers = sources.SelectMany(s => ControllerDeclaration().Matches(s.Text).Select(m => m.Groups[1].Value.Replace("Controller", ""))).ToHashSet();
        var views = Path.Combine(Web, "Views");
        var wrong = Directory.EnumerateDirectories(views).Select(Path.GetFileName).Where(d => d != "Shared" && !controllers.Contains(d!))
            .Select(d => $"Views/{d} belongs to no controller: move its views to the folder of the controller that shows them").ToList();
        foreach (var (_, file, text) in sources)
        {
            // A path belongs to the controller declared last before it in the file.
            var declared = ControllerDeclaration().Matches(text).ToList();
            foreach (Match m in ViewPath().Matches(text))
            {
                var owner = declared.LastOrDefault(d => d.Index < m.Index)?.Groups[1].Value.Replace("Controller", "");
                if (m.Groups[1].Value != owner && m.Groups[1].Value != "Shared")
                    wrong.Add($"{Relative(file)}: {owner ?? "code outside a controller"} shows ~/Views/{m.Groups[1].Value}/..., a view of another controller");
            }
        }
        Assert.True(wrong.Count == 0, "Views beside their controller:\n" + string.Join("\n", wrong));
    }

    // "class XController(...) : Controller" (primary constructor and other bases allowed before the brace).
    [GeneratedRegex(@"\bclass\s+(\w+)\b[^{;]*?:\s*(?:Microsoft\.AspNetCore\.Mvc\.)?Controller\b")]
    private static partial Regex ControllerDeclaration();

    // A record or class whose base list names ICommand/IQuery (ICommandHandler does not match: no word break).
    [GeneratedRegex(@"\b(?:record|class)\s+(\w+)\b[^{;]*?:[^{;]*?\bI(?:Command|Query)\b")]
    private static partial Regex MessageDeclaration();

    [GeneratedRegex(@"^(\w+?)(?:Command|Query)$")]
    private static partial Regex MessageName();

    [GeneratedRegex(@"""~/Views/(\w+)/")]
    private static partial Regex ViewPath();
}
