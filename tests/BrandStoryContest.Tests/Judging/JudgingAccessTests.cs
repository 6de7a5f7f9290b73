using System.Net;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Contests;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Infrastructure.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BrandStoryContest.Tests.Judging;

/// <summary>
/// A judge reaches only what is assigned, in a round that is Open (read and write) or Closed (read only), on an
/// entry still in the contest, never across a conflict; the same on every surface: the /judging list, the score
/// sheet, scoring, notes, viewing evidence and entry media.
/// </summary>
public sealed class JudgingAccessTests(AppFactory app) : IClassFixture<AppFactory>
{
    /// <summary>What the judge reaches of one assignment, surface by surface.</summary>
    private sealed record Reach(bool Listed, bool Sheet, Result<ScoreEntryResult> Score, bool NoteAdded, bool NoteDeleted, bool Viewing, HttpStatusCode Media);

    private async Task<(JudgingScene Scene, Assignment A, Account Judge, int NoteId)> OpenAsync()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 1, entries: 2, judgesPerEntry: 1);
        var a = (await JudgingScenes.OpenAsync(app, scene)).Single(x => x.EntryId == scene.Entries[0].Id);
        // A cover to serve as the entry's media, in the real blob store.
        var blob = $"test/{Guid.NewGuid():N}.jpg";
        using (var scope = app.Services.CreateScope())
            await scope.ServiceProvider.GetRequiredService<IBlobStore>().UploadAsync(blob, new MemoryStream([0xFF, 0xD8, 0xFF, 0xD9]), "image/jpeg", default);
        await app.DbAsync(async db => { (await db.Entries.SingleAsync(e => e.Id == a.EntryId)).CoverBlob = blob; return await db.SaveChangesAsync(); });
        Assert.True((await app.SendAsync(scene.Judges[0], new AddJudgeNoteCommand(a.Id, 0, "开场很好"))).IsOk);
        var noteId = await app.DbAsync(db => db.JudgeNotes.Where(n => n.AssignmentId == a.Id).Select(n => n.Id).SingleAsync());
        return (scene, a, scene.Judges[0], noteId);
    }

    private async Task<Reach> ReachAsync(Assignment a, Account judge, int noteId)
    {
        var listed = (await app.SendAsync(judge, new MyAssignmentsQuery())).Value.SelectMany(r => r.Assignments).Any(x => x.AssignmentId == a.Id);
        var sheet = (await app.SendAsync(judge, new ScoreSheetQuery(a.Id, Languages.Chinese))).IsOk;
        var score = await JudgingScenes.ScoreAsync(app, judge, a, 7);
        var note = (await app.SendAsync(judge, new AddJudgeNoteCommand(a.Id, 0, "再看一遍"))).IsOk;
        var deleted = (await app.SendAsync(judge, new DeleteJudgeNoteCommand(noteId))).IsOk;
        var viewing = (await app.SendAsync(judge, new RecordViewingCommand { AssignmentId = a.Id, ReadingSeconds = 5 })).IsOk;
        var web = Browserless.For(app);
        await web.SignInAsync(judge.Email!, AppFactory.TestPassword);
        var media = (await web.Client.GetAsync($"/media/entries/{a.EntryId}/Cover")).StatusCode;
        return new Reach(listed, sheet, score, note, deleted, viewing, media);
    }

    private static void AssertNothingReached(Reach reach)
    {
        Assert.False(reach.Listed);
        Assert.False(reach.Sheet);
        Assert.False(reach.Score.IsOk);
        Assert.False(reach.NoteAdded);
        Assert.False(reach.NoteDeleted);
        Assert.False(reach.Viewing);
        Assert.Equal(HttpStatusCode.NotFound, reach.Media);
    }

    [Fact]
    public async Task In_an_open_round_the_judge_reaches_the_assigned_entry_everywhere()
    {
        var (_, a, judge, noteId) = await OpenAsync();
        var reach = await ReachAsync(a, judge, noteId);
        Assert.True(reach.Listed);
        Assert.True(reach.Sheet);
        Assert.True(reach.Score.IsOk);
        Assert.True(reach.NoteAdded);
        Assert.True(reach.NoteDeleted);
        Assert.True(reach.Viewing);
        Assert.Equal(HttpStatusCode.OK, reach.Media);
    }

    [Fact]
    public async Task A_disqualified_entry_is_out_of_reach_on_every_surface()
    {
        var (scene, a, judge, noteId) = await OpenAsync();
        Assert.True((await app.SendAsync(scene.Organizer, new DisqualifyEntryCommand(a.EntryId, "抄袭往届作品"))).IsOk);
        var reach = await ReachAsync(a, judge, noteId);
        AssertNothingReached(reach);
        Assert.Equal(Outcome.NotFound, reach.Score.Outcome);
        // The other entry of the round is untouched.
        Assert.Single((await app.SendAsync(judge, new MyAssignmentsQuery())).Value.SelectMany(r => r.Assignments));
    }

    [Fact]
    public async Task A_withdrawn_entry_is_out_of_reach_on_every_surface()
    {
        var (_, a, judge, noteId) = await OpenAsync();
        await app.DbAsync(async db => { (await db.Entries.SingleAsync(e => e.Id == a.EntryId)).Withdraw(DateTimeOffset.UtcNow); return await db.SaveChangesAsync(); });
        var reach = await ReachAsync(a, judge, noteId);
        AssertNothingReached(reach);
        Assert.Equal(Outcome.NotFound, reach.Score.Outcome);
    }

    [Fact]
    public async Task Nothing_of_a_draft_round_is_reached()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 1, entries: 1, judgesPerEntry: 1);
        await app.SendAsync(scene.Organizer, new AssignJudgesCommand(scene.RoundId));
        var a = (await JudgingScenes.AssignmentsAsync(app, scene.RoundId)).Single();
        var reach = await ReachAsync(a, scene.Judges[0], noteId: 0);
        AssertNothingReached(reach);
    }

    [Fact]
    public async Task A_closed_round_is_read_only_and_a_finalized_one_is_gone()
    {
        var (scene, a, judge, noteId) = await OpenAsync();
        foreach (var x in await JudgingScenes.AssignmentsAsync(app, scene.RoundId)) Assert.True((await JudgingScenes.ScoreAsync(app, judge, x, 6)).IsOk);
        Assert.True((await app.SendAsync(scene.Organizer, new ChangeRoundStateCommand(scene.RoundId, RoundState.Closed))).IsOk);

        var closed = await ReachAsync(a, judge, noteId);
        Assert.True(closed.Listed);
        Assert.True(closed.Sheet);
        Assert.Equal(HttpStatusCode.OK, closed.Media);
        Assert.NotEqual(Outcome.NotFound, closed.Score.Outcome);
        Assert.False(closed.Score.IsOk);
        Assert.Contains("can no longer be changed", closed.Score.Violations.Single().Key);
        Assert.False(closed.NoteAdded);
        Assert.False(closed.NoteDeleted);
        Assert.False(closed.Viewing);
        Assert.Equal(60, await app.DbAsync(db => db.Assignments.Where(x => x.Id == a.Id).Select(x => x.Total).SingleAsync()));
        Assert.Equal(1, await app.DbAsync(db => db.JudgeNotes.CountAsync(n => n.AssignmentId == a.Id)));
        Assert.Equal(0, await app.DbAsync(db => db.Assignments.Where(x => x.Id == a.Id).Select(x => x.ReadingSeconds).SingleAsync()));

        Assert.True((await app.SendAsync(scene.Organizer, new ChangeRoundStateCommand(scene.RoundId, RoundState.Finalized))).IsOk);
        AssertNothingReached(await ReachAsync(a, judge, noteId));
    }

    [Fact]
    public async Task A_conflict_found_after_assignment_closes_every_surface()
    {
        var (scene, a, judge, noteId) = await OpenAsync();
        // Scored, so the conflict does not release the assignment: it stays, and must still be out of reach.
        Assert.True((await JudgingScenes.ScoreAsync(app, judge, a, 6)).IsOk);
        Assert.Equal(Outcome.Ok, (await app.SendAsync(scene.Organizer, new AddConflictCommand(a.EntryId, judge.Id, "作者是评委的亲属"))).Outcome);
        Assert.True(await app.DbAsync(db => db.Assignments.AnyAsync(x => x.Id == a.Id)));

        var reach = await ReachAsync(a, judge, noteId);
        AssertNothingReached(reach);
        Assert.Contains("conflict of interest", reach.Score.Violations.Single().Key);
        Assert.Equal(60, await app.DbAsync(db => db.Assignments.Where(x => x.Id == a.Id).Select(x => x.Total).SingleAsync()));
    }

    [Fact]
    public async Task A_same_organization_conflict_closes_the_sheet_and_the_media()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 1, entries: 1, judgesPerEntry: 1);
        var a = (await JudgingScenes.OpenAsync(app, scene)).Single();
        // The organizer placed this judge by hand before the judge moved to the entrant's organization.
        await app.DbAsync(async db => { (await db.Users.SingleAsync(u => u.Id == scene.Judges[0].Id)).Organization = scene.Entrants[0].Organization; return await db.SaveChangesAsync(); });
        var reach = await ReachAsync(a, scene.Judges[0], noteId: 0);
        AssertNothingReached(reach);
    }
}
