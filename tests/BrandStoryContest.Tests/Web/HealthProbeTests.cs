using System.Net;
using BrandStoryContest.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace BrandStoryContest.Tests.Web;

/// <summary>
/// The load balancer's probe answers ahead of routing: an instance that has only been probed has not built routing's
/// matcher over every controller action, nor run MVC's invoker and filters (docs/performance.md, "Memory"); the first
/// page builds them.
/// </summary>
public sealed class HealthProbeTests(HealthProbeTests.CountingApp app) : IClassFixture<HealthProbeTests.CountingApp>
{
    // One test: the count is of the whole app, and any other request to it would build the matcher first.
    [Fact]
    public async Task The_probe_answers_ok_before_routing_and_the_first_page_builds_the_route_matcher()
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
        Assert.True(app.Builds.Count > 0, "the first page builds the route matcher");

        // Only GET is the probe (as the MVC action was); other methods go on to routing, which has no such page.
        var post = await client.PostAsync("/healthz", new StringContent("x"));
        Assert.InRange((int)post.StatusCode, 400, 499);
        Assert.NotEqual("ok", await post.Content.ReadAsStringAsync());
    }

    /// <summary>Asked about the endpoints while routing builds its matcher (once, on the first request routing sees); applies to none.</summary>
    public sealed class BuildCounter : MatcherPolicy, IEndpointSelectorPolicy
    {
        private int count;
        public int Count => Volatile.Read(ref count);
        public override int Order => 0;
        public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) { Interlocked.Increment(ref count); return false; }
        public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates) => Task.CompletedTask;
    }

    public sealed class CountingApp : AppFactory
    {
        public BuildCounter Builds { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(s => s.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy>(Builds)));
        }
    }
}
