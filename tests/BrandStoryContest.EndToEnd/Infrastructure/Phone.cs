using Microsoft.Playwright;

namespace BrandStoryContest.EndToEnd.Infrastructure;

/// <summary>
/// A page as a phone shows it: 390×844 CSS pixels (a common phone), in a tab of the same browser profile so the
/// person stays signed in. Asserts that nothing scrolls sideways and that every tap target (buttons, inputs,
/// selects, links in navigation and forms, checkbox and radio labels) is at least 44 px high, runs axe on it, and
/// saves a phone-sized screenshot in test-output/e2e/&lt;test&gt;/phone-&lt;name&gt;.png.
/// </summary>
public static class Phone
{
    public const int Width = 390, Height = 844, MinTarget = 44;

    // What a thumb taps. Checkboxes and radios are tapped through their label, which Bootstrap's form-check
    // puts beside a 16 px box; hidden and visually-hidden elements are not targets.
    private const string MeasureTargets = """
        () => {
          const shown = el => { const r = el.getBoundingClientRect(); const s = getComputedStyle(el);
            return r.width > 1 && r.height > 1 && s.visibility !== 'hidden' && !el.closest('[hidden], .visually-hidden, .visually-hidden-focusable'); };
          const picked = new Set();
          for (const el of document.querySelectorAll('button, .btn, select, textarea, input:not([type=hidden]), nav a, form a, summary')) {
            if (!shown(el)) continue;
            if (el.matches('input[type=checkbox], input[type=radio]')) { const label = el.labels && el.labels[0]; picked.add(label && shown(label) ? label : el); }
            else picked.add(el);
          }
          const out = [];
          for (const el of picked) {
            const h = el.getBoundingClientRect().height;
            const id = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '');
            out.push({ name: id + ' "' + (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 40) + '"', height: h });
          }
          return out;
        }
        """;

    /// <summary>Opens <paramref name="url"/> (or the person's current page) in a phone-sized tab of their profile and checks it.</summary>
    public static async Task CheckAsync(BrowserFixture fixture, IPage person, string name, string? url = null, Func<IPage, Task>? use = null)
    {
        var tab = await fixture.NewCheckerTabAsync(person.Context);
        try
        {
            await tab.SetViewportSizeAsync(Width, Height);
            await tab.GotoAsync(url ?? person.Url);
            if (use is not null) await use(tab);
            await AssertFitsAsync(fixture, tab, name);
        }
        finally
        {
            await tab.CloseAsync();
        }
    }

    /// <summary>Checks a page that is already phone-sized, as it is now (e.g. in the middle of an upload).</summary>
    public static async Task AssertFitsAsync(BrowserFixture fixture, IPage page, string name)
    {
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(fixture.OutputFolder, "phone", $"phone-{name}.png"), FullPage = true });
        var size = page.ViewportSize!;
        Assert.True(size.Width == Width, $"{name}: the page is {size.Width} px wide, not a phone's {Width} px.");
        var widths = await page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var (scrollWidth, innerWidth) = (widths[0], widths[1]);
        Assert.True(scrollWidth <= innerWidth, $"{name} ({page.Url}) scrolls sideways on a phone: {scrollWidth} px of content in {innerWidth} px. Widest: "
            + await page.EvaluateAsync<string>("() => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).slice(-5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + e.className).join(', ')"));

        var small = (await page.EvaluateAsync<TapTarget[]>(MeasureTargets)).Where(t => t.Height < MinTarget - 0.5).ToList();
        Assert.True(small.Count == 0, $"{name} ({page.Url}) has tap targets under {MinTarget} px high:\n"
            + string.Join("\n", small.Select(t => $"  {t.Height:0.#} px  {t.Name}")));

        var violations = await Accessibility.SeriousViolationsAsync(page);
        Assert.True(violations.Count == 0, $"{name} on a phone ({page.Url}) has serious accessibility violations:\n" + string.Join("\n", violations));
    }

    private sealed class TapTarget
    {
        public string Name { get; set; } = "";
        public double Height { get; set; }
    }
}
