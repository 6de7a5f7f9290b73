namespace BrandStoryContest.Web.Features.Demo;

/// <summary>
/// The app's clock when the demo seed is on: the system clock, except inside <see cref="TravelTo"/>, where the
/// seeding code that runs in that async flow (its scope, its commands, their handlers) sees the time it asked for
/// and the rest of the app the real one. Last year's edition is seeded this way, through the same use cases as
/// today's, instead of rewriting dates afterwards.
/// </summary>
public sealed class DemoClock : TimeProvider
{
    private readonly AsyncLocal<TimeSpan?> offset = new();

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + (offset.Value ?? TimeSpan.Zero);

    public override TimeZoneInfo LocalTimeZone => System.LocalTimeZone;

    /// <summary>From here until the returned scope is disposed, this flow's clock reads <paramref name="at"/> and runs on from there.</summary>
    public IDisposable TravelTo(DateTimeOffset at)
    {
        var before = offset.Value;
        offset.Value = at - System.GetUtcNow();
        return new Return(this, before);
    }

    private sealed class Return(DemoClock clock, TimeSpan? before) : IDisposable
    {
        public void Dispose() => clock.offset.Value = before;
    }
}
