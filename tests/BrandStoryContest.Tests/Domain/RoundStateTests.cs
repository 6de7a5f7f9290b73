using BrandStoryContest.Web.Domain;

namespace BrandStoryContest.Tests.Domain;

public sealed class RoundStateTests
{
    [Theory]
    [InlineData(RoundState.Draft, new[] { RoundState.Open })]
    [InlineData(RoundState.Open, new[] { RoundState.Closed })]
    [InlineData(RoundState.Closed, new[] { RoundState.Open, RoundState.Finalized })]
    [InlineData(RoundState.Finalized, new RoundState[0])]
    public void A_round_moves_one_step_at_a_time_and_a_closed_round_may_reopen_until_finalized(RoundState from, RoundState[] next)
    {
        var round = new Round { State = from };
        Assert.Equal(next, round.NextStates);
        foreach (var to in Enum.GetValues<RoundState>()) Assert.Equal(next.Contains(to), round.CanMoveTo(to));
    }

    [Fact]
    public void Public_voting_is_open_inside_its_period_and_never_once_the_round_is_finalized()
    {
        var now = new DateTimeOffset(2030, 1, 1, 12, 0, 0, TimeSpan.Zero);
        var round = new Round { State = RoundState.Open, VotingOpensAt = now.AddHours(-1), VotingClosesAt = now.AddHours(1) };
        Assert.True(round.IsPublicVotingOpen(now));
        Assert.False(round.IsPublicVotingOpen(now.AddHours(1)));
        Assert.False(round.IsPublicVotingOpen(now.AddHours(-2)));
        round.State = RoundState.Finalized;
        Assert.False(round.IsPublicVotingOpen(now));
    }
}
