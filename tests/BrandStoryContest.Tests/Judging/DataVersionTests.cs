using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Entries;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Judging;

/// <summary>
/// The judge's list and score sheet are kept per judge under the data versions of the judge's contests
/// (<see cref="DataVersions"/>, <see cref="VersionedMemo"/>). Each test makes one kind of write a judge page reads and
/// checks that the very next view shows it; and that the writes that cannot matter (viewing evidence, drafts in a
/// category not yet judged) bump nothing.
/// </summary>
public sealed class DataVersionTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Unchanged_inputs_give_the_very_same_list_and_sheet()
    {
        var (scene, assignments) = await OpenedAsync();
        var judge = scene.Judges[0];
        var list = await ListAsync(judge);
        Assert.Same(list, await ListAsync(judge));
        var sheet = await SheetAsync(judge, assignments[0]);
        Assert.Same(sheet.Value, (await SheetAsync(judge, assignments[0])).Value);
        // The other language is its own sheet.
        Assert.NotSame(sheet.Value, (await app.SendAsync(judge, new ScoreSheetQuery(assignments[0].Id, Languages.English))).Value);
    }

    [Fact]
    public async Task The_rendered_list_is_each_judges_own_in_each_language_and_a_score_shows_in_it_at_once()
    {
        // /judging keeps its rendered rows beside the kept list (RenderedFragments): per judge, versions and language.
        var scene = await JudgingScenes.CreateAsync(app, judges: 2, entries: 4, judgesPerEntry: 1);
        var assignments = await JudgingScenes.OpenAsync(app, scene);
        var (a, b) = (scene.Judges[0], scene.Judges[1]);
        var zhA = Browserless.For(app);
        await zhA.SignInAsync(a.Email!, AppFactory.TestPassword);
        var enA = Browserless.For(app);
        await enA.SignInAsync(a.Email!, AppFactory.TestPassword);
        Assert.Equal(HttpStatusCode.Redirect, (await enA.Client.GetAsync("/language?culture=en&returnUrl=/judging")).StatusCode);
        var zhB = Browserless.For(app);
        await zhB.SignInAsync(b.Email!, AppFactory.TestPassword);
        var ofA = assignments.Where(x => x.JudgeId == a.Id).ToList();
        var ofB = assignments.Where(x => x.JudgeId == b.Id).ToList();
        Assert.NotEmpty(ofA);
        Assert.NotEmpty(ofB);

        for (var view = 0; view < 2; view++) // the first view renders, the second is the kept fragment
        {
            var zh = await zhA.GetHtmlAsync("/judging");
            var en = await enA.GetHtmlAsync("/judging");
            var other = await zhB.GetHtmlAsync("/judging");
            Assert.All(ofA, x => { Assert.Contains(Link(x), zh); Assert.Contains(Link(x), en); Assert.DoesNotContain(Link(x), other); });
            Assert.All(ofB, x => { Assert.Contains(Link(x), other); Assert.DoesNotContain(Link(x), zh); Assert.DoesNotContain(Link(x), en); });
            Assert.Contains(">未评分<", zh);
            Assert.DoesNotContain(">Not scored<", zh);
            Assert.Contains(">Not scored<", en);
            Assert.DoesNotContain(">未评分<", en);
        }

        var total = (await JudgingScenes.ScoreAsync(app, a, ofA[0], 6)).Value.Total!.Value;
        Assert.Contains(Badge(total), await zhA.GetHtmlAsync("/judging"));
        Assert.Contains(Badge(total), await enA.GetHtmlAsync("/judging"));
        Assert.DoesNotContain(Badge(total), await zhB.GetHtmlAsync("/judging"));

        static string Link(Assignment x) => $"href=\"/judging/assignments/{x.Id}\"";
        static string Badge(double t) => $"text-bg-success\">{t.ToString("0.0", CultureInfo.InvariantCulture)}</span>";
    }

    [Fact]
    public async Task A_score_shows_on_the_list_and_the_sheet_at_once()
    {
        var (scene, assignments) = await OpenedAsync();
        var judge = scene.Judges[0];
        Assert.All(Rows(await ListAsync(judge)), r => Assert.Null(r.Total));
        Assert.Null((await SheetAsync(judge, assignments[0])).Value.Total);

        var total = (await JudgingScenes.ScoreAsync(app, judge, assignments[0], 8)).Value.Total;
        Assert.Equal(total, Rows(await ListAsync(judge)).Single(r => r.AssignmentId == assignments[0].Id).Total);
        var sheet = (await SheetAsync(judge, assignments[1])).Value;
        Assert.Equal((1, 2), (sheet.Scored, sheet.Assigned));
        Assert.Equal(total, (await SheetAsync(judge, assignments[0])).Value.Total);
    }

    [Fact]
    public async Task A_removed_assignment_leaves_the_list_and_its_sheet_at_once()
    {
        var (scene, assignments) = await OpenedAsync();
        var judge = scene.Judges[0];
        Assert.Equal(2, Rows(await ListAsync(judge)).Count);
        Assert.True((await SheetAsync(judge, assignments[1])).IsOk);

        Assert.True((await app.SendAsync(scene.Organizer, new RemoveAssignmentCommand(assignments[1].Id))).IsOk);
        Assert.Equal([assignments[0].Id], Rows(await ListAsync(judge)).Select(r => r.AssignmentId));
        Assert.Equal(Outcome.NotFound, (await SheetAsync(judge, assignments[1])).Outcome);
        Assert.Null((await SheetAsync(judge, assignments[0])).Value.NextId);
    }

    [Fact]
    public async Task An_assignment_in_a_contest_the_judge_was_not_in_shows_on_the_list_at_once()
    {
        // The versions read finds the judge's contests through the judge's rounds (DataVersions.ForJudgeAsync): a
        // contest that joins them must join the key, or the kept list would be served without it.
        var (scene, _) = await OpenedAsync();
        var judge = scene.Judges[0];
        Assert.Equal([scene.RoundId], (await ListAsync(judge)).Select(r => r.RoundId));

        var other = await JudgingScenes.CreateAsync(app, judges: 1, entries: 2, judgesPerEntry: 2);
        await app.DbAsync(async db => { db.ContestJudges.Add(new ContestJudge { ContestId = other.Contest.Id, JudgeId = judge.Id }); return await db.SaveChangesAsync(); });
        Assert.True((await app.SendAsync(other.Organizer, new SetPanelCommand { CategoryId = other.Stories.Id, JudgeIds = [other.Judges[0].Id, judge.Id] })).IsOk);
        var theirs = (await JudgingScenes.OpenAsync(app, other)).Where(a => a.JudgeId == judge.Id).ToList();
        Assert.Equal(2, theirs.Count);

        var list = await ListAsync(judge);
        Assert.Equal(new[] { scene.RoundId, other.RoundId }.Order(), list.Select(r => r.RoundId).Order());
        Assert.Equal(theirs.Select(a => a.Id).Order(), list.Single(r => r.RoundId == other.RoundId).Assignments.Select(a => a.AssignmentId).Order());
        Assert.True((await SheetAsync(judge, theirs[0])).IsOk);
    }

    [Fact]
    public async Task A_new_recorded_conflict_hides_the_entry_at_once()
    {
        var (scene, assignments) = await OpenedAsync();
        var judge = scene.Judges[0];
        await ListAsync(judge);
        await SheetAsync(judge, assignments[0]);

        Assert.True((await app.SendAsync(scene.Organizer, new AddConflictCommand(assignments[0].EntryId, judge.Id, "亲属"))).IsOk);
        Assert.DoesNotContain(Rows(await ListAsync(judge)), r => r.EntryId == assignments[0].EntryId);
        Assert.Equal(Outcome.NotFound, (await SheetAsync(judge, assignments[0])).Outcome);
    }

    [Fact]
    public async Task A_team_member_from_the_judges_organization_hides_the_entry_at_once()
    {
        var (scene, assignments) = await OpenedAsync();
        var judge = scene.Judges[0];
        await ListAsync(judge);
        await SheetAsync(judge, assignments[1]);

        await app.DbAsync(async db =>
        {
            db.EntryAuthors.Add(new EntryAuthor { EntryId = assignments[1].EntryId, Order = 1, Role = AuthorRole.Author, Name = "合作者", Organization = judge.Organization });
            return await db.SaveChangesAsync();
        });
        Assert.DoesNotContain(Rows(await ListAsync(judge)), r => r.EntryId == assignments[1].EntryId);
        Assert.Equal(Outcome.NotFound, (await SheetAsync(judge, assignments[1])).Outcome);
    }

    [Fact]
    public async Task The_judges_new_organization_hides_an_entry_of_that_organization_at_once()
    {
        var (scene, assignments) = await OpenedAsync(entrantOrganization: i => i == 0 ? "星河传媒" : null);
        var judge = scene.Judges[0];
        Assert.Equal(2, Rows(await ListAsync(judge)).Count);

        await app.DbAsync(async db =>
        {
            (await db.Users.SingleAsync(u => u.Id == judge.Id)).Organization = "星河传媒";
            return await db.SaveChangesAsync();
        });
        Assert.Equal([assignments[1].EntryId], Rows(await ListAsync(judge)).Select(r => r.EntryId));
    }

    [Fact]
    public async Task A_new_title_a_withdrawal_and_a_round_state_show_at_once()
    {
        var (scene, assignments) = await OpenedAsync();
        var judge = scene.Judges[0];
        await ListAsync(judge);
        await SheetAsync(judge, assignments[0]);

        await app.DbAsync(async db =>
        {
            (await db.Entries.SingleAsync(e => e.Id == assignments[0].EntryId)).Title = "改过的标题";
            return await db.SaveChangesAsync();
        });
        Assert.Equal("改过的标题", Rows(await ListAsync(judge)).Single(r => r.EntryId == assignments[0].EntryId).EntryTitle);
        Assert.Equal("改过的标题", (await SheetAsync(judge, assignments[0])).Value.Title);

        var entrant = scene.Entrants[scene.Entries.ToList().FindIndex(e => e.Id == assignments[1].EntryId)];
        Assert.True((await app.SendAsync(entrant, new WithdrawEntryCommand(assignments[1].EntryId))).IsOk);
        Assert.Equal([assignments[0].Id], Rows(await ListAsync(judge)).Select(r => r.AssignmentId));

        Assert.True((await app.SendAsync(scene.Organizer, new ChangeRoundStateCommand(scene.RoundId, RoundState.Closed))).IsOk);
        Assert.Equal(RoundState.Closed, Assert.Single(await ListAsync(judge)).State);
        Assert.Equal(RoundState.Closed, (await SheetAsync(judge, assignments[0])).Value.RoundState);
    }

    [Fact]
    public async Task A_judge_note_shows_on_the_sheet_at_once()
    {
        var (scene, assignments) = await OpenedAsync();
        var judge = scene.Judges[0];
        Assert.Empty((await SheetAsync(judge, assignments[0])).Value.Notes);
        Assert.True((await app.SendAsync(judge, new AddJudgeNoteCommand(assignments[0].Id, 0, "开头很好"))).IsOk);
        Assert.Equal("开头很好", Assert.Single((await SheetAsync(judge, assignments[0])).Value.Notes).Text);
    }

    [Fact]
    public async Task Viewing_evidence_and_drafts_in_a_category_without_a_round_bump_nothing_and_an_entry_in_a_round_does()
    {
        var (scene, assignments) = await OpenedAsync();
        var judge = scene.Judges[0];
        var before = await VersionAsync(scene.Contest.Id);
        var list = await ListAsync(judge);
        Assert.True((await app.SendAsync(judge, new RecordViewingCommand { AssignmentId = assignments[0].Id, ReadingSeconds = 30 })).IsOk);
        Assert.Equal(30, await app.DbAsync(db => db.Assignments.Where(a => a.Id == assignments[0].Id).Select(a => a.ReadingSeconds).SingleAsync()));
        Assert.Equal(before, await VersionAsync(scene.Contest.Id));
        Assert.Same(list, await ListAsync(judge));

        // A call still open: its category has no round, so drafts, their answers and their submission bump nothing.
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var open = await TestData.ContestAsync(app, organizer);
        var stories = open.Categories.Single(c => c.Kind == CategoryKind.Story);
        var writer = await app.CreateUserAsync(Roles.Entrant);
        var draft = new Entry { ContestId = open.Id, CategoryId = stories.Id, EntrantId = writer.Id, State = EntryState.Draft, Title = "草稿", Body = "初稿", CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        await app.DbAsync(async db => { db.Entries.Add(draft); return await db.SaveChangesAsync(); });
        await app.DbAsync(async db =>
        {
            var e = await db.Entries.SingleAsync(x => x.Id == draft.Id);
            e.Body = "第二稿";
            db.EntryAuthors.Add(new EntryAuthor { EntryId = e.Id, Order = 1, Role = AuthorRole.Author, Name = "合作者" });
            return await db.SaveChangesAsync();
        });
        await app.DbAsync(async db => { (await db.Entries.SingleAsync(x => x.Id == draft.Id)).State = EntryState.Submitted; return await db.SaveChangesAsync(); });
        Assert.Equal(0, await VersionAsync(open.Id));

        // The same edit to an entry whose category has a round moves that contest's version.
        await app.DbAsync(async db => { (await db.Entries.SingleAsync(x => x.Id == assignments[0].EntryId)).Body = "修改后的正文"; return await db.SaveChangesAsync(); });
        Assert.Equal(before + 1, await VersionAsync(scene.Contest.Id));
        Assert.NotSame(list, await ListAsync(judge));
    }

    [Fact]
    public async Task Fifty_first_views_of_a_ranking_compute_it_once()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 3, entries: 30, judgesPerEntry: 3);
        foreach (var a in await JudgingScenes.OpenAsync(app, scene, seed: 3))
            Assert.True((await JudgingScenes.ScoreAsync(app, scene.Judges.Single(j => j.Id == a.JudgeId), a, 1 + a.EntryId % 10)).IsOk);
        var computed = new ConcurrentBag<string>();
        var round = await app.DbAsync(db => Task.FromResult(KeptUnderVersions.InDatabase(db, $"{scene.RoundId}|")));
        void Count(string key) { if (key.StartsWith(round, StringComparison.Ordinal)) computed.Add(key); }
        RankingMemo.Computing += Count;
        try
        {
            var views = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => app.SendAsync(scene.Organizer, new RoundRankingQuery(scene.RoundId)))));
            Assert.All(views, v => Assert.True(v.IsOk));
            Assert.Single(computed);
            Assert.All(views, v => Assert.Same(views[0].Value.Rows, v.Value.Rows));
            Assert.Equal(30, views[0].Value.Rows.Count);
        }
        finally { RankingMemo.Computing -= Count; }
    }

    [Fact]
    public async Task A_write_on_one_instance_shows_at_once_on_another()
    {
        await using var instances = await SecondInstance.StartAsync(app.StorageConnectionString, "versions");
        // Here writes to the other instance's database; its memory is not the other's.
        var here = instances.Here;
        var scene = await JudgingScenes.CreateAsync(here, judges: 1, entries: 2, judgesPerEntry: 1);
        var assignments = await JudgingScenes.OpenAsync(here, scene);
        var judge = await instances.SignedInThereAsync(scene.Judges[0]);
        var organizer = await instances.SignedInThereAsync(scene.Organizer);
        var first = (await JudgingScenes.ScoreAsync(here, scene.Judges[0], assignments[0], 3)).Value.Total!.Value;
        Assert.True((await JudgingScenes.ScoreAsync(here, scene.Judges[0], assignments[1], 5)).IsOk);
        Assert.Contains(Badge(first), await judge.GetHtmlAsync("/judging"));
        Assert.Contains(Ranked(first), await organizer.GetHtmlAsync($"/manage/rounds/{scene.RoundId}"));
        Assert.Contains(SheetTotal(first), await judge.GetHtmlAsync($"/judging/assignments/{assignments[0].Id}"));

        var changed = (await JudgingScenes.ScoreAsync(here, scene.Judges[0], assignments[0], 7)).Value.Total!.Value;
        var list = await judge.GetHtmlAsync("/judging");
        Assert.Contains(Badge(changed), list);
        Assert.DoesNotContain(Badge(first), list);
        var round = await organizer.GetHtmlAsync($"/manage/rounds/{scene.RoundId}");
        Assert.Contains(Ranked(changed), round);
        Assert.DoesNotContain(Ranked(first), round);
        Assert.Contains(SheetTotal(changed), await judge.GetHtmlAsync($"/judging/assignments/{assignments[0].Id}"));

        static string Badge(double total) => $"text-bg-success\">{total.ToString("0.0", CultureInfo.InvariantCulture)}</span>";
        static string SheetTotal(double total) => $"id=\"score-total\">{total.ToString("0.0", CultureInfo.InvariantCulture)}<";
        static string Ranked(double total) => total.ToString("0.00", CultureInfo.InvariantCulture);
    }

    // The sets whose rows a judge page or a ranking reads (DataVersions.Collect), as DbSet names and table names.
    private static readonly string[] Versioned =
    [
        "Contests", "Categories", "Rounds", "Criteria", "RoundEntries", "Assignments", "CriterionScores", "JudgeNotes", "Conflicts",
        "Divisions", "Recommendations", "CategoryFields", "AwardTiers", "Entries", "EntryAuthors", "EntryFieldAnswers", "Votes", "Users", "AspNetUsers",
    ];

    private static readonly Regex BulkWrite = new(@"\b(ExecuteUpdate|ExecuteDelete|ExecuteSql)\w*", RegexOptions.Compiled);

    /// <summary>The statement around each bulk write or raw SQL that names a versioned set, in files that never bump.</summary>
    private static IEnumerable<string> UnbumpedBulkWrites(string file, string text)
    {
        if (text.Contains("DataVersions.BumpAsync", StringComparison.Ordinal)) yield break;
        foreach (Match m in BulkWrite.Matches(text))
        {
            var start = text.LastIndexOf(';', m.Index) + 1;
            var end = text.IndexOf(';', m.Index);
            var statement = text[start..(end < 0 ? text.Length : end)];
            if (Versioned.Any(set => Regex.IsMatch(statement, $@"(\.|""){set}\b")))
                yield return $"{file}: {statement.Trim()}";
        }
    }

    [Fact]
    public void No_bulk_write_or_raw_sql_on_a_versioned_set_skips_the_bump()
    {
        // The check itself catches what it is for.
        Assert.Single(UnbumpedBulkWrites("sample", "await db.Assignments.Where(a => a.Id == id).ExecuteDeleteAsync(ct);"));
        Assert.Single(UnbumpedBulkWrites("sample", "await db.Database.ExecuteSqlRawAsync(\"UPDATE \\\"Entries\\\" SET x = 1\");"));
        Assert.Empty(UnbumpedBulkWrites("sample", "await db.Outbox.Where(m => m.Id == id).ExecuteUpdateAsync(s => s.SetProperty(m => m.SentAt, now), ct);"));

        var src = Path.Combine(RepoRoot.Path, "src", "BrandStoryContest.Web");
        var found = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}PostgresMigrations{Path.DirectorySeparatorChar}")
                && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")
                && Path.GetFileName(f) != "DataVersions.cs")
            .SelectMany(f => UnbumpedBulkWrites(Path.GetRelativePath(src, f), File.ReadAllText(f))).ToList();
        Assert.True(found.Count == 0, "Bulk writes that bypass SaveChanges (and so the data version) on what judges' pages or rankings read; "
            + "call DataVersions.BumpAsync in their transaction:\n" + string.Join("\n", found));
    }

    /// <summary>One judge with two assignments in an open round.</summary>
    private async Task<(JudgingScene, List<Assignment>)> OpenedAsync(Func<int, string?>? entrantOrganization = null)
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 1, entries: 2, judgesPerEntry: 1, entrantOrganization: entrantOrganization);
        var assignments = (await JudgingScenes.OpenAsync(app, scene)).OrderBy(a => scene.Entries.ToList().FindIndex(e => e.Id == a.EntryId)).ToList();
        return (scene, assignments);
    }

    private async Task<IReadOnlyList<JudgeRound>> ListAsync(Account judge) => (await app.SendAsync(judge, new MyAssignmentsQuery())).Value;

    private static List<AssignmentRow> Rows(IReadOnlyList<JudgeRound> list) => list.SelectMany(r => r.Assignments).ToList();

    private Task<Result<ScoreSheetView>> SheetAsync(Account judge, Assignment a) => app.SendAsync(judge, new ScoreSheetQuery(a.Id, Languages.Chinese));

    private Task<long> VersionAsync(int contestId) => app.DbAsync(db =>
        db.DataVersions.Where(v => v.ContestId == contestId && v.Kind == VersionKind.Judging).Select(v => v.Version).FirstOrDefaultAsync());
}
