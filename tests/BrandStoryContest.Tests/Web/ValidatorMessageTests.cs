using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Features.Accounts;
using BrandStoryContest.Web.Features.Awards;
using BrandStoryContest.Web.Features.Objections;
using BrandStoryContest.Web.Features.PublicVote;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation.Results;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Tests.Web;

/// <summary>
/// The validators' messages as a reader gets them, in each language: every failure of the awards, objection,
/// vote and registration forms is worded by the site, never FluentValidation's default "'Name Zh' must not be
/// empty." (or its Chinese twin, which still names the C# property).
/// </summary>
public sealed partial class ValidatorMessageTests
{
    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public async Task Every_failure_of_the_awards_and_other_forms_is_worded_in_the_readers_language(string culture)
    {
        var L = Localizer();
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var failures = new List<ValidationFailure>();
            failures.AddRange((await new SaveTierValidator(L).ValidateAsync(new SaveTierCommand { NameZh = "", NameEn = new string('a', 81), Quota = -1 })).Errors);
            failures.AddRange((await new ResolveTieValidator(L).ValidateAsync(new ResolveTieCommand { Reason = "" })).Errors);
            failures.AddRange((await new GiveSpecialAwardValidator(L).ValidateAsync(new GiveSpecialAwardCommand { Reason = "" })).Errors);
            failures.AddRange((await new AdjustAwardValidator(L).ValidateAsync(new AdjustAwardCommand { Reason = new string('x', 501) })).Errors);
            failures.AddRange((await new RevokeCertificateValidator(L).ValidateAsync(new RevokeCertificateCommand { Reason = "" })).Errors);
            failures.AddRange((await new SaveAwardSettingsValidator(L).ValidateAsync(new SaveAwardSettingsCommand
            {
                NoticeDays = 99, VotingOpensAt = new DateTime(2026, 12, 1), CertificateHeadingZh = new string('奖', 41), CertificateBodyEn = new string('a', 601),
            })).Errors);
            failures.AddRange((await new DecideObjectionValidator(L).ValidateAsync(new DecideObjectionCommand { Decision = " " })).Errors);
            failures.AddRange((await new FileObjectionValidator(L).ValidateAsync(new FileObjectionCommand(1, 1, ""))).Errors);
            failures.AddRange((await new VoidVotesValidator(L).ValidateAsync(new VoidVotesCommand { Reason = "" })).Errors);
            failures.AddRange((await new RegisterValidator(L).ValidateAsync(new RegisterCommand { Email = "", Password = "", RealName = "", PreferredLanguage = "fr" })).Errors);

            Assert.True(failures.Count >= 18, $"{failures.Count} failures");
            foreach (var f in failures)
            {
                Assert.DoesNotMatch(QuotedProperty(), f.ErrorMessage);
                if (culture == "zh-CN") Assert.Matches(Chinese(), f.ErrorMessage);
                else Assert.DoesNotMatch(Chinese(), f.ErrorMessage);
            }
            // One message per field: a field that fails two checks is not told the same thing twice.
            Assert.Single(failures, f => f.PropertyName == nameof(RegisterCommand.Email));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    /// <summary>The app's own localizer over Resources/*.json, as the app builds it.</summary>
    private static IStringLocalizer<SharedResource> Localizer()
    {
        var folder = Path.Combine(RepoRoot.Path, "src", "BrandStoryContest.Web", "Resources");
        var tables = Directory.GetFiles(folder, "*.json").ToFrozenDictionary(
            f => Path.GetFileNameWithoutExtension(f),
            f => JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(f))!.ToFrozenDictionary());
        return new StringLocalizer<SharedResource>(new OneTable(new JsonStringLocalizer(tables)));
    }

    private sealed class OneTable(IStringLocalizer localizer) : IStringLocalizerFactory
    {
        public IStringLocalizer Create(Type resourceSource) => localizer;
        public IStringLocalizer Create(string baseName, string location) => localizer;
    }

    [GeneratedRegex(@"'[A-Z][A-Za-z ]*'")]
    private static partial Regex QuotedProperty();

    [GeneratedRegex(@"[\u3400-\u9fff]")]
    private static partial Regex Chinese();
}
