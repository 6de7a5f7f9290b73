using System.IO.Compression;
using System.Text;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;

namespace BrandStoryContest.Tests.Contests;

public sealed class ExportTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Entries_export_to_csv_and_excel_with_chinese_text_and_no_formulas()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var entrant = await app.CreateUserAsync(Roles.Entrant, realName: "张晓雨", organization: "海川电器");
        await app.DbAsync(async db =>
        {
            db.Entries.Add(new Entry
            {
                ContestId = contest.Id, CategoryId = contest.Categories.First(c => c.Kind == CategoryKind.Story).Id, EntrantId = entrant.Id,
                State = EntryState.Submitted, Number = $"{contest.Code}-S-0001", Title = "=HYPERLINK(\"http://evil\")", Body = "质量第一。",
                CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow, SubmittedAt = DateTimeOffset.UtcNow,
            });
            return await db.SaveChangesAsync();
        });
        var web = Browserless.For(app);
        await web.SignInAsync(organizer.Email!, AppFactory.TestPassword);

        var csv = await web.Client.GetByteArrayAsync($"/manage/contests/{contest.Id}/entries.csv");
        Assert.Equal(Encoding.UTF8.GetPreamble(), csv[..3]);
        var text = Encoding.UTF8.GetString(csv[3..]);
        Assert.Contains("\"张晓雨\"", text);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", text);

        var xlsx = await web.Client.GetByteArrayAsync($"/manage/contests/{contest.Id}/entries.xlsx");
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        var sheet = await new StreamReader(zip.Entries.Single(e => e.FullName.EndsWith("sheet1.xml") || e.FullName.Contains("worksheets/")).Open()).ReadToEndAsync();
        Assert.Contains("张晓雨", sheet);
        Assert.Contains("海川电器", sheet);
        Assert.DoesNotContain("<x:f>", sheet);
        Assert.DoesNotContain("<f>", sheet);
        Assert.Contains("inlineStr", sheet);
    }
}
