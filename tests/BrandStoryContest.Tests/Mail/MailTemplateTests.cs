using System.Reflection;
using System.Text.RegularExpressions;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Mail;

namespace BrandStoryContest.Tests.Mail;

/// <summary>Every kind of mail the app can send renders in both languages, with absolute links and contest-zone times.</summary>
public sealed partial class MailTemplateTests
{
    private const string Site = "https://contest.example.org";
    private static readonly DateTimeOffset Instant = new(2026, 12, 1, 4, 30, 0, TimeSpan.Zero);
    private static readonly Contest Contest = new()
    {
        Id = 7, Code = "BSC", TitleZh = "江城品牌故事大赛", TitleEn = "Jiangcheng Brand Story Contest", TimeZoneId = "Asia/Tokyo",
    };

    public static TheoryData<string, string> Kinds()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in MailTemplates.AllKinds())
            foreach (var language in Languages.All) data.Add(kind.FullName!, language);
        return data;
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_kind_renders_subject_text_and_html_in_the_language_with_absolute_links_and_contest_time(string typeName, string language)
    {
        var type = typeof(MailTemplates).Assembly.GetType(typeName)!;
        var mail = Sample(type);
        var rendered = new MailTemplates().Render(mail, language, Contest, Site);

        Assert.False(string.IsNullOrWhiteSpace(rendered.Subject));
        Assert.DoesNotContain("{{", rendered.Subject + rendered.Text + rendered.Html);
        // Written in the recipient's language: Chinese text has CJK characters beyond the sample values, English none.
        var cjk = Cjk().Matches(Strip(rendered.Text, mail)).Count;
        if (language == Languages.Chinese) Assert.True(cjk > 0, $"{type.Name} zh-CN text has no Chinese");
        else Assert.True(cjk == 0, $"{type.Name} en text has Chinese: {rendered.Text}");
        Assert.Contains(Contest.Title(language), rendered.Html);
        Assert.Contains($"lang=\"{language}\"", rendered.Html);

        foreach (var p in type.GetProperties())
        {
            var value = p.GetValue(mail);
            if (value is string s && s.StartsWith(Site, StringComparison.Ordinal))
            {
                Assert.Contains(s, rendered.Text);
                Assert.Contains($"href=\"{s}\"", rendered.Html);
            }
            if (value is DateTimeOffset)
            {
                // 04:30 UTC in Tokyo, with its offset.
                Assert.Contains("2026-12-01 13:30 (UTC+09:00)", rendered.Text);
                Assert.Contains("2026-12-01 13:30 (UTC+09:00)", rendered.Html);
            }
        }
        // Every link in the HTML is absolute (no path that would resolve against the mail client).
        foreach (Match href in Href().Matches(rendered.Html))
            Assert.StartsWith(Site, href.Groups[1].Value);
    }

    [Fact]
    public void Values_are_html_encoded_in_the_html_part_and_kept_as_typed_in_the_text()
    {
        var rendered = new MailTemplates().Render(new BrandStoryContest.Web.Features.Accounts.ConfirmEmailMail("<b>张</b> & Co", Site + "/x?a=1&b=2"),
            Languages.English, null, Site);
        Assert.Contains("&lt;b&gt;张&lt;/b&gt; &amp; Co", rendered.Html);
        Assert.Contains("<b>张</b> & Co", rendered.Text);
        Assert.Contains("href=\"https://contest.example.org/x?a=1&amp;b=2\"", rendered.Html);
    }

    /// <summary>A mail record with a plausible value for each parameter: links under the site, instants, names.</summary>
    private static IMail Sample(Type type)
    {
        var ctor = type.GetConstructors().OrderByDescending(c => c.GetParameters().Length).First();
        var args = ctor.GetParameters().Select(p => (object?)(p.ParameterType switch
        {
            var t when t == typeof(string) && (p.Name!.EndsWith("Link", StringComparison.Ordinal) || p.Name.EndsWith("Url", StringComparison.Ordinal))
                => $"{Site}/{p.Name.ToLowerInvariant()}?token=abc",
            var t when t == typeof(string) => $"Sample{p.Name}",
            var t when t == typeof(DateTimeOffset) || t == typeof(DateTimeOffset?) => Instant,
            var t when t == typeof(Bilingual) => new Bilingual("SampleZh", "SampleEn"),
            var t when t == typeof(int) => 3,
            var t when t == typeof(bool) => true,
            _ => throw new InvalidOperationException($"{type.Name}.{p.Name}: add a sample for {p.ParameterType.Name}"),
        })).ToArray();
        return (IMail)ctor.Invoke(args);
    }

    private static string Strip(string text, IMail mail) =>
        mail.GetType().GetProperties().Select(p => p.GetValue(mail)?.ToString() ?? "").Where(v => v.Length > 0)
            .Aggregate(text.Replace(Contest.TitleZh, ""), (t, v) => t.Replace(v, ""));

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();

    [GeneratedRegex("href=\"([^\"]*)\"")]
    private static partial Regex Href();
}
