using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Judging;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Judging;

public sealed class ViewingEvidenceTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public void Played_ranges_merge_so_replays_and_seeks_never_count_twice()
    {
        var merged = Viewing.Merge([(0, 10), (5, 20), (50, 60), (55, 58), (-3, 1), (95, 130)], duration: 100);
        Assert.Equal([(0.0, 20.0), (50.0, 60.0), (95.0, 100.0)], merged);
        Assert.Equal(0.35, Viewing.Fraction(merged, 100), 9);
        Assert.Equal(merged, Viewing.Parse(Viewing.Format(merged)).ToList());
    }

    [Fact]
    public async Task A_round_can_require_judges_to_watch_a_share_of_the_film_before_scoring()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 1, entries: 1, judgesPerEntry: 1);
        await app.DbAsync(async db =>
        {
            var entry = await db.Entries.SingleAsync(e => e.Id == scene.Entries[0].Id);
            entry.FilmBlob = "entries/x/film/y"; // scored as a film: the rule looks at what was played of it
            entry.DurationSeconds = 200;
            var round = await db.Rounds.SingleAsync(r => r.Id == scene.RoundId);
            round.MinWatchedFraction = 0.5;
            return await db.SaveChangesAsync();
        });
        var a = (await JudgingScenes.OpenAsync(app, scene)).Single();
        var judge = scene.Judges[0];

        var early = await JudgingScenes.ScoreAsync(app, judge, a, 8);
        Assert.False(early.IsOk);
        Assert.Contains("Watch at least", early.Violations.Single().Key);

        // 0–60 s, then a seek back over 30–80 s: 80 of 200 seconds, 40 %.
        Assert.Equal(0.3, (await app.SendAsync(judge, new RecordViewingCommand { AssignmentId = a.Id, Ranges = [[0, 60]] })).Value);
        Assert.Equal(0.4, (await app.SendAsync(judge, new RecordViewingCommand { AssignmentId = a.Id, Ranges = [[30, 80]] })).Value);
        Assert.False((await JudgingScenes.ScoreAsync(app, judge, a, 8)).IsOk);
        Assert.Equal(0.55, (await app.SendAsync(judge, new RecordViewingCommand { AssignmentId = a.Id, Ranges = [[150, 180]], ReadingSeconds = 5000 })).Value);
        Assert.True((await JudgingScenes.ScoreAsync(app, judge, a, 8)).IsOk);

        var stored = await app.DbAsync(db => db.Assignments.SingleAsync(x => x.Id == a.Id));
        Assert.Equal("0-80;150-180", stored.WatchedRanges);
        Assert.Equal(RecordViewingHandler.MaxReadingSecondsPerReport, stored.ReadingSeconds); // an absurd report is capped

        // Another judge cannot report viewing on this assignment.
        var other = await app.CreateUserAsync(Roles.Judge);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(other, new RecordViewingCommand { AssignmentId = a.Id, Ranges = [[0, 200]] })).Outcome);
    }

    [Fact]
    public async Task A_judge_pins_notes_to_moments_of_the_film_and_only_on_their_own_assignment()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 2, entries: 1, judgesPerEntry: 1);
        await app.DbAsync(async db =>
        {
            var entry = await db.Entries.SingleAsync(e => e.Id == scene.Entries[0].Id);
            entry.DurationSeconds = 300;
            return await db.SaveChangesAsync();
        });
        var a = (await JudgingScenes.OpenAsync(app, scene)).Single();
        var judge = scene.Judges.Single(j => j.Id == a.JudgeId);
        var other = scene.Judges.Single(j => j.Id != a.JudgeId);

        Assert.True((await app.SendAsync(judge, new AddJudgeNoteCommand(a.Id, 133.4, "02:13 品牌标志出现"))).IsOk);
        Assert.Equal(Outcome.Refused, (await app.SendAsync(judge, new AddJudgeNoteCommand(a.Id, 999, "after the end"))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(other, new AddJudgeNoteCommand(a.Id, 10, "not mine"))).Outcome);
        var sheet = (await app.SendAsync(judge, new ScoreSheetQuery(a.Id, Languages.Chinese))).Value;
        var note = Assert.Single(sheet.Notes);
        Assert.Equal(("02:13", "02:13 品牌标志出现"), (note.Timestamp, note.Text));
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(other, new DeleteJudgeNoteCommand(note.Id))).Outcome);
        Assert.Equal(a.Id, (await app.SendAsync(judge, new DeleteJudgeNoteCommand(note.Id))).Value);
    }
}
