using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Judging;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Judging;

/// <summary>A contest with submitted stories by named entrants, a jury of judges on the story panel, and a round.</summary>
public sealed record JudgingScene(Contest Contest, Category Stories, Account Organizer, IReadOnlyList<Account> Judges,
    IReadOnlyList<Account> Entrants, IReadOnlyList<Entry> Entries, int RoundId);

public static class JudgingScenes
{
    public static async Task<JudgingScene> CreateAsync(AppFactory app, int judges = 4, int entries = 6, int judgesPerEntry = 3,
        Func<int, string?>? judgeOrganization = null, Func<int, string?>? entrantOrganization = null)
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var stories = contest.Categories.Single(c => c.Kind == CategoryKind.Story);
        var jury = new List<Account>();
        for (var i = 0; i < judges; i++)
            jury.Add(await app.CreateUserAsync(Roles.Judge, realName: $"评委{i + 1}", organization: judgeOrganization?.Invoke(i) ?? $"评审单位{i + 1}"));
        var entrants = new List<Account>();
        var made = new List<Entry>();
        for (var i = 0; i < entries; i++)
        {
            var entrant = await app.CreateUserAsync(Roles.Entrant, realName: $"作者甲{i + 1}号", organization: entrantOrganization?.Invoke(i) ?? $"参赛企业{i + 1}");
            entrants.Add(entrant);
            made.Add(new Entry
            {
                ContestId = contest.Id, CategoryId = stories.Id, EntrantId = entrant.Id, State = EntryState.Submitted,
                Number = $"{contest.Code}-S-{i + 1:D4}", Title = $"品牌故事第{i + 1}篇", Body = "质量是企业的生命，品牌是质量的承诺。" + i,
                PledgedOriginality = true, DeclaredRights = true, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow, SubmittedAt = DateTimeOffset.UtcNow,
            });
        }
        await app.DbAsync(async db =>
        {
            db.Entries.AddRange(made);
            foreach (var j in jury) db.ContestJudges.Add(new ContestJudge { ContestId = contest.Id, JudgeId = j.Id });
            return await db.SaveChangesAsync();
        });
        Assert.True((await app.SendAsync(organizer, new SetPanelCommand { CategoryId = stories.Id, JudgeIds = jury.Select(j => j.Id).ToList() })).IsOk);
        var roundId = (await app.SendAsync(organizer, new CreateRoundCommand { CategoryId = stories.Id, Name = "初评", JudgesPerEntry = judgesPerEntry })).Value;
        return new JudgingScene(contest, stories, organizer, jury, entrants, made, roundId);
    }

    /// <summary>One judge, one story per entry of <paramref name="points"/>, each scored that many points, round finalized.</summary>
    public static async Task<JudgingScene> FinalizedAsync(AppFactory app, params int[] points)
    {
        var scene = await CreateAsync(app, judges: 1, entries: points.Length, judgesPerEntry: 1);
        foreach (var a in await OpenAsync(app, scene))
            await ScoreAsync(app, scene.Judges[0], a, points[scene.Entries.ToList().FindIndex(e => e.Id == a.EntryId)]);
        await app.SendAsync(scene.Organizer, new ChangeRoundStateCommand(scene.RoundId, RoundState.Closed));
        Assert.True((await app.SendAsync(scene.Organizer, new ChangeRoundStateCommand(scene.RoundId, RoundState.Finalized))).IsOk);
        return scene;
    }

    /// <summary>A finalized scene whose best entry is proposed for the one first prize (the other tiers have no seats),
    /// with a seven-day public notice to come.</summary>
    public static async Task<JudgingScene> ProposedAsync(AppFactory app, params int[] points)
    {
        var scene = await FinalizedAsync(app, points);
        Assert.True((await app.SendAsync(scene.Organizer, new BrandStoryContest.Web.Features.Awards.EnsureAwardTiersCommand(scene.Contest.Id))).IsOk);
        await app.DbAsync(async db =>
        {
            var tiers = await db.AwardTiers.Where(x => x.CategoryId == scene.Stories.Id).OrderBy(x => x.Order).ToListAsync();
            foreach (var t in tiers) t.Quota = t == tiers[0] ? 1 : 0;
            (await db.Contests.SingleAsync(c => c.Id == scene.Contest.Id)).NoticeDays = 7;
            return await db.SaveChangesAsync();
        });
        Assert.True((await app.SendAsync(scene.Organizer, new BrandStoryContest.Web.Features.Awards.ProposeAwardsCommand(scene.Stories.Id))).IsOk);
        return scene;
    }

    /// <summary>
    /// The organizer assigns the jury to the scene's round (or to <paramref name="roundId"/>) and opens it;
    /// returns the assignments before anyone scored.
    /// </summary>
    public static async Task<List<Assignment>> OpenAsync(AppFactory app, JudgingScene scene, int? seed = null, int? roundId = null)
    {
        var round = roundId ?? scene.RoundId;
        Assert.True((await app.SendAsync(scene.Organizer, new AssignJudgesCommand(round, seed))).IsOk);
        Assert.True((await app.SendAsync(scene.Organizer, new ChangeRoundStateCommand(round, RoundState.Open))).IsOk);
        return await AssignmentsAsync(app, round);
    }

    public static Task<List<Assignment>> AssignmentsAsync(AppFactory app, int roundId) =>
        app.DbAsync(db => db.Assignments.AsNoTracking().Include(a => a.Scores).Where(a => a.RoundId == roundId).ToListAsync());

    public static async Task<Result<ScoreEntryResult>> ScoreAsync(AppFactory app, Account judge, Assignment a, params int[] values)
    {
        var criteria = await app.DbAsync(db => db.Criteria.Where(c => c.RoundId == a.RoundId).OrderBy(c => c.Order).Select(c => c.Id).ToListAsync());
        var version = await app.DbAsync(db => db.Assignments.Where(x => x.Id == a.Id).Select(x => x.Version).SingleAsync());
        return await app.SendAsync(judge, new ScoreEntryCommand
        {
            AssignmentId = a.Id, Version = version,
            Scores = criteria.Select((id, i) => (id, i < values.Length ? values[i] : values[^1])).ToDictionary(x => x.id, x => (int?)x.Item2),
        });
    }
}
