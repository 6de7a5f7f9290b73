using BrandStoryContest.Tests.Infrastructure;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BrandStoryContest.EndToEnd.Infrastructure;

/// <summary>What people do on the site, step by step in the browser, shared by the end-to-end tests.</summary>
public static partial class Site
{
    public static readonly TimeZoneInfo Shanghai = TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai");

    public static DateTime NowInShanghai() => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Shanghai).DateTime;

    /// <summary>The value a datetime-local input takes, and how the app shows a Shanghai time back.</summary>
    public static string LocalInput(DateTime t) => t.ToString("yyyy-MM-dd'T'HH:mm");
    public static string ShownInShanghai(DateTime t) => t.ToString("yyyy-MM-dd HH:mm") + " (UTC+08:00)";

    public static async Task SignInAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("/account/login");
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("#Password").FillAsync(password);
        await page.Locator("form[action='/account/login'] button[type=submit]").ClickAsync();
        await Expect(page.Locator("form[action='/account/logout']")).ToBeVisibleAsync();
    }

    public static async Task RegisterAsync(IPage page, string email, string realName, string? organization = null)
    {
        await page.GotoAsync("/account/register");
        await page.Locator("#Email").FillAsync(email);
        await page.Locator("#RealName").FillAsync(realName);
        if (organization is not null) await page.Locator("#Organization").FillAsync(organization);
        await page.Locator("#Password").FillAsync(BrowserFixture.Password);
        await page.Locator("#ConfirmPassword").FillAsync(BrowserFixture.Password);
        await page.Locator("form[action='/account/register'] button[type=submit]").ClickAsync();
        await Expect(page.Locator("main h1")).ToHaveTextAsync("请查收邮件");
        await Expect(page.Locator("main")).ToContainTextAsync(email);
    }

    /// <summary>Takes the confirmation link from the mail that arrived at the SMTP server and opens it as the new entrant.</summary>
    public static async Task ConfirmFromMailAsync(SmtpCatcher mail, IPage entrant, string email, string baseUrl)
    {
        var href = await LinkFromMailAsync(mail, email, "/account/confirm?");
        Assert.StartsWith(baseUrl + "/account/confirm?", href);
        await entrant.GotoAsync(href);
        // The link only shows the button: a GET never changes anything.
        await entrant.Locator("#confirm-email").ClickAsync();
        await Expect(entrant.Locator("#confirmed")).ToHaveTextAsync("邮箱已确认。");
    }

    /// <summary>The first link containing <paramref name="path"/> in the newest mail to <paramref name="email"/> that has one.</summary>
    public static async Task<string> LinkFromMailAsync(SmtpCatcher mail, string email, string path)
    {
        string? link = null;
        await SmtpCatcher.WaitUntilAsync(() =>
        {
            link = mail.To(email).Reverse().SelectMany(m => (m.TextBody ?? "").Split([' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries))
                .FirstOrDefault(w => w.StartsWith("http", StringComparison.Ordinal) && w.Contains(path, StringComparison.Ordinal));
            return link is not null;
        }, TimeSpan.FromSeconds(30), $"a mail to {email} with a {path} link");
        return link!;
    }

    public static async Task RegisterConfirmAndSignInAsync(SmtpCatcher mail, IPage entrant, string email, string realName, string baseUrl)
    {
        await RegisterAsync(entrant, email, realName);
        await ConfirmFromMailAsync(mail, entrant, email, baseUrl);
        await SignInAsync(entrant, email, BrowserFixture.Password);
    }

    public sealed record ContestInput(string Code, string TitleZh, string TitleEn, string OrganizerName, DateTime OpensAt, DateTime ClosesAt);

    /// <summary>Fills /manage/contests/new and returns the new contest's id.</summary>
    public static async Task<int> CreateContestAsync(IPage organizer, ContestInput c)
    {
        await organizer.GotoAsync("/manage");
        await organizer.Locator("#new-contest").ClickAsync();
        await Expect(organizer).ToHaveURLAsync(new Regex("/manage/contests/new$"));
        await organizer.Locator("#Code").FillAsync(c.Code);
        await organizer.Locator("#OrganizerName").FillAsync(c.OrganizerName);
        await organizer.Locator("#TitleZh").FillAsync(c.TitleZh);
        await organizer.Locator("#TitleEn").FillAsync(c.TitleEn);
        await organizer.Locator("#DescriptionZh").FillAsync("讲述你身边的品质故事：一件产品、一位匠人、一次坚持。");
        await organizer.Locator("#Theme").FillAsync("质量月");
        await organizer.Locator("#TimeZoneId").FillAsync("Asia/Shanghai");
        await organizer.Locator("#SubmissionOpensAt").FillAsync(LocalInput(c.OpensAt));
        await organizer.Locator("#SubmissionClosesAt").FillAsync(LocalInput(c.ClosesAt));
        await organizer.Locator("#contest-form button[type=submit]").ClickAsync();
        await Expect(organizer).ToHaveURLAsync(ManagePage());
        await Expect(organizer.Locator("main h1")).ToHaveTextAsync(c.TitleZh);
        return int.Parse(ManagePage().Match(organizer.Url).Groups[1].Value);
    }

    /// <summary>Adds a category through its form from the contest's manage page; fields are input ids and values.</summary>
    public static async Task AddCategoryAsync(IPage organizer, int contestId, string kind, string nameZh, IReadOnlyDictionary<string, string> fields)
    {
        await organizer.GotoAsync($"/manage/contests/{contestId}");
        await organizer.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = kind == "Story" ? "添加征文类别" : "添加微电影类别" }).ClickAsync();
        await Expect(organizer.Locator("#Kind")).ToHaveValueAsync(kind);
        await organizer.Locator("#NameZh").FillAsync(nameZh);
        foreach (var (id, value) in fields) await organizer.Locator("#" + id).FillAsync(value);
        await organizer.Locator("#category-form button[type=submit]").ClickAsync();
        await Expect(organizer).ToHaveURLAsync(new Regex($"/manage/contests/{contestId}$"));
        await Expect(organizer.Locator("#category-counts")).ToContainTextAsync(nameZh);
    }

    /// <summary>From the contest list to the contest page, then the category's start button; returns the draft's id.</summary>
    public static async Task<int> StartEntryAsync(IPage entrant, string contestTitle, string button)
    {
        await entrant.GotoAsync("/contests");
        await entrant.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = contestTitle, Exact = true }).ClickAsync();
        await Expect(entrant.Locator("main h1")).ToHaveTextAsync(contestTitle);
        await entrant.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = button, Exact = true }).ClickAsync();
        await Expect(entrant).ToHaveURLAsync(EditPage());
        return int.Parse(EditPage().Match(entrant.Url).Groups[1].Value);
    }

    /// <summary>A short H.264/AAC MP4 made by the real ffmpeg (a moving test pattern with a tone).</summary>
    public static async Task<string> MakeClipAsync(string folder, int width = 640, int height = 360, int seconds = 3)
    {
        var output = Path.Combine(folder, "clip.mp4");
        var psi = new ProcessStartInfo("ffmpeg") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in $"-hide_banner -loglevel error -y -f lavfi -i testsrc2=s={width}x{height}:r=25:d={seconds} -f lavfi -i sine=d={seconds} -c:v libx264 -preset ultrafast -pix_fmt yuv420p -c:a aac -shortest".Split(' '))
            psi.ArgumentList.Add(a);
        psi.ArgumentList.Add(output);
        using var ffmpeg = Process.Start(psi)!;
        var errors = ffmpeg.StandardError.ReadToEndAsync();
        await ffmpeg.StandardOutput.ReadToEndAsync();
        await ffmpeg.WaitForExitAsync();
        if (ffmpeg.ExitCode != 0) throw new InvalidOperationException("ffmpeg failed: " + await errors);
        return output;
    }

    /// <summary>The text of a PDF as Debian's pdftotext extracts it.</summary>
    public static async Task<string> PdfTextAsync(string pdf)
    {
        var psi = new ProcessStartInfo("pdftotext", [pdf, "-"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = Process.Start(psi)!;
        var text = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        return text;
    }

    [GeneratedRegex(@"/manage/contests/(\d+)$")]
    private static partial Regex ManagePage();

    [GeneratedRegex(@"/entries/(\d+)/edit$")]
    private static partial Regex EditPage();
}
