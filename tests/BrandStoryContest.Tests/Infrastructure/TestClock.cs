using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BrandStoryContest.Tests.Infrastructure;

/// <summary>The app's clock, moved by the test: deadlines, retries, backoff and lease expiry pass without waiting.
/// It starts at the real time unless told otherwise, so data made with DateTimeOffset.UtcNow fits.</summary>
public sealed class TestClock(DateTimeOffset? start = null) : TimeProvider
{
    private long ticks = (start ?? DateTimeOffset.UtcNow).UtcTicks;
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);
    public void Advance(TimeSpan by) => Interlocked.Add(ref ticks, by.Ticks);
    public void Set(DateTimeOffset at) => Interlocked.Exchange(ref ticks, at.UtcTicks);
}

/// <summary>The real app with a <see cref="TestClock"/> as its TimeProvider; two of them may share one clock and one data folder.</summary>
public class ClockedApp : AppFactory
{
    public TestClock Clock { get; init; } = new();
    public const string PublicUrl = "https://contest.example.test";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Links in mail queued outside a request (the scheduler) come from the configured public address.
        builder.UseSetting("App:PublicUrl", PublicUrl);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}
