using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BrandStoryContest.Tests.Infrastructure;

/// <summary>The app delivering to its own <see cref="SmtpCatcher"/>; optionally on a hand-moved clock.</summary>
public class MailAppFactory : AppFactory
{
    public const string PublicUrl = "https://contest.test";
    public SmtpCatcher Smtp { get; } = new SmtpCatcher().Start();
    public TestClock? Clock { get; init; }

    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>(Smtp.Settings) { ["App:PublicUrl"] = PublicUrl };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        if (Clock is { } clock) builder.ConfigureTestServices(s => s.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock)));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
