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
        // The query form of the rule (for lists of rounds) answers as the rule itself does.
        void Open(bool expected, DateTimeOffset at)
        {
            Assert.Equal(expected, round.IsPublicVotingOpen(at));
            Assert.Equal(expected, Round.PublicVotingOpenAt(at).Compile()(round));
        }
        Open(true, now);
        Open(true, now.AddHours(-1));
        Open(false, now.AddHours(1));
        Open(false, now.AddHours(-2));
        round.State = RoundState.Finalized;
        Open(false, now);
        round.State = RoundState.Closed;
        Open(true, now);
        round.VotingClosesAt = null;
        Open(false, now);
    }
}
