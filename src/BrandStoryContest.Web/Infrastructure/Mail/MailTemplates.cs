using System.Collections.Concurrent;
using System.Globalization;
using System.Reflection;
using System.Text.RegularExpressions;
using BrandStoryContest.Web.Domain;

namespace BrandStoryContest.Web.Infrastructure.Mail;

/// <summary>
/// A kind of mail: a record whose properties are the template's placeholders. The record's name without "Mail" is
/// the kind (ReceiptMail → Receipt) and names its four template files, kept beside the feature that sends it:
/// Features/&lt;Feature&gt;/Mails/&lt;Kind&gt;.zh-CN.txt, .zh-CN.html, .en.txt and .en.html. The .txt starts with a
/// "Subject: " line. {{Name}} is replaced by the property Name; {{Contest}} (the contest's name in the mail's
/// language) and {{SiteUrl}} are always there. {{{NameHtml}}} (three braces, only for a property whose name ends in
/// Html) goes into the HTML part unencoded: for HTML the sender has already made safe (a broadcast's sanitized Markdown).
/// </summary>
public interface IMail;

/// <summary>A value with a Chinese and an optional English form (a tier's name): the mail picks its language's.</summary>
public sealed record Bilingual(string Zh, string? En)
{
    public string In(string language) => language == Languages.English && !string.IsNullOrWhiteSpace(En) ? En : Zh;
}

public sealed record RenderedMail(string Subject, string Text, string Html);

/// <summary>
/// Renders a mail from its files (embedded in the assembly, so a deployment cannot lose them) into the shared
/// layout (Infrastructure/Mail/Layout.*). Placeholder values are HTML-encoded in the HTML part; instants are written
/// in the contest's time zone with its offset; a template naming a value the record lacks is an error, not a blank.
/// </summary>
public sealed partial class MailTemplates
{
    private static readonly Assembly Assembly = typeof(MailTemplates).Assembly;
    private readonly ConcurrentDictionary<string, string> files = new();

    public static string KindOf(IMail mail) => KindOf(mail.GetType());
    public static string KindOf(Type type) => type.Name.EndsWith("Mail", StringComparison.Ordinal) ? type.Name[..^4] : type.Name;

    /// <summary>Every kind of mail the app can send, for the test that renders them all.</summary>
    public static IReadOnlyList<Type> AllKinds() =>
        Assembly.GetTypes().Where(t => typeof(IMail).IsAssignableFrom(t) && t is { IsInterface: false, IsAbstract: false }).ToList();

    public RenderedMail Render(IMail mail, string language, Contest? contest, string siteUrl)
    {
        language = Languages.Normalize(language);
        var kind = KindOf(mail);
        var values = Values(mail, language, contest, siteUrl);

        var (subject, text) = SplitSubject(kind, File($"{kind}.{language}.txt"));
        subject = Fill(kind, subject, values, encode: false).Trim();
        text = Fill(kind, text, values, encode: false).Trim();
        var html = Fill(kind, File($"{kind}.{language}.html"), values, encode: true).Trim();

        var heading = contest?.Title(language) ?? "BrandStoryContest";
        var layout = new Dictionary<string, string> { ["Heading"] = heading, ["SiteUrl"] = siteUrl, ["Language"] = language };
        var textOut = Fill("Layout", File($"Layout.{language}.txt"), new(layout) { ["Body"] = text }, encode: false).Trim() + "\n";
        var htmlLayout = File($"Layout.{language}.html");
        // The body is already HTML: it goes in as it is, everything else encoded.
        var htmlOut = Fill("Layout", htmlLayout.Replace("{{Body}}", "\u0001BODY\u0001"), new(layout) { ["Title"] = subject }, encode: true)
            .Replace("\u0001BODY\u0001", html);
        return new RenderedMail(subject, textOut, htmlOut);
    }

    private static Dictionary<string, string> Values(IMail mail, string language, Contest? contest, string siteUrl)
    {
        var values = new Dictionary<string, string>
        {
            ["SiteUrl"] = siteUrl,
            ["Contest"] = contest?.Title(language) ?? "BrandStoryContest",
        };
        foreach (var p in mail.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            values[p.Name] = p.GetValue(mail) switch
            {
                null => "",
                DateTimeOffset at => ContestTime.Format(at, contest?.TimeZoneId),
                Bilingual b => b.In(language),
                IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
                var v => v.ToString() ?? "",
            };
        }
        return values;
    }

    private static (string Subject, string Body) SplitSubject(string kind, string text)
    {
        var newline = text.IndexOf('\n');
        var first = newline < 0 ? text : text[..newline];
        if (!first.StartsWith("Subject:", StringComparison.Ordinal))
            throw new InvalidOperationException($"Mail template {kind}: the .txt must start with a \"Subject: \" line.");
        return (first["Subject:".Length..].Trim(), newline < 0 ? "" : text[(newline + 1)..]);
    }

    private static string Fill(string kind, string template, Dictionary<string, string> values, bool encode) =>
        Placeholder().Replace(template, m =>
        {
            // {{{NameHtml}}} puts in HTML the sender made safe itself (a broadcast's sanitized Markdown); only *Html values may.
            var raw = m.Groups["raw"].Success;
            var name = raw ? m.Groups["raw"].Value : m.Groups["name"].Value;
            if (raw && !name.EndsWith("Html", StringComparison.Ordinal))
                throw new InvalidOperationException($"Mail template {kind}: only a value named *Html may be put in unencoded ({name}).");
            if (!values.TryGetValue(name, out var value))
                throw new InvalidOperationException($"Mail template {kind} uses {{{{{name}}}}}, which its mail record does not have.");
            return raw ? value : encode ? System.Net.WebUtility.HtmlEncode(value).Replace("\n", "<br>") : value;
        });

    private string File(string name) => files.GetOrAdd(name, n =>
    {
        using var stream = Assembly.GetManifestResourceStream("mail/" + n)
            ?? throw new InvalidOperationException($"Mail template file {n} is missing (Features/<Feature>/Mails/{n}, embedded by the project file).");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().Replace("\r\n", "\n");
    });

    [GeneratedRegex(@"\{\{\{(?<raw>\w+)\}\}\}|\{\{(?<name>\w+)\}\}")]
    private static partial Regex Placeholder();
}
