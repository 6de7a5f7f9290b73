using System.Net;
using BrandStoryContest.Tests.Infrastructure;
using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.ApiExplorer;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BrandStoryContest.Tests.Web;

/// <summary>The app's start-up on its own; the demo seed is tested in Demo/DemoSeedTests.</summary>
public sealed class StartupTests(FreshInstallApp app) : IClassFixture<FreshInstallApp>
{
    [Fact]
    public async Task Migrations_ran_on_a_real_sqlite_file_in_wal_mode()
    {
        // Start-up migrates: the first request (in whatever order the tests run) has the app started.
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/healthz")).StatusCode);
        Assert.True(File.Exists(app.DatabasePath));
        var mode = await app.DbAsync(async db =>
        {
            var c = db.Database.GetDbConnection();
            await c.OpenAsync();
            using var cmd = c.CreateCommand();
            cmd.CommandText = "PRAGMA journal_mode;";
            return (string)(await cmd.ExecuteScalarAsync())!;
        });
        Assert.Equal("wal", mode);
        Assert.NotEmpty(await app.DbAsync(db => db.Database.GetAppliedMigrationsAsync()));
    }

    /// <summary>
    /// MVC is composed of what the app uses (docs/performance.md, "Memory"): no CORS and no API explorer, whose assemblies
    /// would otherwise be loaded at start-up, while views, tag helpers and antiforgery still render a form.
    /// </summary>
    [Fact]
    public async Task Mvc_renders_views_and_tag_helpers_without_cors_or_the_api_explorer()
    {
        Assert.Null(app.Services.GetService<ICorsService>());
        Assert.Null(app.Services.GetService<IApiDescriptionGroupCollectionProvider>());

        var response = await app.CreateClient().GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("name=\"__RequestVerificationToken\"", html); // the form tag helper's antiforgery field
        Assert.Contains("name=\"Email\"", html);                       // asp-for on the input tag helper
        Assert.DoesNotContain("asp-for", html);
    }

    [Fact]
    public async Task Pages_carry_the_security_headers()
    {
        var response = await app.CreateClient().GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("script-src 'self'", csp);
        var scriptSrc = csp.Split(';').Single(d => d.Trim().StartsWith("script-src"));
        Assert.DoesNotContain("unsafe-inline", scriptSrc);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }
}

public sealed class ProductionGuardTests
{
    private sealed class ProductionOnTheEmulator : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
        }
    }

    [Fact]
    public void Production_refuses_to_start_with_the_emulator_storage_key()
    {
        using var app = new ProductionOnTheEmulator();
        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("Storage:ConnectionString", failure.ToString());
    }

    private sealed class ProductionWithDemo : AppFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseEnvironment("Production");
            builder.UseSetting("App:SeedDemo", "true");
        }
    }

    [Fact]
    public void Production_refuses_to_start_with_the_demo_seed()
    {
        using var app = new ProductionWithDemo();
        var failure = Assert.ThrowsAny<Exception>(() => app.CreateClient());
        Assert.Contains("SeedDemo", failure.ToString());
    }
}
