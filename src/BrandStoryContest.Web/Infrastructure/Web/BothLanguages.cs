using System.Globalization;
using BrandStoryContest.Web.Domain;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Infrastructure.Web;

/// <summary>
/// Mails (the outbox) and texts stored for other people to read later (a disqualification reason, an award's
/// reason) are written in both languages, Chinese first: the culture of the request that causes them says nothing
/// about the reader's. Both halves come from the one table (the English key and its zh-CN translation), so a mail
/// is as complete as a page and the localization tests check its wording like any other key.
/// </summary>
public static class BothLanguages
{
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo(Languages.Chinese), English = CultureInfo.GetCultureInfo(Languages.English);

    /// <summary>The text in Chinese, a line break, then in English (mail bodies).</summary>
    public static string InBoth(this IStringLocalizer L, string key, Func<string, object[]> args) => Join(L, "\n", key, args);

    public static string InBoth(this IStringLocalizer L, string key, params object[] args) => Join(L, "\n", key, _ => args);

    /// <summary>"中文 / English" on one line (subjects, stored reasons).</summary>
    public static string InBothOnOneLine(this IStringLocalizer L, string key, Func<string, object[]> args) => Join(L, " / ", key, args);

    public static string InBothOnOneLine(this IStringLocalizer L, string key, params object[] args) => Join(L, " / ", key, _ => args);

    /// <summary>The text as a mail value: its template picks the recipient's language.</summary>
    public static Mail.Bilingual ForMail(this IStringLocalizer L, string key)
    {
        var (zh, en) = (In(L, Chinese, key, _ => []), In(L, English, key, _ => []));
        return new Mail.Bilingual(zh, en);
    }

    private static string In(IStringLocalizer L, CultureInfo culture, string key, Func<string, object[]> args) =>
        Join(L, "", key, args, [culture]);

    /// <param name="args">The values for one language (zh-CN or en), e.g. a tier's name in that language; it is
    /// called with that language's culture current, so it may localize values itself.</param>
    private static string Join(IStringLocalizer L, string separator, string key, Func<string, object[]> args) =>
        Join(L, separator, key, args, [Chinese, English]);

    private static string Join(IStringLocalizer L, string separator, string key, Func<string, object[]> args, CultureInfo[] cultures)
    {
        var before = CultureInfo.CurrentUICulture;
        var beforeFormat = CultureInfo.CurrentCulture;
        try
        {
            return string.Join(separator, cultures.Select(culture =>
            {
                CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = culture;
                return L[key, args(culture.Name)].Value;
            }));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
            CultureInfo.CurrentCulture = beforeFormat;
        }
    }
}
