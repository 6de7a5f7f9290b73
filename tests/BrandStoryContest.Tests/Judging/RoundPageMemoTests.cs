using System.Text.RegularExpressions;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Awards;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Judging;

/// <summary>
/// The round page keeps its header (the round with its category, contest and criteria) and the award tiers' quotas under
/// the data versions, and renders its ranking table once per kept ranking; the category's judging page keeps its category,
/// panel, judges, conflicts and rounds. Each test writes what such a page shows and checks that the very next view shows
/// it, here and on another instance over the same database, and that the organizer's right to the contest is asked on
/// every view.
/// </summary>
public sealed partial class RoundPageMemoTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task New_and_changed_award_tiers_move_the_round_pages_cutoffs_at_once()
    {
        var scene = await TiedSceneAsync(app);
        var first = await RoundAsync(scene);
        Assert.Empty(first.Ranking.UncertainCutoffs);
        Assert.Same(first.Ranking.Round, (await RoundAsync(scene)).Ranking.Round);

        // The default tiers (1, 3, 5, 20): cut-offs after ranks 1, 4, 9 and 29, of which 1 and 4 fall inside six tied entries.
        Assert.True((await app.SendAsync(scene.Organizer, new EnsureAwardTiersCommand(scene.Contest.Id))).IsOk);
        Assert.Equal(new[] { 1, 4 }, (await RoundAsync(scene)).Ranking.UncertainCutoffs);

        var firstPrize = await app.DbAsync(db => db.AwardTiers.AsNoTracking().SingleAsync(t => t.CategoryId == scene.Stories.Id && t.Order == 1));
        Assert.True((await app.SendAsync(scene.Organizer, new SaveTierCommand
        {
            TierId = firstPrize.Id, CategoryId = scene.Stories.Id, NameZh = firstPrize.NameZh, NameEn = firstPrize.NameEn, Quota = 2, Order = 1,
        })).IsOk);
        Assert.Equal(new[] { 2, 5 }, (await RoundAsync(scene)).Ranking.UncertainCutoffs);
    }

    [Fact]
    public async Task A_renamed_round_and_a_new_owner_show_on_the_round_page_at_once()
    {
        var scene = await TiedSceneAsync(app);
        Assert.Equal("初评", (await RoundAsync(scene)).Ranking.Round.Name);

        await app.DbAsync(async db => { (await db.Rounds.SingleAsync(r => r.Id == scene.RoundId)).Name = "复评"; return await db.SaveChangesAsync(); });
        Assert.Equal("复评", (await RoundAsync(scene)).Ranking.Round.Name);

        // Another organizer is refused the kept round, and once the contest is handed over the first one is.
        var other = await app.CreateUserAsync(Roles.Organizer);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(other, Query(scene))).Outcome);
        await app.DbAsync(async db => { (await db.Contests.SingleAsync(c => c.Id == scene.Contest.Id)).OwnerId = other.Id; return await db.SaveChangesAsync(); });
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(scene.Organizer, Query(scene))).Outcome);
        Assert.True((await app.SendAsync(other, Query(scene))).IsOk);
    }

    [Fact]
    public async Task Panel_judges_and_a_renamed_category_show_on_the_judging_setup_at_once()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 3, entries: 2, judgesPerEntry: 2);
        var first = await SetupAsync(scene, scene.Organizer);
        Assert.All(first.Pool, j => Assert.True(j.OnPanel));
        Assert.Same(first.Category, (await SetupAsync(scene, scene.Organizer)).Category);

        Assert.True((await app.SendAsync(scene.Organizer, new SetPanelCommand { CategoryId = scene.Stories.Id, JudgeIds = [scene.Judges[0].Id] })).IsOk);
        Assert.Equal([scene.Judges[0].Id], (await SetupAsync(scene, scene.Organizer)).Pool.Where(j => j.OnPanel).Select(j => j.Id));

        var newcomer = await app.CreateUserAsync(Roles.Judge, realName: "新来的评委");
        await app.DbAsync(db => { db.ContestJudges.Add(new ContestJudge { ContestId = scene.Contest.Id, JudgeId = newcomer.Id }); return db.SaveChangesAsync(); });
        Assert.Contains((await SetupAsync(scene, scene.Organizer)).Pool, j => j.Id == newcomer.Id && j.Name == "新来的评委" && !j.OnPanel);

        await app.DbAsync(async db => { (await db.Categories.SingleAsync(c => c.Id == scene.Stories.Id)).NameZh = "改名的组别"; return await db.SaveChangesAsync(); });
        Assert.Equal("改名的组别", (await SetupAsync(scene, scene.Organizer)).Category.NameZh);

        var other = await app.CreateUserAsync(Roles.Organizer);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(other, new JudgingSetupQuery(scene.Stories.Id))).Outcome);
        await app.DbAsync(async db => { (await db.Contests.SingleAsync(c => c.Id == scene.Contest.Id)).OwnerId = other.Id; return await db.SaveChangesAsync(); });
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(scene.Organizer, new JudgingSetupQuery(scene.Stories.Id))).Outcome);
        Assert.True((await app.SendAsync(other, new JudgingSetupQuery(scene.Stories.Id))).IsOk);
    }

    [Fact]
    public async Task The_ranking_table_is_rendered_once_per_kept_ranking_and_page()
    {
        var scene = await TiedSceneAsync(app);
        var organizer = Browserless.For(app);
        await organizer.SignInAsync(scene.Organizer.Email!, AppFactory.TestPassword);
        var round = $"/manage/rounds/{scene.RoundId}?size=2";
        var first = RankingTable(await organizer.GetHtmlAsync(round));
        Assert.Equal(first, RankingTable(await organizer.GetHtmlAsync(round)));
        // The page is in the fragment's part: page 2 shows other entries, and the search narrows to one.
        Assert.NotEqual(first, RankingTable(await organizer.GetHtmlAsync(round + "&page=2")));
        Assert.Single(Regex.Matches(RankingTable(await organizer.GetHtmlAsync(round + $"&q={scene.Entries[5].Number}")), "<td class=\"fw-semibold\">"));
        // A score changes the kept ranking, hence the fragment.
        var assignment = (await JudgingScenes.AssignmentsAsync(app, scene.RoundId)).First();
        await app.DbAsync(async db => { (await db.Assignments.SingleAsync(a => a.Id == assignment.Id)).Total = 99; return await db.SaveChangesAsync(); });
        Assert.Contains(" 99.0", RankingTable(await organizer.GetHtmlAsync($"/manage/rounds/{scene.RoundId}")));
    }

    [Fact]
    public async Task A_tier_a_round_name_and_a_panel_changed_on_one_instance_show_on_the_others_pages_at_once()
    {
        await using var instances = await SecondInstance.StartAsync(app.StorageConnectionString, "round-memo");
        var here = instances.Here;
        var scene = await TiedSceneAsync(here);
        Assert.True((await here.SendAsync(scene.Organizer, new EnsureAwardTiersCommand(scene.Contest.Id))).IsOk);
        var organizer = await instances.SignedInThereAsync(scene.Organizer);
        var roundPage = $"/manage/rounds/{scene.RoundId}";
        var setupPage = $"/manage/categories/{scene.Stories.Id}/judging";
        var before = await organizer.GetHtmlAsync(roundPage);
        Assert.Equal("1, 4", Cutoffs(before));
        Assert.Contains("初评", before);
        Assert.Contains($"id=\"judge-{scene.Judges[2].Id}\" checked", await organizer.GetHtmlAsync(setupPage));

        var firstPrize = await here.DbAsync(db => db.AwardTiers.AsNoTracking().SingleAsync(t => t.CategoryId == scene.Stories.Id && t.Order == 1));
        Assert.True((await here.SendAsync(scene.Organizer, new SaveTierCommand
        {
            TierId = firstPrize.Id, CategoryId = scene.Stories.Id, NameZh = firstPrize.NameZh, NameEn = firstPrize.NameEn, Quota = 2, Order = 1,
        })).IsOk);
        // Each change viewed on its own, so that no other write's bump shows it.
        Assert.Equal("2, 5", Cutoffs(await organizer.GetHtmlAsync(roundPage)));
        await here.DbAsync(async db => { (await db.Rounds.SingleAsync(r => r.Id == scene.RoundId)).Name = "复评"; return await db.SaveChangesAsync(); });
        var after = await organizer.GetHtmlAsync(roundPage);
        Assert.Contains("复评", after);
        Assert.DoesNotContain("初评", after);
        Assert.Contains($"id=\"judge-{scene.Judges[2].Id}\" checked", await organizer.GetHtmlAsync(setupPage));
        Assert.True((await here.SendAsync(scene.Organizer, new SetPanelCommand { CategoryId = scene.Stories.Id, JudgeIds = [scene.Judges[0].Id, scene.Judges[1].Id] })).IsOk);
        var setup = await organizer.GetHtmlAsync(setupPage);
        Assert.DoesNotContain($"id=\"judge-{scene.Judges[2].Id}\" checked", setup);
        Assert.Contains($"id=\"judge-{scene.Judges[1].Id}\" checked", setup);
    }

    [Fact]
    public async Task Two_databases_with_the_same_round_at_the_same_versions_each_show_their_own()
    {
        // Two fresh databases made alike: the same round id, and data versions that are the same small counters in both.
        // Instances in one process share the kept values, so only the database in the key tells the two rounds apart.
        await using var first = new AppFactory();
        await using var second = new AppFactory();
        var scenes = new List<JudgingScene>();
        foreach (var (on, name) in new[] { (first, "甲库的轮次"), (second, "乙库的轮次") })
        {
            var scene = await TiedSceneAsync(on);
            await on.DbAsync(async db => { (await db.Rounds.SingleAsync(r => r.Id == scene.RoundId)).Name = name; return await db.SaveChangesAsync(); });
            scenes.Add(scene);
        }
        Assert.Equal(scenes[0].RoundId, scenes[1].RoundId);
        Assert.Equal(await first.DbAsync(db => DataVersions.ForRoundAsync(db, scenes[0].RoundId, default)),
            await second.DbAsync(db => DataVersions.ForRoundAsync(db, scenes[1].RoundId, default)));

        Assert.Equal("甲库的轮次", (await first.SendAsync(scenes[0].Organizer, Query(scenes[0]))).Value.Ranking.Round.Name);
        Assert.Equal("乙库的轮次", (await second.SendAsync(scenes[1].Organizer, Query(scenes[1]))).Value.Ranking.Round.Name);
        Assert.Equal(Outcome.NotFound, (await second.SendAsync(await second.CreateUserAsync(Roles.Organizer), Query(scenes[1]))).Outcome);
    }

    /// <summary>Six entries, three judges, two per entry, every assignment scored the same: every neighbour's interval overlaps.</summary>
    private static async Task<JudgingScene> TiedSceneAsync(AppFactory on)
    {
        var scene = await JudgingScenes.CreateAsync(on, judges: 3, entries: 6, judgesPerEntry: 2);
        foreach (var a in await JudgingScenes.OpenAsync(on, scene))
            Assert.True((await JudgingScenes.ScoreAsync(on, scene.Judges.Single(j => j.Id == a.JudgeId), a, 7)).IsOk);
        return scene;
    }

    private static RoundPageQuery Query(JudgingScene scene) =>
        new(scene.RoundId, null, new RankingPage(null, new PageRequest()), new AssignmentFilter(), new PageRequest());

    private async Task<RoundPageView> RoundAsync(JudgingScene scene)
    {
        var result = await app.SendAsync(scene.Organizer, Query(scene));
        Assert.True(result.IsOk);
        return result.Value;
    }

    private async Task<JudgingSetupView> SetupAsync(JudgingScene scene, Account organizer)
    {
        var result = await app.SendAsync(organizer, new JudgingSetupQuery(scene.Stories.Id));
        Assert.True(result.IsOk);
        return result.Value;
    }

    /// <summary>The ranks after which the page warns that the cut-off is uncertain ("" when it does not).</summary>
    private static string Cutoffs(string html) =>
        UncertainCutoffs().Match(html) is { Success: true } m ? Regex.Match(m.Groups[1].Value, @"\d+(, \d+)*(?=[^\d]*$)").Value : "";

    private static string RankingTable(string html) => RankingTableHtml().Match(html).Value;

    [GeneratedRegex("id=\"uncertain-cutoffs\">([^<]*)<")]
    private static partial Regex UncertainCutoffs();

    [GeneratedRegex("<table class=\"table table-sm align-middle\" id=\"ranking\">.*?</table>", RegexOptions.Singleline)]
    private static partial Regex RankingTableHtml();
}
