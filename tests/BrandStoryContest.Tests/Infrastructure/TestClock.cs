using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace BrandStoryContest.Tests.Infrastructure;

/// <summary>A clock the test moves by hand; it starts at the real time so data made with DateTimeOffset.UtcNow fits.</summary>
public sealed class TestClock : TimeProvider
{
    private DateTimeOffset now = DateTimeOffset.UtcNow;
    public override DateTimeOffset GetUtcNow() { lock (this) return now; }
    public void Advance(TimeSpan by) { lock (this) now += by; }
}

/// <summary>The real app with <see cref="TestClock"/> as its TimeProvider.</summary>
public sealed class ClockedApp : AppFactory
{
    public TestClock Clock { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(Clock));
    }
}
