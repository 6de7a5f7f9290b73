using System.Globalization;
using BrandStoryContest.Web.Domain;

namespace BrandStoryContest.Web.Infrastructure.Web;

/// <summary>
/// The language the current request is shown in (set by the request-localization middleware from the reader's
/// choice): views and controllers ask here instead of comparing <see cref="CultureInfo.CurrentUICulture"/> themselves.
/// </summary>
public static class ReaderLanguage
{
    public static bool IsEnglish => CultureInfo.CurrentUICulture.Name == Languages.English;

    /// <summary><see cref="Languages.English"/> or <see cref="Languages.Chinese"/>, for the bilingual names of contests, categories and criteria.</summary>
    public static string Current => IsEnglish ? Languages.English : Languages.Chinese;
}
