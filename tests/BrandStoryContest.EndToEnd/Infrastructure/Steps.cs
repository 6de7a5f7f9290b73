using Microsoft.Playwright;

namespace BrandStoryContest.EndToEnd.Infrastructure;

/// <summary>
/// Runs the steps of one browser test in order and leaves a full-page screenshot per step in
/// test-output/e2e/&lt;test&gt;/. When a step fails, every open page is saved as a screenshot and as HTML
/// next to it, and the failure names the step. After each step axe-core checks the pages it went through
/// (<see cref="Accessibility"/>); when the test ends (<c>await using</c>), serious or critical violations fail it with
/// the list of every page and rule, also written to accessibility.txt in the same folder.
/// </summary>
public sealed class Steps(BrowserFixture fixture, string testName) : IAsyncDisposable
{
    private readonly string folder = Directory.CreateDirectory(Path.Combine(fixture.OutputFolder, testName)).FullName;
    private readonly Accessibility accessibility = new(fixture);
    private int count;
    private bool failed;

    public async Task RunAsync(string name, Func<Task<IPage>> step)
    {
        var label = $"{++count:00}-{name}";
        try
        {
            var page = await step();
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, label + ".png"), FullPage = true });
            await accessibility.CheckStepAsync(label, page);
        }
        catch (Exception e)
        {
            failed = true;
            var saved = await SaveOpenPagesAsync(label + "-FAILED");
            throw new StepFailedException($"Step {label} failed: {e.Message}\nSaved: {string.Join(", ", saved)}", e);
        }
    }

    /// <summary>Fails the test on the accessibility problems of all its steps, unless a step already failed it.</summary>
    public async ValueTask DisposeAsync()
    {
        var report = Path.Combine(folder, "accessibility.txt");
        await File.WriteAllTextAsync(report, (accessibility.Problems.Count == 0 ? "No serious or critical violations.\n" : string.Join("\n\n", accessibility.Problems) + "\n")
            + $"\nPages checked ({accessibility.Checked.Count}):\n" + string.Join("\n", accessibility.Checked.Order()) + "\n");
        if (!failed && accessibility.Problems.Count > 0)
            throw new StepFailedException($"axe-core found serious or critical accessibility violations ({report}):\n\n" + string.Join("\n\n", accessibility.Problems), null);
    }

    private async Task<List<string>> SaveOpenPagesAsync(string label)
    {
        var saved = new List<string>();
        var pages = fixture.Browser.Contexts.SelectMany(c => c.Pages).Where(p => !p.IsClosed).ToList();
        for (var i = 0; i < pages.Count; i++)
        {
            var name = Path.Combine(folder, pages.Count == 1 ? label : $"{label}-page{i + 1}");
            try
            {
                await pages[i].ScreenshotAsync(new PageScreenshotOptions { Path = name + ".png", FullPage = true, Timeout = 10_000 });
                await File.WriteAllTextAsync(name + ".html", $"<!-- {pages[i].Url} -->\n" + await pages[i].ContentAsync());
                saved.Add(name + ".png");
            }
            catch (PlaywrightException e)
            {
                saved.Add($"{name} (not saved: {e.Message.Split('\n')[0]})");
            }
        }
        return saved;
    }
}

public sealed class StepFailedException(string message, Exception? inner) : Exception(message, inner);
