using System.Collections.Frozen;
using System.Globalization;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Tests.Web;

public sealed class ResultTests
{
    private static Result<int> Answer(int? value, bool refuse) =>
        refuse ? new RuleViolation("Title", "The title is required.") : value is { } v ? v : Result.NotFound;

    [Fact]
    public void A_handler_returns_a_value_a_violation_or_not_found_and_each_becomes_its_outcome()
    {
        var ok = Answer(7, refuse: false);
        Assert.Equal((Outcome.Ok, 7), (ok.Outcome, ok.Value));
        Assert.Empty(ok.Violations);

        var missing = Answer(null, refuse: false);
        Assert.Equal(Outcome.NotFound, missing.Outcome);
        Assert.Throws<InvalidOperationException>(() => missing.Value);

        var refused = Answer(7, refuse: true);
        Assert.Equal(Outcome.Refused, refused.Outcome);
        Assert.Equal("Title", Assert.Single(refused.Violations).Field);
        Assert.Throws<InvalidOperationException>(() => refused.Value);
    }

    /// <summary>One answer for every use case, the ones the workers send included, so nobody has to guess which shape a new one takes.</summary>
    [Fact]
    public void Every_handler_answers_a_result()
    {
        var answers = new[] { "IRequestHandler`2", "ICommandHandler`2", "IQueryHandler`2" };
        var handlers = typeof(Program).Assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false })
            .SelectMany(t => t.GetInterfaces().Where(i => i.IsGenericType && i.Namespace == "Mediator" && answers.Contains(i.Name))
                .Select(i => (Handler: t, Answer: i.GetGenericArguments()[1])))
            .ToList();
        Assert.True(handlers.Count > 50, $"only {handlers.Count} handlers found: the scan is looking in the wrong place");
        var others = handlers.Where(h => !h.Answer.IsGenericType || h.Answer.GetGenericTypeDefinition() != typeof(Result<>))
            .Select(h => $"{h.Handler.Name} answers {h.Answer.Name}").Distinct().Order().ToList();
        Assert.True(others.Count == 0, "Handlers that do not answer Result<T>:\n" + string.Join("\n", others));
    }

    [Fact]
    public void Map_keeps_a_refusal_and_not_found_and_maps_only_a_value()
    {
        Assert.Equal("14", Answer(7, false).Map(v => (v * 2).ToString()).Value);
        Assert.Equal(Outcome.NotFound, Answer(null, false).Map(v => v.ToString()).Outcome);
        Result<string> refused = Result.Refuse("The round is closed.");
        Assert.Equal("The round is closed.", Assert.Single(refused.Map(s => s.Length).Violations).Key);
    }

    [Fact]
    public void A_refusal_must_name_a_broken_rule()
    {
        Assert.Throws<ArgumentException>(() => Result<int>.Refused([]));
        Assert.Equal(Outcome.Ok, Result.Ok().Outcome);
    }

    [Fact]
    public void A_counting_toast_is_filled_from_the_value_and_translated_while_a_refusal_shows_only_its_message()
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            var review = new RedirectResult("/review");
            var done = Page();
            Assert.Same(review, done.AndRedirect(Result<int>.Ok(3), _ => review, "{0} votes voided.", n => [n], () => review));
            Assert.Equal("已作废 3 票。", done.TempData["Toast"]);

            var refused = Page();
            Result<int> finalized = Result.Refuse("The round is finalized: its votes can no longer change.");
            Assert.Same(review, refused.AndRedirect(finalized, _ => review, "{0} votes voided.", n => [n], () => review));
            Assert.Null(refused.TempData["Toast"]);
            Assert.Equal("本轮已定稿，投票不能再更改。", refused.TempData["Error"]);

            Assert.IsType<NotFoundResult>(Page().AndRedirect(Result<int>.NotFound, _ => review, "{0} votes voided.", n => [n], () => review));
        }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    [Fact]
    public async Task A_saved_form_shows_its_toast_and_a_refused_one_is_shown_again_with_each_message_at_its_field()
    {
        var next = new RedirectResult("/judging/assignments/1");
        var form = new ViewResult();
        var saved = Page();
        Assert.Same(next, await saved.OrForm(Result.Ok(), _ => next, () => Task.FromResult<IActionResult>(form), toast: "Scores saved."));
        Assert.Equal("Scores saved.", saved.TempData["Toast"]);

        var refused = Page();
        Result<Result.Done> tooLong = new RuleViolation("Comment", "The comment may have at most {0} characters.", 4000);
        Assert.Same(form, await refused.OrForm(tooLong, _ => next, () => Task.FromResult<IActionResult>(form), toast: "Scores saved."));
        Assert.Null(refused.TempData["Toast"]);
        Assert.Equal(StatusCodes.Status400BadRequest, refused.Response.StatusCode);
        Assert.Equal("The comment may have at most 4000 characters.", Assert.Single(refused.ModelState["Comment"]!.Errors).ErrorMessage);
    }

    [Fact]
    public void A_plan_saved_with_a_caveat_shows_the_caveat_with_the_rules_inside_it_said_in_the_readers_language()
    {
        var before = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            var round = new RedirectResult("/manage/rounds/1");
            RuleViolation? Shortfall(int uncovered) => uncovered == 0 ? null
                : new RuleViolation("", "{0} entries could not get enough judges: {1}", uncovered,
                    new[] { new RuleViolation("", "entry {0}: {1} of {2} judges ({3})", 7, 1, 3, "conflicts") });

            var shortOfJudges = Page();
            Assert.Same(round, shortOfJudges.AndRedirect(Result<int>.Ok(1), round, "Judges assigned.", Shortfall));
            Assert.Equal("1 个作品评委不足：作品 7：1/3 位评委（conflicts）", shortOfJudges.TempData["Error"]);
            Assert.Null(shortOfJudges.TempData["Toast"]);

            var covered = Page();
            Assert.Same(round, covered.AndRedirect(Result<int>.Ok(0), round, "Judges assigned.", Shortfall));
            Assert.Equal("Judges assigned.", covered.TempData["Toast"]);
            Assert.Null(covered.TempData["Error"]);
        }
        finally { CultureInfo.CurrentUICulture = before; }
    }

    /// <summary>A controller as MVC hands it to an action, with the app's localizer over two translated keys.</summary>
    private static Controller Page()
    {
        var table = new Dictionary<string, string>
        {
            ["{0} votes voided."] = "已作废 {0} 票。",
            ["The round is finalized: its votes can no longer change."] = "本轮已定稿，投票不能再更改。",
            ["{0} entries could not get enough judges: {1}"] = "{0} 个作品评委不足：{1}",
            ["entry {0}: {1} of {2} judges ({3})"] = "作品 {0}：{1}/{2} 位评委（{3}）",
        }.ToFrozenDictionary();
        var localizer = new JsonStringLocalizer(new Dictionary<string, FrozenDictionary<string, string>> { ["zh-CN"] = table }.ToFrozenDictionary());
        var http = new DefaultHttpContext
        {
            RequestServices = new ServiceCollection().AddSingleton<IStringLocalizer<SharedResource>>(new SharedStrings(localizer)).BuildServiceProvider(),
        };
        return new Probe { ControllerContext = new() { HttpContext = http }, TempData = new TempDataDictionary(http, new InMemoryTempData()) };
    }

    private sealed class Probe : Controller;

    private sealed class SharedStrings(IStringLocalizer inner) : IStringLocalizer<SharedResource>
    {
        public LocalizedString this[string name] => inner[name];
        public LocalizedString this[string name, params object[] arguments] => inner[name, arguments];
        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => inner.GetAllStrings(includeParentCultures);
    }

    private sealed class InMemoryTempData : ITempDataProvider
    {
        private IDictionary<string, object> saved = new Dictionary<string, object>();
        public IDictionary<string, object> LoadTempData(HttpContext context) => saved;
        public void SaveTempData(HttpContext context, IDictionary<string, object> values) => saved = values;
    }
}
