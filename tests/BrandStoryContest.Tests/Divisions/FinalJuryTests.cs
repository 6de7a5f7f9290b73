using System.IO.Compression;
using System.Text.RegularExpressions;
using BrandStoryContest.Tests.Awards;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Tests.Judging;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Declarations;
using BrandStoryContest.Web.Features.Divisions;
using BrandStoryContest.Web.Features.Entries;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Infrastructure.Results;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Divisions;

/// <summary>
/// The final's jury over carried entries: conflicts found in a division and the team's rules hold in the final, a judge
/// who scored the entry in its division does not score it again, loads spread over the divisions; and the carried
/// entry's declarations and its entrant's (lack of) edits.
/// </summary>
public sealed class FinalJuryTests(ClockedApp app) : IClassFixture<ClockedApp>
{
    private readonly DateTimeOffset start = Reset(app.Clock);

    private static DateTimeOffset Reset(TestClock clock)
    {
        clock.Set(DateTimeOffset.UtcNow);
        return clock.GetUtcNow();
    }

    [Fact]
    public Task A_conflict_recorded_in_the_division_holds_for_the_carried_entry_in_the_final() => FinalJury.DivisionConflictAsync(app, start);

    [Fact]
    public Task Same_organization_own_entry_and_team_account_rules_hold_for_carried_entries() => FinalJury.TeamRulesAsync(app, start);

    [Fact]
    public Task A_judge_who_scored_the_entry_in_its_division_does_not_score_it_in_the_final() => FinalJury.JudgedInDivisionAsync(app, start);

    [Fact]
    public Task Assigning_the_final_spreads_each_judges_entries_over_the_divisions() => FinalJury.SpreadAsync(app, start);

    [Fact]
    public Task The_carried_entry_keeps_its_division_declarations_and_is_read_only_for_its_entrant() => FinalJury.DeclarationsAsync(app, start);
}

/// <summary>
/// The same scenarios on PostgreSQL (test.sh starts one; skipped without it): the conflict queries join
/// recommendations and assignments, which each provider translates on its own.
/// </summary>
public sealed class FinalJuryOnPostgresTests
{
    [PostgresFact]
    public async Task The_final_jury_rules_hold_on_postgresql()
    {
        var database = await Postgres.CreateDatabaseAsync();
        try
        {
            await using var app = new ClockedApp { Overrides = ScaleOut.PostgresSliceTests.WorkersOff(Postgres.Settings(database)) };
            var start = app.Clock.GetUtcNow();
            await FinalJury.DivisionConflictAsync(app, start);
            await FinalJury.TeamRulesAsync(app, start);
            await FinalJury.JudgedInDivisionAsync(app, start);
            await FinalJury.SpreadAsync(app, start);
            await FinalJury.DeclarationsAsync(app, start);
        }
        finally { await Postgres.DropDatabaseAsync(database); }
    }

    /// <summary>PostgreSQL does not serialize writers: without the numbering lock every parallel request read the same free place and only one got in.</summary>
    [PostgresFact]
    public async Task Parallel_recommendations_on_postgresql_fill_the_quota_and_never_pass_it()
    {
        var database = await Postgres.CreateDatabaseAsync();
        try
        {
            await using var app = new ClockedApp { Overrides = ScaleOut.PostgresSliceTests.WorkersOff(Postgres.Settings(database)) };
            var start = app.Clock.GetUtcNow();
            var s = await DivisionScenes.SceneAsync(app);
            var entries = await DivisionScenes.StoriesAsync(app, s.A, s.OrganizerA, [1, 2, 3, 4, 5, 6, 7, 8], finalize: false, start);
            Assert.True((await DivisionScenes.SetQuotasAsync(app, s, 3, start.AddDays(5))).IsOk);

            var results = await Task.WhenAll(entries.Select(e =>
                app.SendAsync(s.OrganizerA, new RecommendEntryCommand { DivisionContestId = s.A.Id, EntryId = e.Id, Reason = "同时推荐" })));

            Assert.Equal(3, results.Count(r => r.IsOk));
            Assert.All(results.Where(r => !r.IsOk), r => Assert.Equal("This category's quota of {0} recommendations is full.", r.Violations.Single().Key));
            Assert.Equal(new[] { 1, 2, 3 }, await app.DbAsync(db => db.Recommendations.Where(r => r.Division.ContestId == s.A.Id).Select(r => r.QuotaSlot!.Value).OrderBy(n => n).ToListAsync()));
            Assert.Equal(3, await app.DbAsync(db => db.Entries.Where(e => e.ContestId == s.Final.Id).Select(e => e.Number).Distinct().CountAsync()));
        }
        finally { await Postgres.DropDatabaseAsync(database); }
    }
}

