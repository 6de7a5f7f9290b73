using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using BrandStoryContest.Tests.Infrastructure;

namespace BrandStoryContest.Tests.Web;

/// <summary>
/// No page or message shows words that bypass the localizer, so nothing is left in one language when the reader
/// chose the other. A deliberately simple scan of the sources, not a parser:
/// <list type="bullet">
/// <item>Views: after removing Razor comments, scripts and styles, and every Razor expression and code block
/// (<c>@L[...]</c>, <c>@Model.X</c>, <c>@(...)</c>, <c>@{...}</c>, <c>@if (...)</c>, lines of C# statements), no text
/// between tags and no placeholder/title/alt/aria-label/label attribute has Latin letters (two or more in a row) or
/// Chinese characters; a C# literal in a view that reads as a sentence is a key of zh-CN.json.</item>
/// <item>Slices (Features/**/*.cs): no string literal has Chinese characters, and every literal that reads as an
/// English sentence (a capitalized word followed by more words) is a key of zh-CN.json, i.e. text that is shown
/// through the localizer (keys are the English text). Literals in log calls, exceptions, audit records and
/// attributes are not for readers of the site and are skipped.</item>
/// <item>Domain (Domain/**/*.cs): the same rule as slices. Rules name their refusals by English key, which is fine;
/// a literal there that reads as text for a reader and is not a key would be shown in one language.</item>
/// <item>Scripts (wwwroot/js/*.js): no literal has Chinese characters, reads as an English sentence, is a template
/// with words around its placeholders, or is put on the page as text; the words a script shows come from the page,
/// through the localizer (data-* attributes, as upload.js and countdown.js read them).</item>
/// </list>
/// The allow-list below is everything that may stay as it is, each with its reason.
/// </summary>
public sealed partial class HardCodedTextTests
{
    private static readonly string Web = Path.Combine(RepoRoot.Path, "src", "BrandStoryContest.Web");

    /// <summary>Text a view may show as it is, in both languages.</summary>
    private static readonly string[] ViewAllowList =
    [
        "BrandStoryContest",    // the product's name
        "中文", "English",       // the language switch names each language in itself
        "MB",                   // the unit, written the same in Chinese
        "BSC2026", "pdf,docx",  // placeholders showing what to type: a contest code, file extensions
    ];

    /// <summary>Slice files or literals whose text is not the site's own wording in one language.</summary>
    private static readonly string[] SliceAllowedFolders =
    [
        "Features/Demo/",                     // the demo seed's content (Chinese stories, names, titles): data, not wording
        "Features/Maintenance/Backup.cs",     // console output of scripts/backup.sh, for the operator
    ];

    private static readonly string[] SliceAllowedLiterals =
    [
        "证书编号 / Certificate No.", "扫码验证 / Scan to verify", // the certificate is one bilingual document, printed in both
        // Domain: defaults a new contest starts with, written into its own Chinese and English fields, which the organizer
        // edits; shown from those fields in the reader's language, so they are content, not the site's wording.
        "一等奖", "First Prize", "二等奖", "Second Prize", "三等奖", "Third Prize", "优秀奖", "Honourable Mention", // AwardTier.Defaults
        "荣誉证书", "Certificate of Award", // Contest.DefaultHeadingZh/En
        "优秀组织奖", "Best Organizer Award", // OrganizationAward's default name, stored in its NameZh/NameEn
        "{organization}在「{contest}」中组织有力、报送踊跃，荣获{award}。特发此证，以资鼓励。", // its certificate's default wording, like Contest.DefaultBodyZh
        "{winner} 的作品《{title}》在「{contest}」中荣获{tier}。特发此证，以资鼓励。", "The entry \\\"{title}\\\" by {winner} has won {tier} in {contest}.", // Contest.DefaultBodyZh/En
        "主题契合", "Theme fit", "创意", "表现力", "品牌与质量内涵", // Criterion.DefaultRubric: Name and NameEn
        // Criterion.DefaultRubric's guidance: Chinese only, because a criterion has one Guidance field; an English-reading
        // judge sees it in Chinese. Giving it an English one is a model change (GuidanceEn), left for its own issue.
        "是否紧扣质量与品牌主题", "立意新颖，角度独特", "文字或影像的完成度", "是否真实传达品牌与质量精神",
        "原创承诺书", "作品使用授权书", "其他声明", // Declaration.TitleZh: the signed declaration PDF names each document in both languages, like the certificate
        "指导老师 / Instructor: ", // the signed declaration PDF's team list, printed in both languages like the rest of that document
        "股份有限公司", "有限责任公司", "有限公司", "集团", "公司", // BlindLeaks: company suffixes matched in entries, never shown
    ];

