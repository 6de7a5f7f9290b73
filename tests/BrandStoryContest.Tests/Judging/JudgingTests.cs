using System.Net;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Judging;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Judging;

public sealed class JudgingTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Auto_assignment_gives_every_entry_k_judges_balanced_and_never_across_an_organization()
    {
        // Judge 1 works where entrant 1 works: that pair must never meet.
        var scene = await JudgingScenes.CreateAsync(app, judges: 4, entries: 6, judgesPerEntry: 3,
            judgeOrganization: i => i == 0 ? "海川电器" : null, entrantOrganization: i => i == 0 ? " 海川电器 " : null);
        var result = await app.SendAsync(scene.Organizer, new AssignJudgesCommand(scene.RoundId, Seed: 7));
        Assert.Empty(result.Value.Uncovered);
        var assignments = await JudgingScenes.AssignmentsAsync(app, scene.RoundId);
        Assert.All(scene.Entries, e => Assert.Equal(3, assignments.Count(a => a.EntryId == e.Id)));
        Assert.DoesNotContain(assignments, a => a.EntryId == scene.Entries[0].Id && a.JudgeId == scene.Judges[0].Id);
        var loads = scene.Judges.Select(j => assignments.Count(a => a.JudgeId == j.Id)).ToList();
        Assert.True(loads.Max() - loads.Min() <= 1, $"loads {string.Join(",", loads)}");

        // Same seed, same plan.
        var again = await app.SendAsync(scene.Organizer, new AssignJudgesCommand(scene.RoundId, Seed: 7));
        var replanned = await JudgingScenes.AssignmentsAsync(app, scene.RoundId);
        Assert.Equal(assignments.Select(a => (a.EntryId, a.JudgeId)).Order(), replanned.Select(a => (a.EntryId, a.JudgeId)).Order());
        Assert.Equal(result.Value.Assigned, again.Value.Assigned);
    }

    [Fact]
    public async Task Too_few_free_judges_are_reported_per_entry_not_thrown()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 2, entries: 2, judgesPerEntry: 3);
        var result = await app.SendAsync(scene.Organizer, new AssignJudgesCommand(scene.RoundId));
        Assert.Equal(2, result.Value.Uncovered.Count);
        Assert.All(result.Value.Uncovered, u => Assert.Equal((2, 3), (u.Assigned, u.Needed)));
    }

    [Fact]
    public async Task Judges_score_while_open_the_ranking_follows_and_closing_locks_scores()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 3, entries: 3, judgesPerEntry: 3);
        await app.SendAsync(scene.Organizer, new AssignJudgesCommand(scene.RoundId));
        var assignments = await JudgingScenes.AssignmentsAsync(app, scene.RoundId);

        // Before the round opens nothing can be scored.
        var early = await JudgingScenes.ScoreAsync(app, scene.Judges[0], assignments.First(a => a.JudgeId == scene.Judges[0].Id), 8);
        Assert.False(early.IsOk);

        Assert.True((await app.SendAsync(scene.Organizer, new ChangeRoundStateCommand(scene.RoundId, RoundState.Open))).IsOk);
        // Entry i gets 4 + 2i from every judge: entry 3 ranks first.
        foreach (var a in assignments)
        {
            var i = scene.Entries.ToList().FindIndex(e => e.Id == a.EntryId);
            var judge = scene.Judges.Single(j => j.Id == a.JudgeId);
            var saved = await JudgingScenes.ScoreAsync(app, judge, a, 4 + 2 * i);
            Assert.True(saved.IsOk);
            Assert.Equal(Math.Round(100.0 * (4 + 2 * i) / 10, 4), saved.Value.Total);
        }
        var ranking = (await app.SendAsync(scene.Organizer, new RoundRankingQuery(scene.RoundId))).Value;
        Assert.Equal(scene.Entries.Select(e => e.Id).Reverse(), ranking.Rows.Select(r => r.Ranked.EntryId));
        Assert.Equal(80, ranking.Rows[0].Ranked.Score, 3);

        Assert.True((await app.SendAsync(scene.Organizer, new ChangeRoundStateCommand(scene.RoundId, RoundState.Closed))).IsOk);
        var late = await JudgingScenes.ScoreAsync(app, scene.Judges[0], assignments.First(a => a.JudgeId == scene.Judges[0].Id), 1);
        Assert.False(late.IsOk);
        Assert.Contains("can no longer be changed", late.Violations.Single().Key);
        var stored = await app.DbAsync(db => db.Assignments.Where(a => a.JudgeId == scene.Judges[0].Id && a.RoundId == scene.RoundId).Select(a => a.Total).ToListAsync());
        Assert.DoesNotContain(10.0, stored);

        // Every score change is audit-logged with old and new values.
        Assert.True(await app.DbAsync(db => db.Audit.AnyAsync(x => x.Action == "Score" && x.EntityId == assignments[0].Id.ToString() && x.NewValue != null)));
    }

    [Fact]
    public async Task Out_of_range_scores_and_other_judges_assignments_are_refused()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 3, entries: 2, judgesPerEntry: 1);
        var a = (await JudgingScenes.OpenAsync(app, scene)).First();
        var owner = scene.Judges.Single(j => j.Id == a.JudgeId);
        var other = scene.Judges.First(j => j.Id != a.JudgeId);

        Assert.False((await JudgingScenes.ScoreAsync(app, owner, a, 11)).IsOk);
        Assert.False((await JudgingScenes.ScoreAsync(app, owner, a, -1)).IsOk);
        Assert.Equal(Outcome.NotFound, (await JudgingScenes.ScoreAsync(app, other, a, 5)).Outcome);

        // The same through HTTP: a direct POST to someone else's assignment is not found and changes nothing.
        var web = Browserless.For(app);
        await web.SignInAsync(other.Email!, AppFactory.TestPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await web.Client.GetAsync($"/judging/assignments/{a.Id}")).StatusCode);
        var forged = await web.PostFormAsync("/judging", $"/judging/assignments/{a.Id}", new Dictionary<string, string> { ["Version"] = "0", ["Comment"] = "forged" });
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await web.Client.GetAsync($"/media/entries/{a.EntryId}/Attachment")).StatusCode);
        Assert.Null(await app.DbAsync(db => db.Assignments.Where(x => x.Id == a.Id).Select(x => x.Comment).SingleAsync()));
    }

    [Fact]
    public async Task Judge_pages_and_autosave_answers_never_name_the_entrant()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 3, entries: 3, judgesPerEntry: 3);
        await JudgingScenes.OpenAsync(app, scene);
        var judge = scene.Judges[0];
        var web = Browserless.For(app);
        await web.SignInAsync(judge.Email!, AppFactory.TestPassword);
        var pages = new List<string> { await web.GetHtmlAsync("/judging") };
        var mine = (await JudgingScenes.AssignmentsAsync(app, scene.RoundId)).Where(a => a.JudgeId == judge.Id).ToList();
        foreach (var a in mine) pages.Add(await web.GetHtmlAsync($"/judging/assignments/{a.Id}"));

        var sheet = pages[1];
        var request = new HttpRequestMessage(HttpMethod.Post, $"/judging/assignments/{mine[0].Id}")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = Browserless.AntiforgeryToken(sheet), ["Version"] = "0", ["Comment"] = "好" }),
        };
        request.Headers.Accept.ParseAdd("application/json");
        var json = await (await web.Client.SendAsync(request)).Content.ReadAsStringAsync();
        pages.Add(json);

        Assert.Contains(scene.Entries[0].Title, string.Join("", pages));
        foreach (var text in pages.Select(WebUtility.HtmlDecode))
            foreach (var entrant in scene.Entrants)
            {
                Assert.DoesNotContain(entrant.RealName, text);
                Assert.DoesNotContain(entrant.Organization!, text);
                Assert.DoesNotContain(entrant.Email!, text);
            }
    }

    [Fact]
    public async Task A_declared_conflict_releases_the_assignment_and_blocks_it_for_good()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 4, entries: 2, judgesPerEntry: 2);
        var a = (await JudgingScenes.OpenAsync(app, scene)).First();
        var judge = scene.Judges.Single(j => j.Id == a.JudgeId);
        Assert.True((await app.SendAsync(judge, new DeclareConflictCommand(a.Id, "我认识作者"))).IsOk);
        Assert.DoesNotContain(await JudgingScenes.AssignmentsAsync(app, scene.RoundId), x => x.Id == a.Id);

        await app.SendAsync(scene.Organizer, new AssignJudgesCommand(scene.RoundId));
        var after = await JudgingScenes.AssignmentsAsync(app, scene.RoundId);
        Assert.DoesNotContain(after, x => x.EntryId == a.EntryId && x.JudgeId == judge.Id);
        Assert.Equal(2, after.Count(x => x.EntryId == a.EntryId));
        var manual = await app.SendAsync(scene.Organizer, new AddAssignmentCommand(scene.RoundId, a.EntryId, judge.Id));
        Assert.Equal(Outcome.Refused, manual.Outcome);
    }

    [Fact]
    public async Task A_judge_who_drops_out_loses_only_unscored_work()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 4, entries: 4, judgesPerEntry: 2);
        await JudgingScenes.OpenAsync(app, scene, seed: 3);
        var leaving = scene.Judges[0];
        var theirs = (await JudgingScenes.AssignmentsAsync(app, scene.RoundId)).Where(a => a.JudgeId == leaving.Id).ToList();
        Assert.True(theirs.Count >= 2);
        Assert.True((await JudgingScenes.ScoreAsync(app, leaving, theirs[0], 7)).IsOk);

        var result = await app.SendAsync(scene.Organizer, new ReleaseJudgeCommand(scene.RoundId, leaving.Id));
        Assert.Empty(result.Value.Uncovered);
        var after = await JudgingScenes.AssignmentsAsync(app, scene.RoundId);
        Assert.Equal([theirs[0].Id], after.Where(a => a.JudgeId == leaving.Id).Select(a => a.Id));
        Assert.Equal(70, after.Single(a => a.Id == theirs[0].Id).Total);
        Assert.All(scene.Entries, e => Assert.Equal(2, after.Count(a => a.EntryId == e.Id)));
    }

    [Fact]
    public async Task Advancing_by_top_n_shows_ties_at_the_cut_off_for_the_organizer_to_decide()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 1, entries: 4, judgesPerEntry: 1);
        await JudgingScenes.OpenAsync(app, scene);
        var judge = scene.Judges[0];
        int[] points = [9, 7, 7, 3];
        foreach (var a in await JudgingScenes.AssignmentsAsync(app, scene.RoundId))
            await JudgingScenes.ScoreAsync(app, judge, a, points[scene.Entries.ToList().FindIndex(e => e.Id == a.EntryId)]);
        await app.SendAsync(scene.Organizer, new ChangeRoundStateCommand(scene.RoundId, RoundState.Closed));
        Assert.True((await app.SendAsync(scene.Organizer, new ChangeRoundStateCommand(scene.RoundId, RoundState.Finalized))).IsOk);

        var preview = await app.SendAsync(scene.Organizer, new AdvanceEntriesCommand { RoundId = scene.RoundId, TopN = 2 });
        Assert.Equal([scene.Entries[0].Id], preview.Value.Advancing);
        Assert.Equal(new[] { scene.Entries[1].Id, scene.Entries[2].Id }.Order(), preview.Value.TiedAtCutoff.Order());
        Assert.Null(preview.Value.NextRoundId);

        var done = await app.SendAsync(scene.Organizer, new AdvanceEntriesCommand
        {
            RoundId = scene.RoundId, TopN = 2, Confirm = true, NextRoundName = "终评", IncludeTied = [scene.Entries[2].Id],
        });
        var next = await app.DbAsync(db => db.RoundEntries.Where(r => r.RoundId == done.Value.NextRoundId).Select(r => r.EntryId).ToListAsync());
        Assert.Equal(new[] { scene.Entries[0].Id, scene.Entries[2].Id }.Order(), next.Order());
        Assert.Equal(4, await app.DbAsync(db => db.Criteria.CountAsync(c => c.RoundId == done.Value.NextRoundId)));
    }

    [Fact]
    public async Task An_organizer_of_another_contest_cannot_touch_this_round()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 2, entries: 1, judgesPerEntry: 1);
        var stranger = await app.CreateUserAsync(Roles.Organizer);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(stranger, new AssignJudgesCommand(scene.RoundId))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(stranger, new ChangeRoundStateCommand(scene.RoundId, RoundState.Open))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(stranger, new RoundRankingQuery(scene.RoundId))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(stranger, new SetPanelCommand { CategoryId = scene.Stories.Id, JudgeIds = [] })).Outcome);
        var web = Browserless.For(app);
        await web.SignInAsync(stranger.Email!, AppFactory.TestPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await web.Client.GetAsync($"/manage/rounds/{scene.RoundId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await web.Client.GetAsync($"/manage/rounds/{scene.RoundId}/scores.csv")).StatusCode);
        Assert.Equal(RoundState.Draft, await app.DbAsync(db => db.Rounds.Where(r => r.Id == scene.RoundId).Select(r => r.State).SingleAsync()));
    }

    [Fact]
    public async Task A_judge_found_in_conflict_after_scoring_can_no_longer_change_that_score()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 2, entries: 1, judgesPerEntry: 1);
        var a = (await JudgingScenes.OpenAsync(app, scene)).Single();
        var judge = scene.Judges.Single(j => j.Id == a.JudgeId);
        Assert.True((await JudgingScenes.ScoreAsync(app, judge, a, 6)).IsOk);

        Assert.Equal(Outcome.Ok, (await app.SendAsync(scene.Organizer, new AddConflictCommand(a.EntryId, judge.Id, "同一单位的前同事"))).Outcome);
        var after = await JudgingScenes.ScoreAsync(app, judge, a, 10);
        Assert.False(after.IsOk);
        Assert.Contains("conflict of interest", after.Violations.Single().Key);
        Assert.Equal(60, await app.DbAsync(db => db.Assignments.Where(x => x.Id == a.Id).Select(x => x.Total).SingleAsync()));
    }

    [Fact]
    public async Task The_round_page_offers_exactly_the_steps_the_round_may_take_next_and_the_handler_refuses_any_other()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 3, entries: 2, judgesPerEntry: 2);
        var web = Browserless.For(app);
        await web.SignInAsync(scene.Organizer.Email!, AppFactory.TestPassword);
        async Task<RoundState[]> Offered()
        {
            var html = await web.GetHtmlAsync($"/manage/rounds/{scene.RoundId}");
            return Enum.GetValues<RoundState>().Where(s => html.Contains($"id=\"state-{s}\"")).ToArray();
        }
        Task<Result<Result.Done>> Move(RoundState to) => app.SendAsync(scene.Organizer, new ChangeRoundStateCommand(scene.RoundId, to));

        Assert.Equal([RoundState.Open], await Offered());
        Assert.True((await app.SendAsync(scene.Organizer, new AssignJudgesCommand(scene.RoundId))).IsOk);
        Assert.Equal(Outcome.Refused, (await Move(RoundState.Finalized)).Outcome);
        Assert.True((await Move(RoundState.Open)).IsOk);
        Assert.Equal([RoundState.Closed], await Offered());
        Assert.True((await Move(RoundState.Closed)).IsOk);
        Assert.Equal([RoundState.Open, RoundState.Finalized], await Offered());
        Assert.Equal(Outcome.Refused, (await Move(RoundState.Draft)).Outcome);
        Assert.True((await Move(RoundState.Finalized)).IsOk);
        Assert.Empty(await Offered());
        Assert.Equal(Outcome.Refused, (await Move(RoundState.Open)).Outcome);
    }
}
