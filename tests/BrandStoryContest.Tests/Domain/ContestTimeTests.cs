using BrandStoryContest.Web.Domain;

namespace BrandStoryContest.Tests.Domain;

public sealed class ContestTimeTests
{
    [Fact]
    public void A_deadline_typed_in_shanghai_is_stored_as_utc_and_shown_back_in_shanghai()
    {
        var utc = ContestTime.FromLocal(new DateTime(2026, 9, 30, 23, 59, 0), "Asia/Shanghai");
        Assert.Equal(new DateTimeOffset(2026, 9, 30, 15, 59, 0, TimeSpan.Zero), utc);
        Assert.Equal("2026-09-30 23:59 (UTC+08:00)", ContestTime.Format(utc, "Asia/Shanghai"));
        Assert.Equal("2026-09-30 16:59 (UTC+01:00)", ContestTime.Format(utc, "Europe/London"));
    }

    [Fact]
    public void An_unknown_zone_falls_back_to_shanghai() =>
        Assert.Equal(TimeSpan.FromHours(8), ContestTime.ToLocal(DateTimeOffset.UnixEpoch, "Mars/Olympus").Offset);
}
