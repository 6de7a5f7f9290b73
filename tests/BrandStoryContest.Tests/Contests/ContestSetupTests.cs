using System.Net;
using System.Text;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Contests;

public sealed class ContestSetupTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static Dictionary<string, string> ContestFields(string code) => new()
    {
        ["Id"] = "0", ["Code"] = code, ["TitleZh"] = "2027年品牌故事大赛", ["TitleEn"] = "Brand Story 2027", ["OrganizerName"] = "江城市市场监督管理局",
        ["TimeZoneId"] = "Asia/Shanghai", ["SubmissionOpensAt"] = "2027-03-01T09:00", ["SubmissionClosesAt"] = "2027-09-30T23:59",
        ["IsPublic"] = "true", ["Theme"] = "质量强国",
    };

    [Fact]
    public async Task An_organizer_creates_a_contest_whose_deadline_is_kept_in_its_time_zone_and_adds_categories()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var web = Browserless.For(app);
        await web.SignInAsync(organizer.Email!, AppFactory.TestPassword);
        var code = "C" + Random.Shared.Next(100000, 999999);
        var created = await web.PostFormAsync("/manage/contests/new", "/manage/contests/save", ContestFields(code));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var contest = await app.DbAsync(db => db.Contests.SingleAsync(c => c.Code == code));
        Assert.Equal(organizer.Id, contest.OwnerId);
        Assert.Equal(new DateTimeOffset(2027, 9, 30, 15, 59, 0, TimeSpan.Zero), contest.SubmissionClosesAt); // 23:59 in Shanghai

        var story = await web.PostFormAsync($"/manage/contests/{contest.Id}/categories/new?kind=Story", "/manage/categories/save", new Dictionary<string, string>
        {
            ["Id"] = "0", ["ContestId"] = contest.Id.ToString(), ["Kind"] = "Story", ["Code"] = "S", ["NameZh"] = "品牌故事征文",
            ["MaxEntriesPerEntrant"] = "2", ["MinLength"] = "1000", ["MaxLength"] = "3000", ["AttachmentTypes"] = "pdf,docx", ["MaxAttachmentMb"] = "10",
            ["RequireOriginalityPledge"] = "true", ["RequirePublicationConsent"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, story.StatusCode);
        var film = await web.PostFormAsync($"/manage/contests/{contest.Id}/categories/new?kind=Film", "/manage/categories/save", new Dictionary<string, string>
        {
            ["Id"] = "0", ["ContestId"] = contest.Id.ToString(), ["Kind"] = "Film", ["Code"] = "F", ["NameZh"] = "微电影",
            ["MaxEntriesPerEntrant"] = "1", ["AllowedContainers"] = "mp4", ["AllowedVideoCodecs"] = "h264", ["MaxFileMb"] = "500",
            ["MinDurationSeconds"] = "180", ["MaxDurationSeconds"] = "480", ["MinWidth"] = "1920", ["MinHeight"] = "1080",
        });
        Assert.Equal(HttpStatusCode.Redirect, film.StatusCode);
        var categories = await app.DbAsync(db => db.Categories.Where(c => c.ContestId == contest.Id).OrderBy(c => c.Code).ToListAsync());
        Assert.Equal([CategoryKind.Film, CategoryKind.Story], categories.Select(c => c.Kind));
        Assert.Equal(500L * 1024 * 1024, categories[0].MaxFileBytes);
        Assert.Equal(1920, categories[0].MinWidth);
        Assert.Equal(3000, categories[1].MaxLength);

        var page = WebUtility.HtmlDecode(await web.GetHtmlAsync($"/contests/{contest.Id}"));
        Assert.Contains("2027-09-30 23:59 (UTC+08:00)", page);
    }

    [Fact]
    public async Task A_contest_that_closes_before_it_opens_is_refused_with_the_reason_next_to_the_field()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var web = Browserless.For(app);
        await web.SignInAsync(organizer.Email!, AppFactory.TestPassword);
        var code = "C" + Random.Shared.Next(100000, 999999);
        var fields = ContestFields(code);
        fields["SubmissionClosesAt"] = "2027-02-01T00:00";
        fields["TimeZoneId"] = "Mars/Olympus";
        var response = await web.PostFormAsync("/manage/contests/new", "/manage/contests/save", fields);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("截止时间必须晚于开始时间", html);
        Assert.Contains("未知时区", html);
        Assert.Contains("2027年品牌故事大赛", html);
        Assert.False(await app.DbAsync(db => db.Contests.AnyAsync(c => c.Code == code)));
    }

    [Fact]
    public async Task An_organizer_cannot_see_or_change_another_organizers_contest()
    {
        var owner = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, owner);
        var other = await app.CreateUserAsync(Roles.Organizer);
        var web = Browserless.For(app);
        await web.SignInAsync(other.Email!, AppFactory.TestPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await web.Client.GetAsync($"/manage/contests/{contest.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await web.Client.GetAsync($"/manage/contests/{contest.Id}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await web.Client.GetAsync($"/manage/contests/{contest.Id}/entries.csv")).StatusCode);
        var fields = ContestFields(contest.Code);
        fields["Id"] = contest.Id.ToString();
        fields["TitleZh"] = "被篡改";
        var forged = await web.PostFormAsync("/manage/contests/new", "/manage/contests/save", fields);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal("测试品牌故事大赛", await app.DbAsync(db => db.Contests.Where(c => c.Id == contest.Id).Select(c => c.TitleZh).SingleAsync()));

        var entrant = await app.CreateUserAsync(Roles.Entrant);
        var entrantWeb = Browserless.For(app);
        await entrantWeb.SignInAsync(entrant.Email!, AppFactory.TestPassword);
        var denied = await entrantWeb.Client.GetAsync($"/manage/contests/{contest.Id}");
        Assert.Equal(HttpStatusCode.Redirect, denied.StatusCode);
    }

    [Fact]
    public async Task A_contest_cover_is_re_encoded_and_an_svg_is_refused()
    {
        var owner = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, owner);
        var web = Browserless.For(app);
        await web.SignInAsync(owner.Email!, AppFactory.TestPassword);
        var token = Browserless.AntiforgeryToken(await web.GetHtmlAsync($"/manage/contests/{contest.Id}"));

        async Task<HttpResponseMessage> Upload(byte[] bytes, string name)
        {
            var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(bytes), "file", name } };
            return await web.Client.PostAsync($"/manage/contests/{contest.Id}/cover", form);
        }

        await Upload(Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"), "cover.png");
        Assert.Null(await app.DbAsync(db => db.Contests.Where(c => c.Id == contest.Id).Select(c => c.CoverBlob).SingleAsync()));

        await Upload(await Clips.Png(800, 600), "封面.png");
        var cover = await app.CreateClient().GetAsync($"/contests/{contest.Id}/cover");
        Assert.Equal(HttpStatusCode.OK, cover.StatusCode);
        var jpeg = await cover.Content.ReadAsByteArrayAsync();
        Assert.True(jpeg is [0xFF, 0xD8, 0xFF, ..], "the stored cover is a JPEG made by the app, not the uploaded PNG");
    }
}
