using System.Net;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Tests.Judging;
using BrandStoryContest.Web.Features.Integrity;
using BrandStoryContest.Web.Features.Judging;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Contests;

public sealed class IntegrityTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task The_organizer_sees_a_copy_of_an_earlier_contests_story_and_a_story_naming_its_author()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var earlier = await TestData.ContestAsync(app, organizer, c => { c.SubmissionOpensAt = DateTimeOffset.UtcNow.AddYears(-1); c.SubmissionClosesAt = DateTimeOffset.UtcNow.AddYears(-1).AddDays(30); });
        var current = await TestData.ContestAsync(app, organizer);
        var veteran = await app.CreateUserAsync(Roles.Entrant, realName: "赵老师", organization: "江城茶厂");
        var copier = await app.CreateUserAsync(Roles.Entrant, realName: "钱同学", organization: "江城大学");
        var honest = await app.CreateUserAsync(Roles.Entrant, realName: "孙晓", organization: "海川电器股份有限公司");
        const string story = "清晨五点，古镇的茶园还笼着薄雾。采茶人背着竹篓上山，一芽一叶都要亲手掐下。制茶的老人说，火候差一分，味道就差十分。这家百年茶庄从不赶工。";
        await app.DbAsync(async db =>
        {
            Entry Story(Contest c, Account who, string title, string body, int n) => new()
            {
                ContestId = c.Id, CategoryId = c.Categories.First(x => x.Kind == CategoryKind.Story).Id, EntrantId = who.Id, State = EntryState.Submitted,
                Number = $"{c.Code}-S-{n:D4}", Title = title, Body = body, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            };
            db.Entries.AddRange(
                Story(earlier, veteran, "茶园清晨", story, 1),
                Story(current, copier, "古镇茶香", story.Replace("百年", "两百年"), 1),
                Story(current, honest, "我的工厂", "我在海川电器做质检已经十年，每台产品都要过我这一关。", 2));
            return await db.SaveChangesAsync();
        });

        var view = (await app.SendAsync(organizer, new IntegrityReportQuery(current.Id))).Value;
        var pair = Assert.Single(view!.Similar);
        Assert.Equal(new[] { "古镇茶香", "茶园清晨" }, new[] { pair.A.Title, pair.B.Title }.Order());
        var leak = Assert.Single(view.Leaks);
        Assert.Equal("我的工厂", leak.Story.Title);
        Assert.Equal("海川电器", leak.Passages.Single().Term);

        var web = Browserless.For(app);
        await web.SignInAsync(organizer.Email!, AppFactory.TestPassword);
        var html = await web.GetHtmlAsync($"/manage/contests/{current.Id}/integrity");
        Assert.Contains("<mark>", html);
        Assert.Contains("id=\"similar-count\">1<", html);

        var stranger = await app.CreateUserAsync(Roles.Organizer);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(stranger, new IntegrityReportQuery(current.Id))).Outcome);
        var other = Browserless.For(app);
        await other.SignInAsync(stranger.Email!, AppFactory.TestPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/manage/contests/{current.Id}/integrity")).StatusCode);
    }

    [Fact]
    public async Task Judges_read_the_redacted_copy_and_a_copy_that_still_names_the_author_is_refused()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 1, entries: 1, judgesPerEntry: 1);
        var entry = scene.Entries[0];
        const string leaking = "我在参赛企业1工作了十年，见证了品牌的成长。";
        await app.DbAsync(async db => { (await db.Entries.SingleAsync(e => e.Id == entry.Id)).Body = leaking; return await db.SaveChangesAsync(); });

        Assert.Equal(Outcome.Refused, (await app.SendAsync(scene.Organizer, new RedactStoryCommand(entry.Id, "我在参赛企业1做质检。"))).Outcome);
        var stranger = await app.CreateUserAsync(Roles.Organizer);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(stranger, new RedactStoryCommand(entry.Id, "我在某企业工作了十年。"))).Outcome);
        Assert.True((await app.SendAsync(scene.Organizer, new RedactStoryCommand(entry.Id, "我在某企业工作了十年，见证了品牌的成长。"))).IsOk);

        var a = (await JudgingScenes.OpenAsync(app, scene)).Single();
        var sheet = (await app.SendAsync(scene.Judges[0], new ScoreSheetQuery(a.Id, Languages.Chinese))).Value;
        Assert.Contains("某企业", sheet.SafeStoryHtml);
        Assert.DoesNotContain("参赛企业1", sheet.SafeStoryHtml);
        Assert.Equal(leaking, await app.DbAsync(db => db.Entries.Where(e => e.Id == entry.Id).Select(e => e.Body).SingleAsync())); // the original is kept
    }

    // Its own text: the fixture's database is shared, and every earlier contest is compared.
    private const string TeaStory = "傍晚的瓷窑还冒着热气。拉坯的师傅一天只做十只碗，釉色不匀的都要敲碎重来。他说，窑火不等人，手艺更不能等。这座老窑厂守了六十年。";

    private Task<int> AddStoryAsync(Contest c, Account who, string title, string body, int n) => app.DbAsync(async db =>
    {
        var e = new Entry
        {
            ContestId = c.Id, CategoryId = c.Categories.First(x => x.Kind == CategoryKind.Story).Id, EntrantId = who.Id, State = EntryState.Submitted,
            Number = $"{c.Code}-S-{n:D4}", Title = title, Body = body, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.Entries.Add(e);
        await db.SaveChangesAsync();
        return e.Id;
    });

    [Fact]
    public async Task A_match_in_another_organizers_earlier_contest_shows_only_its_number_contest_and_similarity()
    {
        var rival = await app.CreateUserAsync(Roles.Organizer);
        var earlier = await TestData.ContestAsync(app, rival, c =>
        {
            c.TitleZh = "别家往届大赛"; c.SubmissionOpensAt = DateTimeOffset.UtcNow.AddYears(-1); c.SubmissionClosesAt = DateTimeOffset.UtcNow.AddYears(-1).AddDays(30);
        });
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var current = await TestData.ContestAsync(app, organizer);
        var veteran = await app.CreateUserAsync(Roles.Entrant, realName: "欧阳秘密", organization: "隐秘茶业");
        var copier = await app.CreateUserAsync(Roles.Entrant, realName: "钱同学");
        const string secret = "只在别家出现的独特结尾句子";
        await AddStoryAsync(earlier, veteran, "别家的瓷窑标题", TeaStory + secret, 7);
        await AddStoryAsync(current, copier, "老窑新火", TeaStory.Replace("六十年", "整整六十年"), 1);

        var view = (await app.SendAsync(organizer, new IntegrityReportQuery(current.Id))).Value;
        var pair = Assert.Single(view!.Similar);
        Assert.Equal("老窑新火", pair.A.Title);
        Assert.False(pair.B.Visible);
        Assert.Equal($"{earlier.Code}-S-0007", pair.B.Number);
        Assert.Equal("别家往届大赛", pair.B.ContestTitle);
        Assert.Equal("", pair.B.Body);
        Assert.Empty(pair.InB);

        var web = Browserless.For(app);
        await web.SignInAsync(organizer.Email!, AppFactory.TestPassword);
        var html = System.Net.WebUtility.HtmlDecode(await web.GetHtmlAsync($"/manage/contests/{current.Id}/integrity"));
        Assert.Contains($"{earlier.Code}-S-0007", html);
        Assert.Contains("别家往届大赛", html);
        foreach (var hidden in new[] { secret, "别家的瓷窑标题", "欧阳秘密", "隐秘茶业" }) Assert.DoesNotContain(hidden, html);

        // The organizer who runs both contests sees both sides in full.
        var both = (await app.SendAsync(rival, new IntegrityReportQuery(earlier.Id))).Value;
        Assert.Empty(both!.Similar); // the earlier contest is not compared with later ones
    }

    [Fact]
    public async Task The_threshold_has_a_floor_that_a_hand_made_url_cannot_lower()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var current = await TestData.ContestAsync(app, organizer);
        var a = await app.CreateUserAsync(Roles.Entrant);
        var b = await app.CreateUserAsync(Roles.Entrant);
        // Two stories sharing only a little phrasing: about 10% of their 4-character sequences.
        await AddStoryAsync(current, a, "甲", "质量是企业的生命线，我们每天都在检验每一个零件，从清晨一直忙到深夜灯火通明。", 1);
        await AddStoryAsync(current, b, "乙", "质量是企业的生命线，老师傅带着徒弟练习焊接，火花飞溅中他讲起了三十年前的往事。", 2);
        var low = (await app.SendAsync(organizer, new IntegrityReportQuery(current.Id, 0.01))).Value;
        Assert.Equal(IntegrityReportHandler.MinThreshold, low!.Threshold);
        Assert.True(low.ThresholdRaised);
        Assert.Empty(low.Similar);
        Assert.Equal(IntegrityReportHandler.DefaultThreshold, (await app.SendAsync(organizer, new IntegrityReportQuery(current.Id, double.NaN))).Value.Threshold, 3);

        var web = Browserless.For(app);
        await web.SignInAsync(organizer.Email!, AppFactory.TestPassword);
        var html = await web.GetHtmlAsync($"/manage/contests/{current.Id}/integrity?threshold=0.01");
        Assert.Contains("id=\"threshold-raised\"", html);
        Assert.Contains("id=\"similar-count\">0<", html);
    }

    [Fact]
    public async Task A_film_whose_credits_synopsis_or_director_name_the_entrant_shows_in_the_leak_report()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var maker = await app.CreateUserAsync(Roles.Entrant, realName: "刘一鸣", organization: "江城影像工作室");
        var other = await app.CreateUserAsync(Roles.Entrant, realName: "陈默", organization: "海川电器");
        var films = contest.Categories.Single(c => c.Kind == CategoryKind.Film).Id;
        await app.DbAsync(async db =>
        {
            Entry Film(Account who, string title, string synopsis, string credits, string director, int n) => new()
            {
                ContestId = contest.Id, CategoryId = films, EntrantId = who.Id, State = EntryState.Submitted, Number = $"{contest.Code}-F-{n:D4}",
                Title = title, Synopsis = synopsis, Credits = credits, Director = director, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            };
            db.Entries.AddRange(
                Film(maker, "匠心", "一位老师傅的三十年。", "摄影：江城影像工作室", "导演组", 1),
                Film(other, "灯火", "工厂夜班的一夜。", "摄影：小王", "陈默", 2),
                Film(other, "晨光", "清晨的生产线。", "摄影：小李", "导演组", 3));
            return await db.SaveChangesAsync();
        });
        var view = (await app.SendAsync(organizer, new IntegrityReportQuery(contest.Id))).Value;
        var leaks = view!.Leaks.ToDictionary(l => l.Story.Title);
        Assert.Equal(new[] { "匠心", "灯火" }, leaks.Keys.Order());
        Assert.Equal("江城影像工作室", leaks["匠心"].Passages.Single().Term);
        Assert.Equal("陈默", leaks["灯火"].Passages.Single().Term);
        Assert.All(leaks.Values, l => Assert.Equal(CategoryKind.Film, l.Story.Kind));

        var web = Browserless.For(app);
        await web.SignInAsync(organizer.Email!, AppFactory.TestPassword);
        var html = await web.GetHtmlAsync($"/manage/contests/{contest.Id}/integrity");
        Assert.Contains("id=\"leak-count\">2<", html);
        Assert.DoesNotContain($"/manage/entries/{leaks["匠心"].Story.Id}/redact", html); // the story redaction form is for stories
    }
}
