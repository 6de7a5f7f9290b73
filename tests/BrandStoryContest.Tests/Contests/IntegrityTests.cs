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

        var view = await app.SendAsync(organizer, new IntegrityReportQuery(current.Id));
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
        Assert.Null(await app.SendAsync(stranger, new IntegrityReportQuery(current.Id)));
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

        Assert.NotNull(await app.SendAsync(scene.Organizer, new RedactStoryCommand(entry.Id, "我在参赛企业1做质检。")));
        var stranger = await app.CreateUserAsync(Roles.Organizer);
        Assert.NotNull(await app.SendAsync(stranger, new RedactStoryCommand(entry.Id, "我在某企业工作了十年。")));
        Assert.Null(await app.SendAsync(scene.Organizer, new RedactStoryCommand(entry.Id, "我在某企业工作了十年，见证了品牌的成长。")));

        await app.SendAsync(scene.Organizer, new AssignJudgesCommand(scene.RoundId));
        await app.SendAsync(scene.Organizer, new ChangeRoundStateCommand(scene.RoundId, RoundState.Open));
        var a = (await JudgingScenes.AssignmentsAsync(app, scene.RoundId)).Single();
        var sheet = await app.SendAsync(scene.Judges[0], new ScoreSheetQuery(a.Id, Languages.Chinese));
        Assert.Contains("某企业", sheet!.SafeStoryHtml);
        Assert.DoesNotContain("参赛企业1", sheet.SafeStoryHtml);
        Assert.Equal(leaking, await app.DbAsync(db => db.Entries.Where(e => e.Id == entry.Id).Select(e => e.Body).SingleAsync())); // the original is kept
    }
}
