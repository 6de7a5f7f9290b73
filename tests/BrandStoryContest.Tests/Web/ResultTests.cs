using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;

namespace BrandStoryContest.Tests.Web;

public sealed class ResultTests
{
    private static Result<int> Answer(int? value, bool refuse) =>
        refuse ? new RuleViolation("Title", "The title is required.") : value is { } v ? v : Result.NotFound;

    [Fact]
    public void A_handler_returns_a_value_a_violation_or_not_found_and_each_becomes_its_outcome()
    {
        var ok = Answer(7, refuse: false);
        Assert.Equal((Outcome.Ok, 7), (ok.Outcome, ok.Value));
        Assert.Empty(ok.Violations);

        var missing = Answer(null, refuse: false);
        Assert.Equal(Outcome.NotFound, missing.Outcome);
        Assert.Throws<InvalidOperationException>(() => missing.Value);

        var refused = Answer(7, refuse: true);
        Assert.Equal(Outcome.Refused, refused.Outcome);
        Assert.Equal("Title", Assert.Single(refused.Violations).Field);
        Assert.Throws<InvalidOperationException>(() => refused.Value);
    }

    [Fact]
    public void Map_keeps_a_refusal_and_not_found_and_maps_only_a_value()
    {
        Assert.Equal("14", Answer(7, false).Map(v => (v * 2).ToString()).Value);
        Assert.Equal(Outcome.NotFound, Answer(null, false).Map(v => v.ToString()).Outcome);
        Result<string> refused = Result.Refuse("The round is closed.");
        Assert.Equal("The round is closed.", Assert.Single(refused.Map(s => s.Length).Violations).Key);
    }

    [Fact]
    public void A_refusal_must_name_a_broken_rule()
    {
        Assert.Throws<ArgumentException>(() => Result<int>.Refused([]));
        Assert.Equal(Outcome.Ok, Result.Ok().Outcome);
    }
}