    [Fact]
    public void Views_show_no_text_outside_the_localizer()
    {
        var table = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(Web, "Resources", "zh-CN.json")))!;
        var found = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Web, "Views"), "*.cshtml", SearchOption.AllDirectories).Order())
        {
            var view = File.ReadAllText(file);
            // C# literals in the view's code (not attribute values, which follow '='), e.g. (RoundState.Open, "Open round")
            // shown as @L[label]: a sentence there is a key.
            foreach (Match m in Literal().Matches(view))
                if (m.Index > 0 && view[m.Index - 1] != '=' && Sentence().IsMatch(m.Groups["v"].Value) && !table.ContainsKey(Regex.Unescape(m.Groups["v"].Value)))
                    found.Add($"{Relative(file)}: \"{m.Groups["v"].Value}\" is not a key of zh-CN.json");
            var markup = RazorMarkup.WithoutCode(view);
            foreach (Match m in TextNode().Matches(markup))
            {
                var lines = RazorMarkup.Punctuation().Replace(m.Groups[1].Value, " ").Split('\n').Where(l => !CSharpLine().IsMatch(l));
                var text = Entity().Replace(string.Join(" ", lines), " ");
                if (Words(text) is { } words) found.Add($"{Relative(file)}: text \"{words}\"");
            }
            foreach (Match m in ShownAttribute().Matches(markup))
                if (Words(m.Groups[2].Value) is { } words) found.Add($"{Relative(file)}: {m.Groups[1].Value}=\"{words}\"");
        }
        Assert.True(found.Count == 0, "Text in views that does not go through @L[...]:\n" + string.Join("\n", found));
    }

    [Fact]
    public void Slices_show_no_sentence_outside_the_localizer()
    {
        var found = SentencesOutsideTheLocalizer("Features");
        Assert.True(found.Count == 0, "Literals in slices that are not localizer keys (add them to zh-CN.json and show them through L[...], "
            + "or L.InBoth for mails):\n" + string.Join("\n", found));
    }

    [Fact]
    public void Domain_rules_show_no_sentence_outside_the_localizer()
    {
        var found = SentencesOutsideTheLocalizer("Domain");
        Assert.True(found.Count == 0, "Literals in Domain/ that are not localizer keys (name the refusal by its English key and add it to "
            + "zh-CN.json):\n" + string.Join("\n", found));
    }

    [Fact]
    public void Scripts_take_their_words_from_the_page()
    {
        var found = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Web, "wwwroot", "js"), "*.js").Order())
        {
            var code = ScriptComment().Replace(File.ReadAllText(file), m => m.Groups[1].Value);
            foreach (Match m in ScriptLiteral().Matches(code))
            {
                var value = m.Groups["v"].Value;
                var template = m.Groups["q"].Value == "`";
                var words = template ? Placeholder().Replace(value, " ") : value;
                var line = code[..m.Index].Count(c => c == '\n') + 1;
                if (Chinese().IsMatch(value) || Sentence().IsMatch(words) || (template && ScriptWords().IsMatch(words))
                    || (ShownAsText().IsMatch(code[Math.Max(0, code.LastIndexOf('\n', m.Index))..m.Index]) && Letters().IsMatch(words)))
                    found.Add($"wwwroot/js/{Path.GetFileName(file)}:{line}: {m.Groups["q"].Value}{value}{m.Groups["q"].Value}");
            }
        }
        Assert.True(found.Count == 0, "Words in scripts that do not come from the page (put them on the page through @L[...] as data-* "
            + "attributes and read them from there):\n" + string.Join("\n", found));
    }

    /// <summary>Sentences in the C# files under <paramref name="folder"/> that are not localizer keys (see the class summary).</summary>
    private static List<string> SentencesOutsideTheLocalizer(string folder)
    {
        var table = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(Path.Combine(Web, "Resources", "zh-CN.json")))!;
        var found = new List<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(Web, folder), "*.cs", SearchOption.AllDirectories).Order())
        {
            var relative = Relative(file);
            if (SliceAllowedFolders.Any(relative.Contains)) continue;
            var code = Comment().Replace(File.ReadAllText(file), m => m.Groups[1].Value);
            foreach (Match m in Literal().Matches(code))
            {
                var value = m.Groups["v"].Value;
                if (SliceAllowedLiterals.Contains(value)) continue;
                var chinese = Chinese().IsMatch(value);
                if (!chinese && !Sentence().IsMatch(value)) continue;
                if (NotForReaders().IsMatch(Statement(code, m.Index))) continue;
                var interpolated = m.Groups["p"].Value.Contains('$');
                if (!chinese && !interpolated && table.ContainsKey(Regex.Unescape(value))) continue;
                found.Add($"{relative}:{code[..m.Index].Count(c => c == '\n') + 1}: \"{value}\"");
            }
        }
        return found;
    }

    /// <summary>From the end of the previous statement to the literal: enough to see which call it is an argument of.</summary>
    private static string Statement(string code, int at)
    {
        var start = Math.Max(code.LastIndexOf(';', at), Math.Max(code.LastIndexOf("{\n", at, StringComparison.Ordinal), code.LastIndexOf("}\n", at, StringComparison.Ordinal)));
        return code[(start + 1)..at];
    }

    private static string? Words(string text)
    {
        foreach (var allowed in ViewAllowList) text = text.Replace(allowed, " ");
        return Letters().IsMatch(text) ? Regex.Replace(text.Trim(), @"\s+", " ") : null;
    }

    private static string Relative(string file) => Path.GetRelativePath(Web, file).Replace('\\', '/');

    [GeneratedRegex(@">([^<>]*)<")]
    private static partial Regex TextNode();

    [GeneratedRegex(@"\b(placeholder|title|alt|aria-label|label)=""([^""]*)""")]
    private static partial Regex ShownAttribute();

    [GeneratedRegex(@"&#?\w+;")]
    private static partial Regex Entity();

    /// <summary>What is left of C# statements inside @foreach/@if bodies: var x = ...; continue; and the like.</summary>
    [GeneratedRegex(@"^\s*(var |if\b|continue\b|break\b|return\b)|;\s*$")]
    private static partial Regex CSharpLine();

    [GeneratedRegex(@"[A-Za-z]{2,}|[\u3400-\u9fff]")]
    private static partial Regex Letters();

    [GeneratedRegex(@"[\u3400-\u9fff]")]
    private static partial Regex Chinese();

    /// <summary>A capitalized word, then at least one more word: "Voting is not open.", "Award: {0}".</summary>
    [GeneratedRegex(@"^\W*[A-Z][a-z']*[,.:;!?]?\s+\S*[A-Za-z{]")]
    private static partial Regex Sentence();

    [GeneratedRegex(@"(?<p>\$@|@\$|\$|@)?""(?<v>(?:[^""\\\n]|\\.)*)""")]
    private static partial Regex Literal();

    /// <summary>Whole-line comments and trailing comments that follow code with balanced quotes.</summary>
    [GeneratedRegex(@"^[ \t]*//.*$|^([^""\n]*(?:""[^""\n]*""[^""\n]*)*?)\s//.*$", RegexOptions.Multiline)]
    private static partial Regex Comment();

    /// <summary>A quoted string in a script on one line: '...', "..." or a template `...`.</summary>
    [GeneratedRegex(@"(?<q>['""`])(?<v>(?:(?!\k<q>)[^\\\n]|\\.)*)\k<q>")]
    private static partial Regex ScriptLiteral();

    /// <summary>Whole-line and trailing // comments of a script (not the // inside a quoted URL).</summary>
    [GeneratedRegex(@"^[ \t]*//.*$|^([^'""`\n]*(?:(['""`])[^'""`\n]*\2[^'""`\n]*)*?)\s//.*$", RegexOptions.Multiline)]
    private static partial Regex ScriptComment();

    [GeneratedRegex(@"\$\{[^}]*\}")]
    private static partial Regex Placeholder();

    /// <summary>Two words in a row: what a template shows around its placeholders ("${d} d ${h} h left").</summary>
    [GeneratedRegex(@"[A-Za-z]+\s+[A-Za-z]+")]
    private static partial Regex ScriptWords();

    /// <summary>The literal is put on the page as text: assigned to textContent and the like (alone or after other values), or passed to alert/confirm.</summary>
    [GeneratedRegex(@"(\.(textContent|innerText|innerHTML|placeholder|title)\s*=|\b(alert|confirm|prompt)\()\s*(?:[\w.]+\s*\+\s*)*$")]
    private static partial Regex ShownAsText();

    [GeneratedRegex(@"\.Record\(|\bLog(Information|Warning|Error|Debug|Critical|Trace)?\(|Exception\(|\[(Http\w+|Route)\(|ArgumentList")]
    private static partial Regex NotForReaders();
}

