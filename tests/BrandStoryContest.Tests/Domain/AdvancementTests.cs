using BrandStoryContest.Web.Domain;
using Xunit;

namespace BrandStoryContest.Tests.Domain;

public sealed class AdvancementTests
{
    /// <summary>A ranking in the given order; entry ids are 1, 2, 3, ... so they read as positions.</summary>
    private static List<RankedEntry> Ranking(params double[] scores) =>
        scores.Select((score, i) => new RankedEntry(i + 1, i + 1, score, [], [])).ToList();

    [Fact]
    public void Top_n_takes_exactly_n_when_the_cut_falls_between_different_scores()
    {
        var result = Advancement.TopN(Ranking(90, 80, 70, 60), 2);

        Assert.Equal([1, 2], result.Advancing);
        Assert.Empty(result.TiedAtCutoff);
    }

    [Fact]
    public void Top_n_sends_every_entry_tied_across_the_cut_to_the_organizer()
    {
        // Ranks 3, 4 and 5 share 70 and the cut is after rank 3: the 70s straddle it.
        var result = Advancement.TopN(Ranking(90, 80, 70, 70, 70, 60), 3);

        Assert.Equal([1, 2], result.Advancing);
        Assert.Equal([3, 4, 5], result.TiedAtCutoff);
    }

    [Fact]
    public void Top_n_ignores_ties_that_sit_entirely_above_the_cut()
    {
        var result = Advancement.TopN(Ranking(90, 80, 80, 70), 3);

        Assert.Equal([1, 2, 3], result.Advancing);
        Assert.Empty(result.TiedAtCutoff);
    }

    [Fact]
    public void Top_n_with_the_whole_top_tied_advances_nobody_automatically()
    {
        var result = Advancement.TopN(Ranking(80, 80, 80), 1);

        Assert.Empty(result.Advancing);
        Assert.Equal([1, 2, 3], result.TiedAtCutoff);
    }

    [Fact]
    public void Top_n_at_or_beyond_the_field_size_advances_everyone_and_zero_advances_nobody()
    {
        Assert.Equal([1, 2], Advancement.TopN(Ranking(70, 70), 2).Advancing);
        Assert.Equal([1, 2], Advancement.TopN(Ranking(70, 60), 5).Advancing);
        Assert.Empty(Advancement.TopN(Ranking(70, 60), 0).Advancing);
        Assert.Empty(Advancement.TopN(Ranking(70, 60), 0).TiedAtCutoff);
    }

    [Fact]
    public void Top_n_follows_rank_even_if_the_list_arrives_shuffled()
    {
        var ranking = Ranking(90, 80, 70);
        ranking.Reverse();

        Assert.Equal([1, 2], Advancement.TopN(ranking, 2).Advancing);
    }

    [Fact]
    public void Threshold_is_inclusive_and_never_reports_ties()
    {
        var result = Advancement.Threshold(Ranking(90, 75, 75, 60), 75);

        Assert.Equal([1, 2, 3], result.Advancing);
        Assert.Empty(result.TiedAtCutoff);
    }
}
