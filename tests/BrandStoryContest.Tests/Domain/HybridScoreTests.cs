using BrandStoryContest.Web.Domain;

namespace BrandStoryContest.Tests.Domain;

public sealed class HybridScoreTests
{
    private static RankedEntry Jury(int entryId, int rank, double score) => new(entryId, rank, score, [], []);

    [Fact]
    public void Public_score_is_votes_scaled_to_the_most_voted_entry()
    {
        Assert.Equal(100, HybridScore.PublicScore(40, 40));
        Assert.Equal(25, HybridScore.PublicScore(10, 40));
        Assert.Equal(0, HybridScore.PublicScore(0, 40));
        Assert.Equal(0, HybridScore.PublicScore(0, 0)); // nobody voted: the public part is 0 for all, not a division by zero
    }

    [Fact]
    public void Sixty_forty_on_hand_computed_numbers()
    {
        // Jury (already 0..100): A 90, B 70, C 50. Votes: A 2, B 10, C 5 → public A 20, B 100, C 50.
        // Combined, 40 % public: A 90·0.6 + 20·0.4 = 62; B 70·0.6 + 100·0.4 = 82; C 50·0.6 + 50·0.4 = 50.
        var jury = new[] { Jury(1, 1, 90), Jury(2, 2, 70), Jury(3, 3, 50) };
        var ranked = HybridScore.Rank(jury, AggregationMethod.Mean, new Dictionary<int, int> { [1] = 2, [2] = 10, [3] = 5 }, 10, 40, new HashSet<int>());

        Assert.Equal(new[] { 2, 1, 3 }, ranked.Select(r => r.Ranked.EntryId));
        Assert.Equal(new[] { 1, 2, 3 }, ranked.Select(r => r.Ranked.Rank));
        Assert.Equal(new[] { 82.0, 62.0, 50.0 }, ranked.Select(r => r.Ranked.Score));
        var a = ranked.Single(r => r.Ranked.EntryId == 1).Parts;
        Assert.Equal(new HybridParts(90, 90, 2, 20, 62, true), a);
    }

    [Fact]
    public void Weight_zero_keeps_the_jury_ranking_and_weight_hundred_is_the_vote()
    {
        var jury = new[] { Jury(1, 1, 90), Jury(2, 2, 70) };
        var votes = new Dictionary<int, int> { [1] = 1, [2] = 4 };
        Assert.Equal(new[] { 1, 2 }, HybridScore.Rank(jury, AggregationMethod.Mean, votes, 4, 0, new HashSet<int>()).Select(r => r.Ranked.EntryId));
        var pub = HybridScore.Rank(jury, AggregationMethod.Mean, votes, 4, 100, new HashSet<int>());
        Assert.Equal(new[] { 2, 1 }, pub.Select(r => r.Ranked.EntryId));
        Assert.Equal(new[] { 100.0, 25.0 }, pub.Select(r => r.Ranked.Score));
    }

    [Fact]
    public void Equal_combined_scores_keep_the_jury_order_and_are_marked_tied()
    {
        // A: 80·0.5 + 0·0.5 = 40; B: 60·0.5 + 20·0.5 = 40 (1 of 5 votes). The jury ranked A first, so A stays first.
        var jury = new[] { Jury(1, 1, 80), Jury(2, 2, 60), Jury(3, 3, 10) };
        var ranked = HybridScore.Rank(jury, AggregationMethod.Mean, new Dictionary<int, int> { [2] = 1, [3] = 5 }, 5, 50, new HashSet<int>());
        Assert.Equal(new[] { 3, 1, 2 }, ranked.Select(r => r.Ranked.EntryId)); // C: 10·0.5 + 100·0.5 = 55
        Assert.False(ranked[1].Ranked.TiedWithPrevious);
        Assert.True(ranked[2].Ranked.TiedWithPrevious);
        Assert.Equal(40, ranked[2].Ranked.Score);
    }

    [Fact]
    public void A_z_score_jury_is_stretched_so_the_best_entry_gets_100_and_the_weakest_0()
    {
        var jury = new[] { Jury(1, 1, 1.5), Jury(2, 2, 0.5), Jury(3, 3, -0.5) };
        var on100 = HybridScore.JuryOn100(jury, AggregationMethod.ZScoreMean);
        Assert.Equal(100, on100[1]);
        Assert.Equal(50, on100[2]);
        Assert.Equal(0, on100[3]);
        // Mean and trimmed mean are already 0..100 and pass through unchanged.
        Assert.Equal(1.5, HybridScore.JuryOn100(jury, AggregationMethod.Mean)[1]);
    }

    [Fact]
    public void Entries_not_in_the_public_vote_get_a_public_score_of_0()
    {
        var ranked = HybridScore.Rank([Jury(1, 1, 80)], AggregationMethod.Mean, new Dictionary<int, int>(), 7, 30, new HashSet<int> { 1 });
        Assert.Equal(new HybridParts(80, 80, 0, 0, 56, false), ranked[0].Parts);
    }

    [Fact]
    public void The_vote_cutoff_takes_the_top_n_and_everyone_tied_with_the_nth()
    {
        var votes = new Dictionary<int, int> { [1] = 9, [2] = 5, [3] = 5, [4] = 2, [5] = 0 };
        Assert.Equal(new[] { 1 }, VoteCutoff.TopByVotes(votes, 1).Order());
        Assert.Equal(new[] { 1, 2, 3 }, VoteCutoff.TopByVotes(votes, 2).Order());
        Assert.Equal(new[] { 1, 2, 3 }, VoteCutoff.TopByVotes(votes, 3).Order());
        Assert.Equal(new[] { 1, 2, 3, 4, 5 }, VoteCutoff.TopByVotes(votes, 9).Order());
    }
}
