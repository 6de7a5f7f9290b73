using System.Net;
using BrandStoryContest.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BrandStoryContest.Tests.Web;

/// <summary>
/// The load balancer's probe answers without building MVC's route table, so an instance that has only been probed
/// does not hold it (docs/performance.md, "Memory"); the first page builds it.
/// </summary>
public sealed class HealthProbeTests(HealthProbeTests.CountingApp app) : IClassFixture<HealthProbeTests.CountingApp>
{
    [Fact]
    public async Task The_probe_answers_ok_without_building_the_routes_and_the_first_page_builds_them()
    {
        var client = app.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            var probe = await client.GetAsync("/healthz");
            Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
            Assert.Equal("ok", await probe.Content.ReadAsStringAsync());
            Assert.Equal("text/plain", probe.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", probe.Headers.GetValues("X-Content-Type-Options").Single());
        }
        Assert.Equal(0, app.Builds.Count);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        Assert.Equal(1, app.Builds.Count);
    }

    [Fact]
    public async Task The_probe_is_get_only()
    {
        var response = await app.CreateClient().PostAsync("/healthz", new StringContent("x"));
        Assert.InRange((int)response.StatusCode, 400, 499);
        Assert.NotEqual("ok", await response.Content.ReadAsStringAsync());
    }

    /// <summary>Counts how often MVC builds its action descriptors (once, when routing first needs its endpoints).</summary>
    public sealed class BuildCounter : IActionDescriptorProvider
    {
        private int count;
        public int Count => Volatile.Read(ref count);
        public int Order => 0;
        public void OnProvidersExecuting(ActionDescriptorProviderContext context) => Interlocked.Increment(ref count);
        public void OnProvidersExecuted(ActionDescriptorProviderContext context) { }
    }

    public sealed class CountingApp : AppFactory
    {
        public BuildCounter Builds { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.TryAddEnumerable(ServiceDescriptor.Singleton<IActionDescriptorProvider>(Builds)));
        }
    }
}