internal static class FinalJury
{
    private static async Task<Entry> RecommendAsync(ClockedApp app, DivisionScene s, Contest division, Account organizer, Entry source)
    {
        var made = await app.SendAsync(organizer, new RecommendEntryCommand { DivisionContestId = division.Id, EntryId = source.Id, Reason = "推荐" });
        Assert.True(made.IsOk, string.Join("; ", made.Violations.Select(v => v.Key)));
        return await DivisionScenes.CarriedAsync(app, source);
    }

    private static async Task<List<(int EntryId, string JudgeId)>> PlanAsync(ClockedApp app, DivisionScene s, int roundId, int? seed = null)
    {
        var planned = await app.SendAsync(s.FinalOrganizer, new AssignJudgesCommand(roundId, seed));
        Assert.True(planned.IsOk);
        return (await JudgingScenes.AssignmentsAsync(app, roundId)).Select(a => (a.EntryId, a.JudgeId)).ToList();
    }

    private static async Task<Result<Result.Done>> AddAsync(ClockedApp app, DivisionScene s, int roundId, Entry entry, Account judge) =>
        await app.SendAsync(s.FinalOrganizer, new AddAssignmentCommand(roundId, entry.Id, judge.Id));

    private const string Conflicted = "This judge has a conflict of interest with this entry.";

