using System.Text.RegularExpressions;
using BrandStoryContest.EndToEnd.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BrandStoryContest.EndToEnd;

/// <summary>
/// Issue 17.5 in the browser: the organizer returns a submitted story for correction from the screening page, the
/// call closes, and the writer follows the mailed link, corrects the story and resubmits it under the same number.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReturnForCorrectionScenario(BrowserFixture fx)
{
    private readonly string code = "RET" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
    private readonly string title = "退回修改征文" + Guid.NewGuid().ToString("N")[..4];
    private const string Story = "江城电器三十年如一日坚持质量第一，每一台产品都经过严格检验。";
    private const string Reason = "正文缺少品牌名称，请补充后重新提交。";

    [Fact]
    public async Task The_organizer_returns_an_entry_and_the_writer_corrects_and_resubmits_it_after_the_deadline()
    {
        await using var steps = new Steps(fx, nameof(ReturnForCorrectionScenario));
        var organizer = await fx.NewPersonAsync();
        var writer = await fx.NewPersonAsync();
        var email = $"corrector-{code.ToLowerInvariant()}@e2e.local";
        var contestId = 0;
        var entryId = 0;

        await steps.RunAsync("organizer-opens-contest", async () =>
        {
            await Site.SignInAsync(organizer, fx.OrganizerEmail, BrowserFixture.Password);
            var now = Site.NowInShanghai();
            contestId = await Site.CreateContestAsync(organizer, new Site.ContestInput(code, title, "Returned entries", "质量协会", now.AddHours(-1), now.AddDays(5)));
            await Site.AddCategoryAsync(organizer, contestId, "Story", "品牌征文", new Dictionary<string, string> { ["MinLength"] = "20", ["MaxLength"] = "300" });
            return organizer;
        });

        await steps.RunAsync("writer-submits", async () =>
        {
            await Site.RegisterConfirmAndSignInAsync(fx.Mail, writer, email, "林晓", fx.App.BaseUrl);
            entryId = await Site.StartEntryAsync(writer, title, "撰写征文");
            await writer.Locator("#Title").FillAsync("三十年的承诺");
            await writer.Locator("#Body").FillAsync(Story);
            await writer.Locator("#PledgedOriginality").CheckAsync();
            await writer.Locator("#DeclaredRights").CheckAsync();
            await writer.Locator("#ConsentsToPublication").CheckAsync();
            await writer.Locator("#submit-entry").ClickAsync();
            await Expect(writer.Locator("#receipt-ok")).ToBeVisibleAsync();
            await Expect(writer.Locator("#entry-number")).ToHaveTextAsync($"{code}-S-0001");
            return writer;
        });

        await steps.RunAsync("organizer-returns-it", async () =>
        {
            await organizer.GotoAsync($"/manage/contests/{contestId}");
            await organizer.Locator("#screening-link").ClickAsync();
            await Expect(organizer).ToHaveURLAsync(new Regex($"/screening/contests/{contestId}$"));
            var row = organizer.Locator($"#screening-entries tr[data-entry='{entryId}']");
            await row.Locator("input[name=reason]").FillAsync(Reason);
            await row.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "退回修改" }).ClickAsync();
            await Expect(organizer.Locator($"#screening-entries tr[data-entry='{entryId}'] .entry-state")).ToHaveTextAsync("已退回修改");
            await Expect(organizer.Locator($"#screening-entries tr[data-entry='{entryId}']")).ToContainTextAsync(Reason);
            return organizer;
        });

        // The call closes while the writer corrects: the running app's clock cannot be moved, so its deadline is.
        await CloseSubmissionsAsync(fx.App.DatabasePath, contestId);

        await steps.RunAsync("writer-corrects-and-resubmits", async () =>
        {
            var link = await Site.LinkFromMailAsync(fx.Mail, email, $"/entries/{entryId}/edit");
            await writer.GotoAsync(link);
            await Expect(writer.Locator("#returned-for-correction")).ToContainTextAsync(Reason);
            await Expect(writer.Locator("#locked")).ToHaveCountAsync(0);
            await writer.Locator("#Body").FillAsync("江城电器品牌" + Story);
            await writer.Locator("#submit-entry").ClickAsync();
            await Expect(writer.Locator("#receipt-ok")).ToBeVisibleAsync();
            await Expect(writer.Locator("#entry-number")).ToHaveTextAsync($"{code}-S-0001");
            await Expect(writer.Locator(".story-body")).ToContainTextAsync("江城电器品牌");
            return writer;
        });

        await steps.RunAsync("organizer-sees-it-submitted", async () =>
        {
            await organizer.GotoAsync($"/screening/contests/{contestId}");
            await Expect(organizer.Locator($"#screening-entries tr[data-entry='{entryId}'] .entry-state")).ToHaveTextAsync("已提交");
            return organizer;
        });
    }

    private static async Task CloseSubmissionsAsync(string databasePath, int contestId)
    {
        await using var db = new SqliteConnection($"Data Source={databasePath};Default Timeout=30");
        await db.OpenAsync();
        var cmd = db.CreateCommand();
        cmd.CommandText = "UPDATE Contests SET SubmissionClosesAt = $closed WHERE Id = $id";
        // Stored the way the app's model stores every DateTimeOffset (see ContestDb.ConfigureConventions).
        var closed = new Microsoft.EntityFrameworkCore.Storage.ValueConversion.DateTimeOffsetToBinaryConverter().ConvertToProvider(DateTimeOffset.UtcNow.AddMinutes(-1));
        cmd.Parameters.AddWithValue("$closed", closed);
        cmd.Parameters.AddWithValue("$id", contestId);
        if (await cmd.ExecuteNonQueryAsync() != 1) throw new InvalidOperationException($"No contest {contestId}.");
        SqliteConnection.ClearAllPools();
    }
}
