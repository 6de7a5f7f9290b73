using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.FileProviders;

namespace BrandStoryContest.Tests.Mail;

public sealed class MailStartupTests
{
    /// <summary>Production with everything else right (a real-looking storage account), but no mail host.</summary>
    private sealed class ProductionWithoutMail : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseSetting("App:PublicUrl", "https://contest.example.com");
            builder.UseSetting("Storage:ConnectionString", "DefaultEndpointsProtocol=https;AccountName=bsc;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net");
        }
    }

    [Fact]
    public void Production_refuses_to_start_without_a_mail_host_unless_outbox_only()
    {
        using var app = new ProductionWithoutMail();
        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Mail:Host", failure.ToString());

        // The explicit outbox-only mode, or a host, lets it pass; outside Production nothing is required.
        StartupGuard.RefuseProductionWithoutMail(new Env("Production"), Config(("Mail:OutboxOnly", "true")));
        StartupGuard.RefuseProductionWithoutMail(new Env("Production"), Config(("Mail:Host", "smtp.example.com")));
        StartupGuard.RefuseProductionWithoutMail(new Env("Development"), Config());
        Assert.Throws<InvalidOperationException>(() => StartupGuard.RefuseProductionWithoutMail(new Env("Production"), Config(("Mail:OutboxOnly", "false"))));
    }

    private static IConfiguration Config(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    private sealed class Env(string name) : IWebHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "BrandStoryContest.Web";
        public string WebRootPath { get; set; } = "";
        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();
        public string ContentRootPath { get; set; } = "";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
