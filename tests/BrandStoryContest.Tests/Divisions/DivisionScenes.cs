using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Tests.Judging;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Awards;
using BrandStoryContest.Web.Features.Divisions;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Infrastructure.Results;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Divisions;

/// <summary>A final with two divisions, 江城赛区 (A) and 海州赛区 (B), each run by its own organizer.</summary>
public sealed record DivisionScene(Contest Final, Account FinalOrganizer, Contest A, Account OrganizerA, Contest B, Account OrganizerB);

/// <summary>Division stories and the division judge who scored them (when the round was finalized).</summary>
public sealed record DivisionStories(List<Entry> Entries, Account Judge);

/// <summary>The final's own jury and first round over the final's stories.</summary>
public sealed record FinalRound(Category Stories, IReadOnlyList<Account> Judges, int RoundId);

/// <summary>Setup shared by the division tests (the way <see cref="JudgingScenes"/> serves the judging ones).</summary>
public static class DivisionScenes
{
    public static string NewCode(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    public static async Task<int> CreateDivisionAsync(AppFactory app, Contest final, Account by, Account organizer, string name)
    {
        var created = await app.SendAsync(by, new CreateDivisionCommand
        {
            FinalId = final.Id, Code = NewCode("D"), NameZh = name, NameEn = name == "江城赛区" ? "Jiangcheng Division" : null, OrganizerEmail = organizer.Email!,
            SubmissionOpensAt = DateTime.Today.AddDays(-10), SubmissionClosesAt = DateTime.Today.AddDays(-1),
        });
        Assert.True(created.IsOk, string.Join("; ", created.Violations.Select(v => v.Key)));
        return created.Value;
    }

    /// <param name="beforeDivisions">Runs on the final before its divisions are copied from it (e.g. to publish declarations they inherit).</param>
    public static async Task<DivisionScene> SceneAsync(AppFactory app, Func<Contest, Account, Task>? beforeDivisions = null)
    {
        var finalOrganizer = await app.CreateUserAsync(Roles.Organizer, realName: "决赛主办方");
        var final = await TestData.ContestAsync(app, finalOrganizer, c => c.Code = NewCode("F"));
        Assert.True((await app.SendAsync(finalOrganizer, new EnsureAwardTiersCommand(final.Id))).IsOk);
        if (beforeDivisions is not null) await beforeDivisions(final, finalOrganizer);
        var organizerA = await app.CreateUserAsync(Roles.Organizer, realName: "江城主办方");
        var organizerB = await app.CreateUserAsync(Roles.Organizer, realName: "海州主办方");
        var a = await CreateDivisionAsync(app, final, finalOrganizer, organizerA, "江城赛区");
        var b = await CreateDivisionAsync(app, final, finalOrganizer, organizerB, "海州赛区");
        Task<Contest> Load(int id) => app.DbAsync(db => db.Contests.Include(c => c.Categories).SingleAsync(c => c.Id == id));
        return new DivisionScene(final, finalOrganizer, await Load(a), organizerA, await Load(b), organizerB);
    }

    /// <summary>The final organizer sets the deadline (local time in the final's zone) and the same quota for every division and category.</summary>
    public static async Task<Result<Result.Done>> SetQuotasAsync(AppFactory app, DivisionScene s, int quota, DateTimeOffset? deadline, Func<DivisionQuota, int>? per = null)
    {
        var quotas = await app.DbAsync(db => db.DivisionQuotas.Include(q => q.DivisionCategory).Where(q => q.Division.FinalId == s.Final.Id).ToListAsync());
        return await app.SendAsync(s.FinalOrganizer, new SetDivisionQuotasCommand
        {
            FinalId = s.Final.Id, RecommendationClosesAt = deadline is { } d ? ContestTime.ToLocal(d, s.Final.TimeZoneId).DateTime : null,
            Quotas = quotas.Select(q => new QuotaValue { Id = q.Id, Quota = per?.Invoke(q) ?? quota }).ToList(),
        });
    }

    public static Task<int> QuotaIdAsync(AppFactory app, Contest division, string categoryCode) =>
        app.DbAsync(db => db.DivisionQuotas.Where(q => q.Division.ContestId == division.Id && q.DivisionCategory.Code == categoryCode).Select(q => q.Id).SingleAsync());

    /// <summary>Submitted stories in the division, each with an attachment blob name and a co-author; a finalized round scored <paramref name="points"/> when given.</summary>
    public static async Task<List<Entry>> StoriesAsync(AppFactory app, Contest division, Account organizer, int[] points, bool finalize, DateTimeOffset at) =>
        (await StoriesWithJudgeAsync(app, division, organizer, points, finalize, at)).Entries;

    public static async Task<DivisionStories> StoriesWithJudgeAsync(AppFactory app, Contest division, Account organizer, int[] points, bool finalize, DateTimeOffset at,
        string judgeOrganization = "评审单位")
    {
        var stories = division.Categories.Single(c => c.Code == "S");
        var entries = new List<Entry>();
        for (var i = 0; i < points.Length; i++)
        {
            var entrant = await app.CreateUserAsync(Roles.Entrant, realName: $"赛区作者{i + 1}", organization: $"赛区企业{i + 1}");
            entries.Add(new Entry
            {
                ContestId = division.Id, CategoryId = stories.Id, EntrantId = entrant.Id, State = EntryState.Submitted,
                Number = $"{division.Code}-S-{i + 1:D4}", Title = $"赛区品牌故事{i + 1}", Body = "质量是企业的生命。" + i,
                AttachmentBlob = $"entries/div-{Guid.NewGuid():N}/story.pdf", AttachmentFileName = "story.pdf",
                EntrantName = $"赛区作者{i + 1}", EntrantOrganization = $"赛区企业{i + 1}", PledgedOriginality = true, DeclaredRights = true,
                CreatedAt = at, UpdatedAt = at, SubmittedAt = at,
                Authors = [new EntryAuthor { Order = 1, Role = AuthorRole.Author, Name = $"合著者{i + 1}", Organization = "合著单位" }],
            });
        }
        var judge = await app.CreateUserAsync(Roles.Judge, realName: "赛区评委", organization: judgeOrganization);
        await app.DbAsync(async db =>
        {
            db.Entries.AddRange(entries);
            db.ContestJudges.Add(new ContestJudge { ContestId = division.Id, JudgeId = judge.Id });
            return await db.SaveChangesAsync();
        });
        if (!finalize) return new DivisionStories(entries, judge);
        Assert.True((await app.SendAsync(organizer, new SetPanelCommand { CategoryId = stories.Id, JudgeIds = [judge.Id] })).IsOk);
        var roundId = (await app.SendAsync(organizer, new CreateRoundCommand { CategoryId = stories.Id, Name = "赛区初评", JudgesPerEntry = 1 })).Value;
        var scene = new JudgingScene(division, stories, organizer, [judge], [], entries, roundId);
        foreach (var a in await JudgingScenes.OpenAsync(app, scene))
            Assert.True((await JudgingScenes.ScoreAsync(app, judge, a, points[entries.FindIndex(e => e.Id == a.EntryId)])).IsOk);
        Assert.True((await app.SendAsync(organizer, new ChangeRoundStateCommand(roundId, RoundState.Closed))).IsOk);
        Assert.True((await app.SendAsync(organizer, new ChangeRoundStateCommand(roundId, RoundState.Finalized))).IsOk);
        return new DivisionStories(entries, judge);
    }

    /// <summary>The final's jury (made judges of the final and put on its story panel) and a draft first round over the final's stories.</summary>
    public static async Task<FinalRound> FinalRoundAsync(AppFactory app, DivisionScene s, IReadOnlyList<Account> judges, int judgesPerEntry)
    {
        var stories = s.Final.Categories.Single(c => c.Code == "S");
        await app.DbAsync(db =>
        {
            foreach (var judge in judges) db.ContestJudges.Add(new ContestJudge { ContestId = s.Final.Id, JudgeId = judge.Id });
            return db.SaveChangesAsync();
        });
        Assert.True((await app.SendAsync(s.FinalOrganizer, new SetPanelCommand { CategoryId = stories.Id, JudgeIds = judges.Select(j => j.Id).ToList() })).IsOk);
        var roundId = (await app.SendAsync(s.FinalOrganizer, new CreateRoundCommand { CategoryId = stories.Id, Name = "决赛", JudgesPerEntry = judgesPerEntry })).Value;
        return new FinalRound(stories, judges, roundId);
    }

    /// <summary>The final's entry carried from <paramref name="source"/>.</summary>
    public static Task<Entry> CarriedAsync(AppFactory app, Entry source) =>
        app.DbAsync(db => db.Recommendations.Where(r => r.SourceEntryId == source.Id).Select(r => r.FinalEntry).SingleAsync());
}
