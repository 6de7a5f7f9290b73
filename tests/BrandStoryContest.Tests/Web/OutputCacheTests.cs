using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Web;

public sealed class OutputCacheTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Visitors_get_public_pages_from_the_cache_per_language_and_signed_in_people_never_do()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var visitor = Browserless.For(app);
        Assert.Contains("测试品牌故事大赛", await visitor.GetHtmlAsync($"/contests/{contest.Id}"));
        Assert.DoesNotContain("__RequestVerificationToken", await visitor.GetHtmlAsync($"/contests/{contest.Id}"));

        await app.DbAsync(async db =>
        {
            var c = await db.Contests.SingleAsync(x => x.Id == contest.Id);
            c.TitleZh = "改过的标题";
            return await db.SaveChangesAsync();
        });
        Assert.Contains("测试品牌故事大赛", await visitor.GetHtmlAsync($"/contests/{contest.Id}")); // from the cache

        var signedIn = Browserless.For(app);
        await signedIn.SignInAsync(organizer.Email!, AppFactory.TestPassword);
        Assert.Contains("改过的标题", await signedIn.GetHtmlAsync($"/contests/{contest.Id}"));

        // Another language is another cache entry: the English visitor gets the English page.
        var english = Browserless.For(app);
        var switched = await english.Client.GetAsync($"/language?culture=en&returnUrl=/contests/{contest.Id}");
        Assert.Equal($"/contests/{contest.Id}", switched.Headers.Location!.ToString());
        var html = await english.GetHtmlAsync($"/contests/{contest.Id}");
        Assert.Contains("lang=\"en\"", html);
        Assert.Contains("Test brand story contest", html);
    }
}
