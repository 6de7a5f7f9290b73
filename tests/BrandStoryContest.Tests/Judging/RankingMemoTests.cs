using System.Globalization;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Contests;
using BrandStoryContest.Web.Features.Entries;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Features.PublicVote;
using BrandStoryContest.Web.Features.Screening;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Judging;

/// <summary>
/// The organizer's ranking is memoised under (round, method, the contest's data versions) (<see cref="RankingMemo"/>,
/// <see cref="BrandStoryContest.Web.Data.DataVersions"/>). These tests make each kind of write that moves a ranking and
/// check that the very next view equals a ranking computed afresh from the database, and that unchanged inputs hand back
/// the computed ranking itself.
/// </summary>
public sealed class RankingMemoTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly RankingPage FirstPage = new(null, new PageRequest(1, 50));

    [Fact]
    public async Task Same_inputs_give_the_very_same_ranking_from_the_memo()
    {
        var (scene, _) = await ScoredAsync();
        var first = await ViewAsync(scene);
        var again = await ViewAsync(scene);
        Assert.Same(first.Rows, again.Rows);
        Assert.Same(first.Judges, again.Judges);
        // Another page or a search of the same ranking is cut from the same rows.
        var searched = await ViewAsync(scene, page: new RankingPage(scene.Entries[2].Number, new PageRequest(1, 2)));
        Assert.Same(first.Rows, searched.Rows);
        Assert.Equal(scene.Entries[2].Id, Assert.Single(searched.Shown.Items).Ranked.EntryId);
        await AssertAsComputedAfreshAsync(scene, again);
    }

    [Fact]
    public async Task A_changed_score_shows_at_once()
    {
        var (scene, assignments) = await ScoredAsync();
        var before = await ViewAsync(scene);
        var lowest = before.Rows[^1].Ranked.EntryId;
        var a = assignments.First(x => x.EntryId == lowest);
        Assert.True((await JudgingScenes.ScoreAsync(app, scene.Judges.Single(j => j.Id == a.JudgeId), a, 10)).IsOk);

        var after = await ViewAsync(scene);
        Assert.NotSame(before.Rows, after.Rows);
        Assert.True(after.Rows.Single(r => r.Ranked.EntryId == lowest).Ranked.Score > before.Rows.Single(r => r.Ranked.EntryId == lowest).Ranked.Score);
        await AssertAsComputedAfreshAsync(scene, after);
    }

    [Fact]
    public async Task The_round_page_shows_a_changed_score_at_once()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 1, entries: 2, judgesPerEntry: 1);
        var assignments = await JudgingScenes.OpenAsync(app, scene);
        var first = (await JudgingScenes.ScoreAsync(app, scene.Judges[0], assignments[0], 2)).Value.Total!.Value;
        Assert.True((await JudgingScenes.ScoreAsync(app, scene.Judges[0], assignments[1], 5)).IsOk);
        var web = Browserless.For(app);
        await web.SignInAsync(scene.Organizer.Email!, AppFactory.TestPassword);
        Assert.Contains(first.ToString("0.00", CultureInfo.InvariantCulture), await web.Client.GetStringAsync($"/manage/rounds/{scene.RoundId}"));

        var changed = (await JudgingScenes.ScoreAsync(app, scene.Judges[0], assignments[0], 9)).Value.Total!.Value;
        var page = await web.Client.GetStringAsync($"/manage/rounds/{scene.RoundId}");
        Assert.Contains(changed.ToString("0.00", CultureInfo.InvariantCulture), page);
        Assert.DoesNotContain(first.ToString("0.00", CultureInfo.InvariantCulture), page);
    }

    [Fact]
    public async Task An_added_or_removed_assignment_shows_at_once()
    {
        var (scene, assignments) = await ScoredAsync();
        var entry = scene.Entries[0].Id;
        var judge = scene.Judges.First(j => !assignments.Any(a => a.EntryId == entry && a.JudgeId == j.Id));
        var before = await ViewAsync(scene);
        Assert.Equal(3, before.Rows.Single(r => r.Ranked.EntryId == entry).Assigned);

        Assert.True((await app.SendAsync(scene.Organizer, new AddAssignmentCommand(scene.RoundId, entry, judge.Id))).IsOk);
        var added = await ViewAsync(scene);
        Assert.Equal((4, 3), added.Rows.Single(r => r.Ranked.EntryId == entry) is var row ? (row.Assigned, row.Scored) : default);
        Assert.Equal(before.Judges.Single(j => j.JudgeId == judge.Id).Assigned + 1, added.Judges.Single(j => j.JudgeId == judge.Id).Assigned);
        await AssertAsComputedAfreshAsync(scene, added);

        var id = await app.DbAsync(db => db.Assignments.Where(a => a.RoundId == scene.RoundId && a.EntryId == entry && a.JudgeId == judge.Id).Select(a => a.Id).SingleAsync());
        Assert.True((await app.SendAsync(scene.Organizer, new RemoveAssignmentCommand(id))).IsOk);
        var removed = await ViewAsync(scene);
        Assert.Equal(3, removed.Rows.Single(r => r.Ranked.EntryId == entry).Assigned);
        await AssertAsComputedAfreshAsync(scene, removed);
    }

    [Fact]
    public async Task Withdrawn_disqualified_or_returned_entries_leave_the_ranking_at_once()
    {
        var (scene, _) = await ScoredAsync();
        await ViewAsync(scene);

        Assert.True((await app.SendAsync(scene.Entrants[0], new WithdrawEntryCommand(scene.Entries[0].Id))).IsOk);
        var withdrawn = await ViewAsync(scene);
        Assert.DoesNotContain(withdrawn.Rows, r => r.Ranked.EntryId == scene.Entries[0].Id);
        await AssertAsComputedAfreshAsync(scene, withdrawn);

        Assert.True((await app.SendAsync(scene.Organizer, new DisqualifyEntryCommand(scene.Entries[1].Id, "抄袭"))).IsOk);
        var disqualified = await ViewAsync(scene);
        Assert.DoesNotContain(disqualified.Rows, r => r.Ranked.EntryId == scene.Entries[1].Id);
        await AssertAsComputedAfreshAsync(scene, disqualified);

        Assert.True((await app.SendAsync(scene.Organizer, new ReturnEntryCommand(scene.Entries[2].Id, "请删去作者单位名称。", DateTime.UtcNow.AddDays(7)))).IsOk);
        var returned = await ViewAsync(scene);
        Assert.DoesNotContain(returned.Rows, r => r.Ranked.EntryId == scene.Entries[2].Id);
        Assert.Equal(3, returned.Rows.Count);
        await AssertAsComputedAfreshAsync(scene, returned);
    }

    [Fact]
    public async Task A_judges_new_name_shows_at_once()
    {
        var (scene, _) = await ScoredAsync();
        var before = await ViewAsync(scene);
        Assert.Contains(before.Judges, j => j.Name == "评委1");
        await app.DbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == scene.Judges[0].Id)).RealName = "评委甲";
            return await db.SaveChangesAsync();
        });
        var after = await ViewAsync(scene);
        Assert.Equal("评委甲", after.Judges.Single(j => j.JudgeId == scene.Judges[0].Id).Name);
        Assert.Equal("评委甲", after.JudgeNames[scene.Judges[0].Id]);
    }

    [Fact]
    public async Task Another_method_or_seed_is_its_own_ranking()
    {
        var (scene, _) = await ScoredAsync();
        var mean = await ViewAsync(scene);
        var z = await ViewAsync(scene, AggregationMethod.ZScoreMean);
        Assert.NotSame(mean.Rows, z.Rows);
        await AssertAsComputedAfreshAsync(scene, z, AggregationMethod.ZScoreMean);
        Assert.Same(z.Rows, (await ViewAsync(scene, AggregationMethod.ZScoreMean)).Rows);

        // The seed is only written by re-planning the round (a save, which bumps the version); the intervals are drawn from it.
        await app.DbAsync(async db => { (await db.Rounds.SingleAsync(r => r.Id == scene.RoundId)).Seed += 17; return await db.SaveChangesAsync(); });
        var reseeded = await ViewAsync(scene);
        Assert.NotSame(mean.Rows, reseeded.Rows);
        await AssertAsComputedAfreshAsync(scene, reseeded);
    }

    [Fact]
    public async Task A_vote_or_a_new_public_weight_moves_a_combined_ranking_at_once()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 3, entries: 3, judgesPerEntry: 3);
        var ids = scene.Entries.Select(e => e.Id).ToList();
        await app.DbAsync(db => db.Entries.Where(e => ids.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.ConsentsToPublication, true)));
        Assert.True((await SetVotingAsync(scene, 40)).IsOk);
        var (a, b, c) = (scene.Entries[0], scene.Entries[1], scene.Entries[2]);
        var values = new Dictionary<int, int> { [a.Id] = 9, [b.Id] = 7, [c.Id] = 5 };
        foreach (var x in await JudgingScenes.OpenAsync(app, scene))
            Assert.True((await JudgingScenes.ScoreAsync(app, scene.Judges.Single(j => j.Id == x.JudgeId), x, values[x.EntryId])).IsOk);
        await VotesAsync(scene, b, 2);
        // Jury 90, 70, 50; public A 0, B 100, C 0: combined A 54, B 82, C 30.
        var before = (await app.SendAsync(scene.Organizer, new RoundRankingQuery(scene.RoundId))).Value;
        Assert.Equal(new[] { b.Id, a.Id, c.Id }, before.Rows.Select(r => r.Ranked.EntryId));

        // C gets 4 votes: public A 0, B 50, C 100: combined A 54, B 62, C 70.
        await VotesAsync(scene, c, 4);
        var voted = (await app.SendAsync(scene.Organizer, new RoundRankingQuery(scene.RoundId))).Value;
        Assert.Equal(new[] { c.Id, b.Id, a.Id }, voted.Rows.Select(r => r.Ranked.EntryId));
        Assert.Equal(new[] { 70.0, 62.0, 54.0 }, voted.Rows.Select(r => r.Ranked.Score));
        Assert.Equal(4, voted.PublicVote!.MaxVotes);

        // A public weight of zero: the jury alone.
        Assert.True((await SetVotingAsync(scene, 0)).IsOk);
        var jury = (await app.SendAsync(scene.Organizer, new RoundRankingQuery(scene.RoundId))).Value;
        Assert.Equal(new[] { a.Id, b.Id, c.Id }, jury.Rows.Select(r => r.Ranked.EntryId));
        Assert.All(jury.Rows, r => Assert.Null(r.Hybrid));
    }

    private Task<Result<Result.Done>> SetVotingAsync(JudgingScene scene, int publicPercent)
    {
        var now = DateTimeOffset.UtcNow;
        return app.SendAsync(scene.Organizer, new SetPublicVoteCommand
        {
            RoundId = scene.RoundId, PublicWeightPercent = publicPercent,
            VotingOpens = ContestTime.ToLocal(now - TimeSpan.FromHours(1), scene.Contest.TimeZoneId).DateTime,
            VotingCloses = ContestTime.ToLocal(now + TimeSpan.FromHours(1), scene.Contest.TimeZoneId).DateTime,
        });
    }

    private async Task VotesAsync(JudgingScene scene, Entry entry, int count)
    {
        for (var i = 0; i < count; i++)
            Assert.True((await app.SendAsync(await app.CreateUserAsync(Roles.Entrant), new CastRoundVoteCommand(scene.RoundId, entry.Id, "198.51.100.7"))).IsOk);
    }

    /// <summary>Four judges, six entries, three judges each, every sheet scored with a different value.</summary>
    private async Task<(JudgingScene, List<Assignment>)> ScoredAsync()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 4, entries: 6, judgesPerEntry: 3);
        var assignments = await JudgingScenes.OpenAsync(app, scene, seed: 5);
        foreach (var (a, i) in assignments.Select((a, i) => (a, i)))
            Assert.True((await JudgingScenes.ScoreAsync(app, scene.Judges.Single(j => j.Id == a.JudgeId), a, 1 + (i * 7 + scene.Entries.ToList().FindIndex(e => e.Id == a.EntryId)) % 10)).IsOk);
        return (scene, assignments);
    }

    /// <summary>What the round page asks for: the ranking with its intervals, one page of it.</summary>
    private async Task<RoundRankingView> ViewAsync(JudgingScene scene, AggregationMethod? method = null, RankingPage? page = null)
    {
        var result = await app.SendAsync(scene.Organizer, new RoundRankingQuery(scene.RoundId, method, WithUncertainty: true, page ?? FirstPage));
        Assert.True(result.IsOk);
        return result.Value;
    }

    /// <summary>The view against a ranking and intervals computed here from the database as it is now, without the memo.</summary>
    private async Task AssertAsComputedAfreshAsync(JudgingScene scene, RoundRankingView view, AggregationMethod method = AggregationMethod.Mean)
    {
        var (assignments, states, seed) = await app.DbAsync(async db => (
            await db.Assignments.AsNoTracking().Where(a => a.RoundId == scene.RoundId)
                .Select(a => new { a.EntryId, a.JudgeId, a.Total, JudgeName = a.Judge.RealName }).ToListAsync(),
            await db.Entries.Where(e => e.ContestId == scene.Contest.Id).ToDictionaryAsync(e => e.Id, e => e.State),
            await db.Rounds.Where(r => r.Id == scene.RoundId).Select(r => r.Seed).SingleAsync()));
        var scores = assignments.Where(a => a.Total is not null && states[a.EntryId] == EntryState.Submitted)
            .Select(a => new JudgeScore(a.EntryId, a.JudgeId, a.Total!.Value)).ToList();
        var expected = ScoreAggregation.Rank(scores, method);
        Assert.Equal(expected.Select(r => (r.EntryId, r.Rank, Math.Round(r.Score, 9))), view.Rows.Select(r => (r.Ranked.EntryId, r.Ranked.Rank, Math.Round(r.Ranked.Score, 9))));
        Assert.All(view.Rows, r => Assert.Equal(
            (assignments.Count(a => a.EntryId == r.Ranked.EntryId), assignments.Count(a => a.EntryId == r.Ranked.EntryId && a.Total is not null)), (r.Assigned, r.Scored)));
        Assert.Equal(assignments.GroupBy(a => a.JudgeId).Select(g => (g.Key, g.Count())).Order(), view.Judges.Select(j => (j.JudgeId, j.Assigned)).Order());
        var intervals = RankingUncertainty.Intervals(expected, method, seed);
        Assert.Equal(intervals.OrderBy(i => i.EntryId), view.Intervals.Values.OrderBy(i => i.EntryId));
    }
}
