using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BrandStoryContest.Tests.Infrastructure;

/// <summary>The app's clock, moved by the test: deadlines pass without waiting for them.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    private long ticks = start.UtcTicks;
    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref ticks), TimeSpan.Zero);
    public void Set(DateTimeOffset at) => Interlocked.Exchange(ref ticks, at.UtcTicks);
}

/// <summary>The real app with a <see cref="ManualClock"/> as its TimeProvider; two of them may share one clock and one data folder.</summary>
public class ClockedAppFactory : AppFactory
{
    public ManualClock Clock { get; init; } = new(DateTimeOffset.UtcNow);
    public const string PublicUrl = "https://contest.example.test";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Links in mail queued outside a request (the scheduler) come from the configured public address.
        builder.UseSetting("App:PublicUrl", PublicUrl);
        builder.ConfigureTestServices(s => s.AddSingleton<TimeProvider>(Clock));
    }
}
