using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Tests.Judging;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Features.Awards;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Features.Objections;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Awards;

/// <summary>Nothing public unblinds a running round: no notice, no published results while a round of the category is Open or Closed.</summary>
public sealed class RunningRoundTests(AwardsApp app) : IClassFixture<AwardsApp>
{
    [Theory]
    [InlineData(RoundState.Draft, false)]
    [InlineData(RoundState.Open, true)]
    [InlineData(RoundState.Closed, true)]
    [InlineData(RoundState.Finalized, false)]
    public void The_rule_lives_on_the_round(RoundState state, bool blocks) => Assert.Equal(blocks, new Round { State = state }.BlocksAnnouncing);

    /// <summary>Round 1 finalized and awards proposed from it; the three entries advanced to a final round that is now Open.</summary>
    private async Task<(JudgingScene Scene, int FinalRoundId)> FinalRoundOpenAsync(int noticeDays)
    {
        var scene = await JudgingScenes.FinalizedAsync(app, 9, 7, 5);
        Assert.True((await app.SendAsync(scene.Organizer, new EnsureAwardTiersCommand(scene.Contest.Id))).IsOk);
        await app.DbAsync(async db =>
        {
            var t = await db.AwardTiers.Where(x => x.CategoryId == scene.Stories.Id).OrderBy(x => x.Order).ToListAsync();
            t[0].Quota = 1; t[1].Quota = 1; t[2].Quota = 1; t[3].Quota = 0;
            (await db.Contests.SingleAsync(c => c.Id == scene.Contest.Id)).NoticeDays = noticeDays;
            return await db.SaveChangesAsync();
        });
        Assert.True((await app.SendAsync(scene.Organizer, new ProposeAwardsCommand(scene.Stories.Id))).IsOk);
        var next = await app.SendAsync(scene.Organizer, new AdvanceEntriesCommand { RoundId = scene.RoundId, TopN = 3, Confirm = true, NextRoundName = "终评" });
        var finalRound = next.Value.NextRoundId!.Value;
        await JudgingScenes.OpenAsync(app, scene, roundId: finalRound);
        return (scene, finalRound);
    }

    private async Task FinishAsync(JudgingScene scene, int roundId)
    {
        foreach (var a in await JudgingScenes.AssignmentsAsync(app, roundId)) await JudgingScenes.ScoreAsync(app, scene.Judges[0], a, 8);
        Assert.True((await app.SendAsync(scene.Organizer, new ChangeRoundStateCommand(roundId, RoundState.Closed))).IsOk);
    }

    private Task<Contest> ContestAsync(JudgingScene scene) => app.DbAsync(db => db.Contests.AsNoTracking().SingleAsync(c => c.Id == scene.Contest.Id));

    [Fact]
    public async Task The_notice_cannot_open_while_a_round_is_open_or_closed_but_not_finalized()
    {
        var (scene, finalRound) = await FinalRoundOpenAsync(noticeDays: 7);
        var open = await app.SendAsync(scene.Organizer, new OpenNoticePeriodCommand(scene.Contest.Id));
        Assert.Contains("still being judged", open.Violations.Single().Key);
        Assert.Equal("终评", open.Violations.Single().Args[0]);

        await FinishAsync(scene, finalRound);
        Assert.Contains("still being judged", (await app.SendAsync(scene.Organizer, new OpenNoticePeriodCommand(scene.Contest.Id))).Violations.Single().Key);
        Assert.Null((await ContestAsync(scene)).NoticeStartedAt);
        Assert.DoesNotContain(await app.DbAsync(db => db.Outbox.Select(m => m.Subject).ToListAsync()), s => s.Contains(scene.Contest.TitleZh) && s.StartsWith("拟获奖"));

        Assert.True((await app.SendAsync(scene.Organizer, new ChangeRoundStateCommand(finalRound, RoundState.Finalized))).IsOk);
        Assert.True((await app.SendAsync(scene.Organizer, new OpenNoticePeriodCommand(scene.Contest.Id))).IsOk);
        Assert.NotNull((await ContestAsync(scene)).NoticeStartedAt);
    }

    [Fact]
    public async Task Results_cannot_be_published_while_a_round_is_open_or_closed_but_not_finalized()
    {
        var (scene, finalRound) = await FinalRoundOpenAsync(noticeDays: 0);
        Assert.Contains("still being judged", (await app.SendAsync(scene.Organizer, new PublishResultsCommand(scene.Contest.Id))).Violations.Single().Key);
        await FinishAsync(scene, finalRound);
        Assert.Contains("still being judged", (await app.SendAsync(scene.Organizer, new PublishResultsCommand(scene.Contest.Id))).Violations.Single().Key);
        Assert.Null((await ContestAsync(scene)).ResultsPublishedAt);

        Assert.True((await app.SendAsync(scene.Organizer, new ChangeRoundStateCommand(finalRound, RoundState.Finalized))).IsOk);
        Assert.True((await app.SendAsync(scene.Organizer, new PublishResultsCommand(scene.Contest.Id))).IsOk);
        Assert.NotNull((await ContestAsync(scene)).ResultsPublishedAt);
    }
}
