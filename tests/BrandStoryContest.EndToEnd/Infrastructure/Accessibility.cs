using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace BrandStoryContest.EndToEnd.Infrastructure;

/// <summary>
/// axe-core (Deque.AxeCore.Playwright, the engine bundled in the package) over every page a browser test visits.
/// <see cref="BrowserFixture"/> records each page a person's browser loads (main-frame GET navigations that
/// answered 200); after each step <see cref="Steps"/> checks the page the step ended on as it is, and opens the
/// other pages the step went through again in a new tab of the same profile (same sign-in and language). Each
/// page shape (its path with ids as {n}) is checked once per test. Only serious and critical violations count.
/// </summary>
public sealed partial class Accessibility(BrowserFixture fixture)
{
    private readonly HashSet<string> checkedShapes = [];
    private readonly List<string> problems = [];

    public IReadOnlyList<string> Problems => problems;

    /// <summary>The page shapes checked so far, for the report.</summary>
    public IReadOnlyCollection<string> Checked => checkedShapes;

    /// <summary>Checks the step's own page and every page visited since the last check; records what it finds, page by page.</summary>
    public async Task CheckStepAsync(string step, IPage current)
    {
        foreach (var (page, url) in fixture.TakeVisits())
        {
            var shape = Shape(url);
            if (page.IsClosed || checkedShapes.Contains(shape)) continue;
            if (page == current && page.Url == url)
            {
                checkedShapes.Add(shape);
                await CheckAsync(step, page);
                continue;
            }
            var tab = await fixture.NewCheckerTabAsync(page.Context);
            try
            {
                // A one-time page (a used confirmation link) may not answer 200 again; its shape stays unchecked
                // until another visit that can be checked.
                if (await tab.GotoAsync(url) is { Status: 200 })
                {
                    checkedShapes.Add(shape);
                    await CheckAsync(step, tab);
                }
            }
            finally
            {
                await tab.CloseAsync();
            }
        }
        if (!current.IsClosed && checkedShapes.Add(Shape(current.Url))) await CheckAsync(step, current);
    }

    /// <summary>Runs axe on the page as it is now and records its serious and critical violations.</summary>
    public async Task CheckAsync(string step, IPage page)
    {
        var found = await SeriousViolationsAsync(page);
        if (found.Count > 0) problems.Add($"[{step}] {page.Url}\n" + string.Join("\n", found.Select(v => "  " + v)));
    }

    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        var result = await page.RunAxe(new AxeRunOptions { ResultTypes = [ResultType.Violations] });
        return result.Violations.Where(v => v.Impact is "serious" or "critical")
            .Select(v => $"{v.Id} ({v.Impact}): {v.Help}\n" + string.Join("\n", v.Nodes.Take(6).Select(n =>
                $"      {n.Target} {Short(n.Html)}\n        {Short(string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message)))}")))
            .ToList();
    }

    private static string Short(string s) => s.Length <= 200 ? s : s[..200] + "…";

    /// <summary>The page's kind: /judging/assignments/12 and /judging/assignments/13 are the same page.</summary>
    public static string Shape(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var u) ? Digits().Replace(u.AbsolutePath, "{n}") : url;

    [GeneratedRegex(@"\d+")]
    private static partial Regex Digits();
}