    public static async Task DivisionConflictAsync(ClockedApp app, DateTimeOffset start)
    {
        var s = await DivisionScenes.SceneAsync(app);
        var entries = await DivisionScenes.StoriesAsync(app, s.A, s.OrganizerA, [1, 2, 3], finalize: false, start);
        Assert.True((await DivisionScenes.SetQuotasAsync(app, s, 3, start.AddDays(5))).IsOk);
        var near = await app.CreateUserAsync(Roles.Judge, realName: "亲属评委", organization: "决赛评审一");
        var declares = await app.CreateUserAsync(Roles.Judge, realName: "申报评委", organization: "决赛评审三");
        var other = await app.CreateUserAsync(Roles.Judge, realName: "决赛评委", organization: "决赛评审二");
        // The division's organizer learns that this judge is related to the first entrant, and records it there.
        await app.DbAsync(db => { db.ContestJudges.Add(new ContestJudge { ContestId = s.A.Id, JudgeId = near.Id }); return db.SaveChangesAsync(); });
        Assert.True((await app.SendAsync(s.OrganizerA, new AddConflictCommand(entries[0].Id, near.Id, "亲属"))).IsOk);
        // Another judges in the division too, and declares a conflict on the third entry when it is shown to them (unscored).
        var stories = s.A.Categories.Single(c => c.Code == "S");
        await app.DbAsync(db => { db.ContestJudges.Add(new ContestJudge { ContestId = s.A.Id, JudgeId = declares.Id }); return db.SaveChangesAsync(); });
        Assert.True((await app.SendAsync(s.OrganizerA, new SetPanelCommand { CategoryId = stories.Id, JudgeIds = [declares.Id] })).IsOk);
        var divisionRound = (await app.SendAsync(s.OrganizerA, new CreateRoundCommand { CategoryId = stories.Id, Name = "赛区初评", JudgesPerEntry = 1 })).Value;
        var shown = (await JudgingScenes.OpenAsync(app, new JudgingScene(s.A, stories, s.OrganizerA, [declares], [], entries, divisionRound))).Single(a => a.EntryId == entries[2].Id);
        Assert.True((await app.SendAsync(declares, new DeclareConflictCommand(shown.Id, "曾指导该作者"))).IsOk);

        var carried = await RecommendAsync(app, s, s.A, s.OrganizerA, entries[0]);
        var fine = await RecommendAsync(app, s, s.A, s.OrganizerA, entries[1]);
        var declared = await RecommendAsync(app, s, s.A, s.OrganizerA, entries[2]);
        var round = await DivisionScenes.FinalRoundAsync(app, s, [near, declares, other], judgesPerEntry: 2);

        var pairs = await PlanAsync(app, s, round.RoundId);
        Assert.DoesNotContain((carried.Id, near.Id), pairs);
        Assert.DoesNotContain((declared.Id, declares.Id), pairs);
        Assert.Equal(new[] { declares.Id, other.Id }.Order(), pairs.Where(p => p.EntryId == carried.Id).Select(p => p.JudgeId).Order());
        Assert.Equal(new[] { near.Id, other.Id }.Order(), pairs.Where(p => p.EntryId == declared.Id).Select(p => p.JudgeId).Order());
        Assert.Equal(Conflicted, (await AddAsync(app, s, round.RoundId, carried, near)).Violations.Single().Key);
        Assert.Equal(Conflicted, (await AddAsync(app, s, round.RoundId, declared, declares)).Violations.Single().Key);
        // The conflicts are the final's too, not only the planner's: the reach rule reads the same pairs.
        Assert.Equal(new[] { (carried.Id, near.Id), (declared.Id, declares.Id) }.Order(),
            (await app.DbAsync(db => db.ConflictedPairsAsync(s.Final.Id, [carried.Id, fine.Id, declared.Id], [near.Id, declares.Id, other.Id], default))).Order());

        // Found after the final's plan: the division records a conflict of `declares` with the second entrant. The judge's
        // own list and sheet in the final (JudgeConflicts, read apart from the planner's query) drop that entry at once.
        Assert.True((await app.SendAsync(s.FinalOrganizer, new ChangeRoundStateCommand(round.RoundId, RoundState.Open))).IsOk);
        var mine = (await JudgingScenes.AssignmentsAsync(app, round.RoundId)).Where(a => a.JudgeId == declares.Id).ToList();
        var onFine = mine.Single(a => a.EntryId == fine.Id);
        async Task<List<int>> ListedAsync() => (await app.SendAsync(declares, new MyAssignmentsQuery())).Value.SelectMany(r => r.Assignments).Select(a => a.EntryId).ToList();
        Assert.Contains(fine.Id, await ListedAsync());
        Assert.True((await app.SendAsync(s.OrganizerA, new AddConflictCommand(entries[1].Id, declares.Id, "同事"))).IsOk);
        var listed = await ListedAsync();
        Assert.DoesNotContain(fine.Id, listed);
        Assert.Contains(carried.Id, listed);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(declares, new ScoreSheetQuery(onFine.Id, Languages.Chinese))).Outcome);
        Assert.True((await app.SendAsync(declares, new ScoreSheetQuery(mine.Single(a => a.EntryId == carried.Id).Id, Languages.Chinese))).IsOk);
    }

    public static async Task TeamRulesAsync(ClockedApp app, DateTimeOffset start)
    {
        var s = await DivisionScenes.SceneAsync(app);
        var entries = await DivisionScenes.StoriesAsync(app, s.A, s.OrganizerA, [1, 2, 3, 4], finalize: false, start);
        Assert.True((await DivisionScenes.SetQuotasAsync(app, s, 4, start.AddDays(5))).IsOk);
        // Same organization as the first entrant of record; a linked co-author of the second; the entrant of the third.
        var sameOrganization = await app.CreateUserAsync(Roles.Judge, organization: "赛区企业1");
        var coAuthor = await app.CreateUserAsync(Roles.Judge, organization: "别的单位");
        var own = await app.CreateUserAsync(Roles.Judge, organization: "自己的单位");
        var free = await app.CreateUserAsync(Roles.Judge, organization: "决赛评审单位");
        await app.DbAsync(async db =>
        {
            var second = await db.EntryAuthors.SingleAsync(a => a.EntryId == entries[1].Id);
            second.AccountId = coAuthor.Id;
            (await db.Entries.SingleAsync(e => e.Id == entries[2].Id)).EntrantId = own.Id;
            return await db.SaveChangesAsync();
        });
        var carried = new List<Entry>();
        foreach (var e in entries) carried.Add(await RecommendAsync(app, s, s.A, s.OrganizerA, e));
        // What the rules read travelled with the entry: the organization of record, the whole team, the entrant.
        Assert.Equal(("赛区企业1", own.Id), (carried[0].EntrantOrganization, carried[2].EntrantId));
        Assert.Equal(coAuthor.Id, await app.DbAsync(db => db.EntryAuthors.Where(a => a.EntryId == carried[1].Id).Select(a => a.AccountId).SingleAsync()));

        var judges = new[] { sameOrganization, coAuthor, own, free };
        var round = await DivisionScenes.FinalRoundAsync(app, s, judges, judgesPerEntry: 3);
        var pairs = await PlanAsync(app, s, round.RoundId);
        var forbidden = new[] { (carried[0].Id, sameOrganization.Id), (carried[1].Id, coAuthor.Id), (carried[2].Id, own.Id) };
        foreach (var pair in forbidden) Assert.DoesNotContain(pair, pairs);
        Assert.Equal(3 * 4, pairs.Count);
        Assert.Equal(Conflicted, (await AddAsync(app, s, round.RoundId, carried[0], sameOrganization)).Violations.Single().Key);
        Assert.Equal(Conflicted, (await AddAsync(app, s, round.RoundId, carried[1], coAuthor)).Violations.Single().Key);
        Assert.Equal(Conflicted, (await AddAsync(app, s, round.RoundId, carried[2], own)).Violations.Single().Key);

        // Every co-author's organization counts too: a judge of 合著单位 is kept off all of them.
        var ofTheTeam = await app.CreateUserAsync(Roles.Judge, organization: "合著单位");
        var all = await app.DbAsync(db => db.ConflictedPairsAsync(s.Final.Id, carried.Select(c => c.Id).ToList(), [ofTheTeam.Id], default));
        Assert.Equal(carried.Select(c => (c.Id, ofTheTeam.Id)).Order(), all.Order());
    }

    public static async Task JudgedInDivisionAsync(ClockedApp app, DateTimeOffset start)
    {
        var s = await DivisionScenes.SceneAsync(app);
        // Division A's judge scored both of its entries; division B's entry was never judged there.
        var a = await DivisionScenes.StoriesWithJudgeAsync(app, s.A, s.OrganizerA, [9, 3], finalize: true, start);
        var b = await DivisionScenes.StoriesAsync(app, s.B, s.OrganizerB, [5], finalize: false, start);
        Assert.True((await DivisionScenes.SetQuotasAsync(app, s, 1, start.AddDays(5))).IsOk);
        Assert.True((await app.SendAsync(s.OrganizerA, new RecommendFromRankingCommand(s.A.Id, await DivisionScenes.QuotaIdAsync(app, s.A, "S")))).IsOk);
        var fromA = await DivisionScenes.CarriedAsync(app, a.Entries[0]);
        var fromB = await RecommendAsync(app, s, s.B, s.OrganizerB, b[0]);
        var f1 = await app.CreateUserAsync(Roles.Judge, organization: "决赛评审一");
        var f2 = await app.CreateUserAsync(Roles.Judge, organization: "决赛评审二");
        var round = await DivisionScenes.FinalRoundAsync(app, s, [a.Judge, f1, f2], judgesPerEntry: 3);

        var planned = await app.SendAsync(s.FinalOrganizer, new AssignJudgesCommand(round.RoundId));
        var pairs = (await JudgingScenes.AssignmentsAsync(app, round.RoundId)).Select(x => (x.EntryId, x.JudgeId)).ToList();
        // The final is an independent second look: A's entry gets the two judges who never saw it, and is reported short.
        Assert.Equal(new[] { f1.Id, f2.Id }.Order(), pairs.Where(p => p.EntryId == fromA.Id).Select(p => p.JudgeId).Order());
        var shortOf = Assert.Single(planned.Value.Uncovered);
        Assert.Equal((fromA.Id, "only 2 of 3 panel judges are free of conflicts"), (shortOf.EntryId, shortOf.Reason));
        // The same judge may judge another division's entry.
        Assert.Contains((fromB.Id, a.Judge.Id), pairs);
        Assert.Equal("This judge scored this entry in its division: the final needs an independent second look.",
            (await AddAsync(app, s, round.RoundId, fromA, a.Judge)).Violations.Single().Key);
        Assert.False(await app.DbAsync(db => db.Assignments.AnyAsync(x => x.RoundId == round.RoundId && x.EntryId == fromA.Id && x.JudgeId == a.Judge.Id)));
    }

    public static async Task SpreadAsync(ClockedApp app, DateTimeOffset start)
    {
        var s = await DivisionScenes.SceneAsync(app);
        var fromA = await DivisionScenes.StoriesAsync(app, s.A, s.OrganizerA, [1, 2, 3, 4], finalize: false, start);
        var fromB = await DivisionScenes.StoriesAsync(app, s.B, s.OrganizerB, [1, 2, 3, 4], finalize: false, start);
        Assert.True((await DivisionScenes.SetQuotasAsync(app, s, 4, start.AddDays(5))).IsOk);
        var carriedA = new HashSet<int>();
        foreach (var e in fromA) carriedA.Add((await RecommendAsync(app, s, s.A, s.OrganizerA, e)).Id);
        foreach (var e in fromB) await RecommendAsync(app, s, s.B, s.OrganizerB, e);
        var judges = new[] { await app.CreateUserAsync(Roles.Judge, organization: "决赛评审一"), await app.CreateUserAsync(Roles.Judge, organization: "决赛评审二") };
        var round = await DivisionScenes.FinalRoundAsync(app, s, judges, judgesPerEntry: 1);

        // 8 entries, one judge each, two judges: four each, and with the spread two from each division, whatever the seed.
        for (var seed = 1; seed <= 6; seed++)
        {
            var pairs = await PlanAsync(app, s, round.RoundId, seed);
            foreach (var judge in judges)
            {
                var mine = pairs.Where(p => p.JudgeId == judge.Id).Select(p => p.EntryId).ToList();
                Assert.Equal((4, 2), (mine.Count, mine.Count(carriedA.Contains)));
            }
        }
    }

    public static async Task DeclarationsAsync(ClockedApp app, DateTimeOffset start)
    {
        // The final's pledge is published before the divisions are made, so each division signs its own copy (v1).
        var s = await DivisionScenes.SceneAsync(app, (final, organizer) =>
            app.SendAsync(organizer, new PublishDeclarationCommand { ContestId = final.Id, Kind = DeclarationKind.Originality, TextZh = "本人承诺赛区作品为原创。" }));
        var entries = await DivisionScenes.StoriesAsync(app, s.A, s.OrganizerA, [1], finalize: false, start);
        var pledge = await app.DbAsync(db => db.Declarations.SingleAsync(d => d.ContestId == s.A.Id));
        await app.DbAsync(db =>
        {
            db.DeclarationAcceptances.Add(new DeclarationAcceptance { EntryId = entries[0].Id, DeclarationId = pledge.Id, AcceptedAt = start, ClientAddress = "203.0.113.9" });
            return db.SaveChangesAsync();
        });
        Assert.True((await DivisionScenes.SetQuotasAsync(app, s, 1, start.AddDays(5))).IsOk);
        var carried = await RecommendAsync(app, s, s.A, s.OrganizerA, entries[0]);
        // Later the final publishes a second version: it is for entries sent to the final directly, not for carried ones.
        Assert.True((await app.SendAsync(s.FinalOrganizer, new PublishDeclarationCommand { ContestId = s.Final.Id, Kind = DeclarationKind.Originality, TextZh = "决赛第二版承诺。" })).IsOk);
        var entrant = await app.DbAsync(db => db.Users.SingleAsync(u => u.Id == entries[0].EntrantId));

        // The entrant's page of the carried entry: the division's pledge, accepted, and a locked form.
        var page = (await app.SendAsync(entrant, new EditEntryQuery(carried.Id))).Value;
        const string locked = "This entry was recommended to the final from its division, so it cannot be changed here.";
        Assert.Equal(locked, page.Context.Locked!.Key);
        var shown = Assert.Single(page.Context.Declarations);
        Assert.Equal((pledge.Id, true), (shown.Current.Id, shown.Accepted));

        // Read-only for the entrant in the final: no save, no submit, no withdrawal; nothing changes.
        var save = await app.SendAsync(entrant, new SaveEntryCommand
        {
            EntryId = carried.Id, Version = carried.Version, Title = "改过的标题", Body = carried.Body + "改", PledgedOriginality = true, DeclaredRights = true, Submit = true,
            AcceptedDeclarations = [await app.DbAsync(db => db.Declarations.Where(d => d.ContestId == s.Final.Id && d.Version == 2).Select(d => d.Id).SingleAsync())],
        });
        Assert.Equal(locked, save.Violations.Single().Key);
        Assert.Equal(locked, (await app.SendAsync(entrant, new WithdrawEntryCommand(carried.Id))).Violations.Single().Key);
        // In the division the entry is past its deadline: leaving the final is the division organizer's withdrawal of the recommendation.
        Assert.Equal(Outcome.Refused, (await app.SendAsync(entrant, new WithdrawEntryCommand(entries[0].Id))).Outcome);
        var after = await app.DbAsync(db => db.Entries.AsNoTracking().SingleAsync(e => e.Id == carried.Id));
        Assert.Equal((EntryState.Submitted, carried.Title, carried.Version), (after.State, after.Title, after.Version));
        Assert.Equal([pledge.Id], await app.DbAsync(db => db.DeclarationAcceptances.Where(a => a.EntryId == carried.Id).Select(a => a.DeclarationId).ToListAsync()));

        // The final's organizer gets the signed PDF as it was signed, saying where, and the final's ZIP holds it.
        var pdf = await app.SendAsync(s.FinalOrganizer, new SignedDeclarationQuery(carried.Id));
        Assert.True(pdf.IsOk);
        var file = Path.Combine(Directory.CreateTempSubdirectory("bsc-carried-declaration-").FullName, "declaration.pdf");
        await File.WriteAllBytesAsync(file, pdf.Value.Content);
        var text = Regex.Replace(Cli.Run("pdftotext", "-enc", "UTF-8", file, "-"), @"\s+", "");
        Assert.Contains(carried.Number!, text);
        Assert.Contains("本人承诺赛区作品为原创", text);
        Assert.DoesNotContain("决赛第二版承诺", text);
        Assert.Contains("签署于/Signedin:" + Regex.Replace(s.A.TitleZh, @"\s+", ""), text);
        Assert.Contains("203.0.113.9", text);
        var zip = await app.SendAsync(s.FinalOrganizer, new SignedDeclarationsZipQuery(s.Final.Id));
        using var bytes = new MemoryStream();
        await zip.Value.WriteToAsync(bytes, default);
        using var archive = new ZipArchive(new MemoryStream(bytes.ToArray()));
        Assert.Equal($"{carried.Number}-declarations.pdf", Assert.Single(archive.Entries).Name);
    }
}
