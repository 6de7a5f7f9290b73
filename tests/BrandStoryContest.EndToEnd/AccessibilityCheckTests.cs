using BrandStoryContest.EndToEnd.Infrastructure;

namespace BrandStoryContest.EndToEnd;

/// <summary>
/// The checks every browser test relies on find what they are meant to find: a page with known faults fails them,
/// so a clean report from the scenario means clean pages, not a check that never looked.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityCheckTests(BrowserFixture fx) : IAsyncLifetime
{
    private const string Faulty = """
        <!DOCTYPE html><html lang="zh-CN"><head><meta name="viewport" content="width=device-width, initial-scale=1"><title>有问题的页面</title></head>
        <body><main><h1>报名</h1>
          <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
          <input id="name">
          <p style="color:#ffc107;background:#fff">浅黄色的小字看不清。</p>
          <form><button style="font-size:10px;padding:0">交</button></form>
          <div style="width:600px">比手机屏幕更宽的内容</div>
        </main></body></html>
        """;

    [Fact]
    public async Task Axe_reports_a_missing_alt_a_missing_label_and_low_contrast_as_serious()
    {
        var page = await fx.NewPersonAsync();
        await page.SetContentAsync(Faulty);
        var found = await Accessibility.SeriousViolationsAsync(page);
        Assert.Contains(found, v => v.StartsWith("image-alt"));
        Assert.Contains(found, v => v.StartsWith("label"));
        Assert.Contains(found, v => v.StartsWith("color-contrast"));
    }

    [Fact]
    public async Task The_phone_check_fails_a_page_that_scrolls_sideways_or_has_small_tap_targets()
    {
        var page = await fx.NewPersonAsync();
        await page.SetViewportSizeAsync(Phone.Width, Phone.Height);
        await page.SetContentAsync(Faulty);
        var wide = await Assert.ThrowsAnyAsync<Exception>(() => Phone.AssertFitsAsync(fx, page, "faulty-wide"));
        Assert.Contains("scrolls sideways", wide.Message);

        await page.EvaluateAsync("() => document.querySelector('div[style]').remove()");
        var small = await Assert.ThrowsAnyAsync<Exception>(() => Phone.AssertFitsAsync(fx, page, "faulty-small"));
        Assert.Contains("tap targets under 44 px", small.Message);
        Assert.Contains("button", small.Message);
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync() => fx.ClosePeopleAsync();
}