/// <summary>The markup of a Razor view with its code taken out (see <see cref="HardCodedTextTests"/>).</summary>
internal static partial class RazorMarkup
{
    public static string WithoutCode(string view)
    {
        var s = RazorComment().Replace(view, "");
        s = ScriptOrStyle().Replace(s, "");
        s = Directive().Replace(s, "");
        s = s.Replace("@await ", "@");
        if (Functions().Match(s) is { Success: true } f) s = s[..f.Index] + s[Skip(s, f.Index + f.Length - 1, '{', '}')..];

        var output = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length;)
        {
            if (s[i] == '@' && i + 1 < s.Length)
            {
                var next = s[i + 1];
                if (next == '@') { output.Append('@'); i += 2; continue; }
                if (next == '(') { i = Skip(s, i + 1, '(', ')'); continue; }
                if (next == '{') { i = Skip(s, i + 1, '{', '}'); continue; }
                if (next == ':') { i += 2; continue; }
                if (Statement().Match(s, i + 1) is { Success: true } st && st.Index == i + 1) { i = Skip(s, st.Index + st.Length - 1, '(', ')'); continue; }
                if (Identifier().Match(s, i + 1) is { Success: true } id && id.Index == i + 1) { i = SkipExpression(s, id.Index + id.Length); continue; }
            }
            // Code without @ inside a block: foreach (...) { <li>...</li> }, else if (...)
            if ((i == 0 || char.IsWhiteSpace(s[i - 1]) || s[i - 1] == '{' || s[i - 1] == '}') && (AtLineStart(s, i) || s.AsSpan(i).StartsWith("else if"))
                && Statement().Match(s, i) is { Success: true } bare && bare.Index == i)
            {
                i = Skip(s, bare.Index + bare.Length - 1, '(', ')');
                continue;
            }
            output.Append(s[i]);
            i++;
        }
        return output.ToString();
    }

    /// <summary>Only blanks (and opening braces) before <paramref name="i"/> on its line.</summary>
    private static bool AtLineStart(string s, int i)
    {
        var start = i == 0 ? 0 : s.LastIndexOf('\n', i - 1) + 1;
        return s[start..i].Replace("{", "").Trim().Length == 0;
    }

    /// <summary>@Model.Entries[0].Title(lang)?.Trim(): member accesses, calls and indexers after the identifier.</summary>
    private static int SkipExpression(string s, int i)
    {
        while (i < s.Length)
        {
            if (s[i] == '(') i = Skip(s, i, '(', ')');
            else if (s[i] == '[') i = Skip(s, i, '[', ']');
            else if ((s[i] == '?' || s[i] == '!') && i + 1 < s.Length && s[i + 1] == '.') i++;
            else if (s[i] == '.' && i + 1 < s.Length && (char.IsLetter(s[i + 1]) || s[i + 1] == '_'))
                i = Identifier().Match(s, i + 1) is var id ? id.Index + id.Length : i + 1;
            else break;
        }
        return i;
    }

    /// <summary>The index after the bracket that closes the one at <paramref name="open"/>, skipping C# strings.</summary>
    private static int Skip(string s, int open, char opening, char closing)
    {
        var depth = 0;
        for (var i = open; i < s.Length; i++)
        {
            if (s[i] == '"')
            {
                for (i++; i < s.Length && s[i] != '"'; i++) if (s[i] == '\\') i++;
                continue;
            }
            if (s[i] == opening) depth++;
            else if (s[i] == closing && --depth == 0) return i + 1;
        }
        return s.Length;
    }

    /// <summary>What remains of code blocks between tags: braces and else.</summary>
    [GeneratedRegex(@"\belse\b|[{}]")]
    public static partial Regex Punctuation();

    [GeneratedRegex(@"@\*.*?\*@", RegexOptions.Singleline)]
    private static partial Regex RazorComment();

    [GeneratedRegex(@"<(script|style)\b.*?</\1>", RegexOptions.Singleline)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"^\s*@(model|using|inject|addTagHelper|namespace|section|page)\b.*$", RegexOptions.Multiline)]
    private static partial Regex Directive();

    [GeneratedRegex(@"@functions\s*\{")]
    private static partial Regex Functions();

    [GeneratedRegex(@"(?:if|foreach|for|while|switch|using|else if)\s*\(")]
    private static partial Regex Statement();

    [GeneratedRegex(@"[A-Za-z_]\w*")]
    private static partial Regex Identifier();
}
