using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Infrastructure.Results;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Judging;

/// <summary>
/// The judge's list and score sheet read the conflict rule for all their entries at once (JudgeConflicts), not entry
/// by entry: the same rule as scoring and assignment, over the entry's whole team, recorded conflicts only of the
/// entry's own contest; and the sheet's story shows the text as it is now.
/// </summary>
public sealed class JudgeListTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_team_members_organization_or_recorded_conflict_hides_the_entry_from_the_list_and_the_sheet_and_only_in_its_own_contest()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 1, entries: 3, judgesPerEntry: 1);
        var other = await JudgingScenes.CreateAsync(app, judges: 1, entries: 1, judgesPerEntry: 1);
        var judge = scene.Judges[0];
        var assignments = (await JudgingScenes.OpenAsync(app, scene)).ToDictionary(a => a.EntryId);
        var (sameOrganization, recordedWithCoAuthor, recordedElsewhere) = (scene.Entries[0].Id, scene.Entries[1].Id, scene.Entries[2].Id);
        await app.DbAsync(async db =>
        {
            // Found after assignment: a co-author from the judge's organization (spelled differently), and a co-author
            // account the judge has a recorded conflict with in this contest.
            db.EntryAuthors.Add(new EntryAuthor { EntryId = sameOrganization, Order = 1, Role = AuthorRole.Author, Name = "合作者", Organization = $" {judge.Organization!.ToUpperInvariant()} " });
            db.EntryAuthors.Add(new EntryAuthor { EntryId = recordedWithCoAuthor, Order = 1, Role = AuthorRole.Author, Name = "合作者", AccountId = scene.Organizer.Id });
            db.Conflicts.Add(new Conflict { ContestId = scene.Contest.Id, JudgeId = judge.Id, EntrantId = scene.Organizer.Id, CreatedAt = DateTimeOffset.UtcNow });
            // A conflict with the third entrant, but recorded for another contest: it does not reach this one.
            db.Conflicts.Add(new Conflict { ContestId = other.Contest.Id, JudgeId = judge.Id, EntrantId = scene.Entrants[2].Id, CreatedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });

        var listed = (await app.SendAsync(judge, new MyAssignmentsQuery())).Value.SelectMany(r => r.Assignments).Select(a => a.EntryId).ToList();
        Assert.Equal([recordedElsewhere], listed);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(judge, new ScoreSheetQuery(assignments[sameOrganization].Id, Languages.Chinese))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(judge, new ScoreSheetQuery(assignments[recordedWithCoAuthor].Id, Languages.Chinese))).Outcome);
        var sheet = await app.SendAsync(judge, new ScoreSheetQuery(assignments[recordedElsewhere].Id, Languages.Chinese));
        Assert.True(sheet.IsOk);
        // The neighbours and the count leave the conflicted entries out too.
        Assert.Equal((1, null, null), (sheet.Value.Assigned, sheet.Value.PreviousId, sheet.Value.NextId));
        // Scoring answers the same through its own check (JudgingAccess.ReachAsync).
        Assert.False((await JudgingScenes.ScoreAsync(app, judge, assignments[sameOrganization], 7)).IsOk);
        Assert.True((await JudgingScenes.ScoreAsync(app, judge, assignments[recordedElsewhere], 7)).IsOk);
    }

    [Fact]
    public async Task The_sheet_shows_the_story_as_it_is_after_an_edit_or_a_redaction()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 1, entries: 2, judgesPerEntry: 1);
        var a = (await JudgingScenes.OpenAsync(app, scene)).Single(x => x.EntryId == scene.Entries[0].Id);
        async Task<string> StoryAsync() => (await app.SendAsync(scene.Judges[0], new ScoreSheetQuery(a.Id, Languages.Chinese))).Value.SafeStoryHtml;
        async Task SetAsync(Action<Entry> change) =>
            await app.DbAsync(async db => { change(await db.Entries.SingleAsync(e => e.Id == a.EntryId)); return await db.SaveChangesAsync(); });

        await SetAsync(e => e.Body = "第一版：**质量**是品牌的根。");
        Assert.Contains("<strong>质量</strong>", await StoryAsync());
        Assert.Contains("<strong>质量</strong>", await StoryAsync());
        await SetAsync(e => e.Body = "第二版：<script>alert(1)</script>*诚信*经营。");
        var second = await StoryAsync();
        Assert.Contains("<em>诚信</em>", second);
        Assert.DoesNotContain("第一版", second);
        Assert.DoesNotContain("<script", second);
        await SetAsync(e => e.RedactedBody = "第二版：[已删除]经营。");
        var redacted = await StoryAsync();
        Assert.Contains("[已删除]", redacted);
        Assert.DoesNotContain("诚信", redacted);
    }
}
