using BrandStoryContest.Web.Domain;

namespace BrandStoryContest.Tests.Domain;

public sealed class VoteSignalsTests
{
    private static readonly DateTimeOffset Opens = new(2026, 5, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Closes = Opens.AddDays(1); // 144 ten-minute windows
    private static readonly DateTimeOffset LongAgo = Opens.AddYears(-1);

    private static int hosts;

    /// <summary>A vote; unless given, from an old account on a network of its own.</summary>
    private static VoteRecord At(int entryId, TimeSpan after, string voter, DateTimeOffset? registered = null, string? ip = null) =>
        new(entryId, voter, Opens + after, registered ?? LongAgo, ip ?? $"10.{Interlocked.Increment(ref hosts) / 250 % 250}.{hosts % 250}.7");

    [Fact]
    public void Twelve_votes_within_ten_minutes_in_a_quiet_day_are_a_burst()
    {
        // Entry 1: 12 votes between 10:00 and 10:09 plus 12 at odd hours through the day. Usual rate 24 / 144 windows = 0.17.
        var votes = Enumerable.Range(0, 12).Select(i => At(1, TimeSpan.FromHours(10) + TimeSpan.FromSeconds(45 * i), $"b{i}"))
            .Concat(Enumerable.Range(0, 12).Select(i => At(1, TimeSpan.FromHours(2 * i + 1) + TimeSpan.FromMinutes(3), $"s{i}")))
            .ToList();
        var s = Assert.Single(VoteSignals.Detect(votes, Opens, Closes));
        Assert.Equal(24, s.Votes);
        Assert.Equal(12, s.PeakVotes);
        Assert.Equal(Opens + TimeSpan.FromHours(10), s.PeakStart);
        Assert.Equal(24 / 144.0, s.UsualVotes, 9);
        Assert.True(s.Burst);
    }

    [Fact]
    public void Votes_exactly_ten_minutes_apart_fall_in_different_windows()
    {
        var votes = Enumerable.Range(0, 20).Select(i => At(1, TimeSpan.FromMinutes(10 * i), $"v{i}")).ToList();
        var s = Assert.Single(VoteSignals.Detect(votes, Opens, Closes));
        Assert.Equal(1, s.PeakVotes);
        Assert.False(s.Burst);
    }

    [Fact]
    public void A_steady_stream_is_no_burst_even_when_busy()
    {
        // 10 votes in every 10 minutes all day: the peak equals the usual rate.
        var votes = Enumerable.Range(0, 1440).Select(i => At(1, TimeSpan.FromMinutes(i), $"v{i}")).ToList();
        var s = Assert.Single(VoteSignals.Detect(votes, Opens, Closes));
        Assert.Equal(10, s.PeakVotes);
        Assert.Equal(10, s.UsualVotes, 9);
        Assert.False(s.Burst);
    }

    [Fact]
    public void Half_the_votes_from_accounts_younger_than_a_day_is_flagged()
    {
        // 6 of 12 voters registered an hour before voting, one 25 hours before (not new): 6/12 = 50 %.
        var votes = Enumerable.Range(0, 12).Select(i => At(2, TimeSpan.FromHours(i + 2), $"v{i}",
            registered: i < 6 ? Opens + TimeSpan.FromHours(i + 1) : i == 6 ? Opens + TimeSpan.FromHours(i + 2) - TimeSpan.FromHours(25) : null)).ToList();
        var s = Assert.Single(VoteSignals.Detect(votes, Opens, Closes));
        Assert.Equal(0.5, s.NewAccountShare);
        Assert.True(s.ManyNewAccounts);
        Assert.False(s.Burst);
    }

    [Fact]
    public void Shares_are_not_judged_on_a_handful_of_votes()
    {
        var votes = Enumerable.Range(0, 9).Select(i => At(3, TimeSpan.FromHours(i), $"v{i}", registered: Opens + TimeSpan.FromHours(i), ip: "203.0.113.9")).ToList();
        var s = Assert.Single(VoteSignals.Detect(votes, Opens, Closes));
        Assert.Equal(1.0, s.NewAccountShare);
        Assert.Equal(1.0, s.TopRangeShare);
        Assert.False(s.ManyNewAccounts);
        Assert.False(s.OneRange);
        Assert.False(s.Suspicious);
    }

    [Fact]
    public void Most_votes_from_one_ipv4_slash_24_or_ipv6_slash_48_is_flagged()
    {
        // Entry 4: 8 of 12 from 203.0.113.x (different hosts, same /24). Entry 5: 6 of 10 from one /48, 4 from elsewhere.
        var votes = Enumerable.Range(0, 12).Select(i => At(4, TimeSpan.FromHours(i), $"a{i}", ip: i < 8 ? $"203.0.113.{i + 10}" : $"192.0.{i}.1"))
            .Concat(Enumerable.Range(0, 10).Select(i => At(5, TimeSpan.FromHours(i), $"b{i}", ip: i < 6 ? $"2001:db8:aa:{i:x}::1" : $"2001:db8:{i:x}::1")))
            .ToList();
        var signals = VoteSignals.Detect(votes, Opens, Closes);
        var four = signals.Single(s => s.EntryId == 4);
        Assert.Equal("203.0.113.0/24", four.TopRange);
        Assert.Equal(8 / 12.0, four.TopRangeShare, 9);
        Assert.True(four.OneRange);
        var five = signals.Single(s => s.EntryId == 5);
        Assert.Equal("2001:db8:aa::/48", five.TopRange);
        Assert.Equal(0.6, five.TopRangeShare, 9);
        Assert.True(five.OneRange);
    }

    [Theory]
    [InlineData("203.0.113.77", "203.0.113.0/24")]
    [InlineData("::ffff:203.0.113.77", "203.0.113.0/24")]
    [InlineData("2001:db8:1234:5678::9", "2001:db8:1234::/48")]
    [InlineData("not an address", null)]
    [InlineData(null, null)]
    public void Addresses_fall_into_their_range(string? address, string? range) => Assert.Equal(range, IpRange.Of(address));
}
