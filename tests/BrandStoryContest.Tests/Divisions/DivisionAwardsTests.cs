using BrandStoryContest.Tests.Awards;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Awards;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Divisions;

/// <summary>
/// Issue 20.4: a division's results are its own contest's awards, and its certificates say which division gave them
/// ("江城赛区一等奖"); they verify on the public page like any certificate. (The final's own certificates are checked in
/// the browser by DivisionScenario.)
/// </summary>
public sealed class DivisionAwardsTests(AwardsApp app) : IClassFixture<AwardsApp>
{
    [Fact]
    public async Task A_divisions_certificates_name_the_division_in_the_award_and_verify()
    {
        var s = await DivisionScenes.SceneAsync(app);
        var stories = s.A.Categories.Single(c => c.Code == "S");
        var entries = await DivisionScenes.StoriesAsync(app, s.A, s.OrganizerA, [9, 5], finalize: true, DateTimeOffset.UtcNow);
        var tiers = await app.DbAsync(async db =>
        {
            // One first and one second prize, so the two stories need no tie-break.
            var t = await db.AwardTiers.Where(x => x.CategoryId == stories.Id).OrderBy(x => x.Order).ToListAsync();
            for (var i = 0; i < t.Count; i++) t[i].Quota = i < 2 ? 1 : 0;
            foreach (var e in db.Entries.Where(e => e.ContestId == s.A.Id)) e.ConsentsToPublication = true;
            await db.SaveChangesAsync();
            return t;
        });
        Assert.Equal("江城赛区一等奖", tiers[0].NameZh);

        Assert.True((await app.SendAsync(s.OrganizerA, new ProposeAwardsCommand(stories.Id))).IsOk);
        Assert.True((await app.SendAsync(s.OrganizerA, new PublishResultsCommand(s.A.Id))).IsOk);
        Assert.True((await app.SendAsync(s.OrganizerA, new IssueCertificatesCommand(s.A.Id))).IsOk);
        var progress = await Eventually.Async(() => app.SendAsync(s.OrganizerA, new CertificateProgressQuery(s.A.Id)),
            p => p.Value.State is "Done" or "Failed", TimeSpan.FromSeconds(60), "the division's certificate job finishes");
        Assert.Equal("Done", progress.Value.State);

        var first = await app.DbAsync(db => db.Certificates.Include(c => c.Award).SingleAsync(c => c.Award.EntryId == entries[0].Id));
        Assert.Equal(tiers[0].Id, first.Award.TierId);
        var page = await Browserless.For(app).GetHtmlAsync($"/certificates/verify/{first.Number}");
        Assert.Contains("data-status=\"valid\"", page);
        Assert.Contains("江城赛区一等奖", page);
        Assert.Contains(entries[0].Title, page);
        // The final's organizer gave nothing here: the division's certificate is the division's alone.
        Assert.False(await app.DbAsync(db => db.Awards.AnyAsync(a => a.Entry.ContestId == s.Final.Id)));
    }
}
