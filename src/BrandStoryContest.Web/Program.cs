using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Features.Accounts;
using BrandStoryContest.Web.Features.Awards;
using BrandStoryContest.Web.Features.Demo;
using BrandStoryContest.Web.Features.Maintenance;
using BrandStoryContest.Web.Features.Media;
using BrandStoryContest.Web.Features.Reminders;
using BrandStoryContest.Web.Infrastructure.Mail;
using BrandStoryContest.Web.Infrastructure.Storage;
using BrandStoryContest.Web.Infrastructure.Web;

// "backup FOLDER" / "restore FOLDER" run the maintenance command instead of the web app.
string[]? maintenance = args is [("backup" or "restore"), _, ..] ? args[..2] : null;
// Slim: the same configuration sources and console logging as CreateBuilder, without what this app never uses and the
// default builder loads at start-up: IIS integration, Kestrel's HTTPS endpoint configuration and its QUIC transport
// (HTTPS ends at the load balancer: docs/deployment.md), regex route constraints, the debug and EventSource loggers, and
// static web assets from packages in Development (there are none). docs/performance.md, "Memory".
var builder = WebApplication.CreateSlimBuilder(maintenance is null ? args : args[2..]);
var config = builder.Configuration;
StartupGuard.RefuseUnsafeProduction(builder.Environment, config);
StartupGuard.RefuseProductionWithoutMail(builder.Environment, config);
// The maintenance command runs no background workers: it must not send mail or touch media while it copies.
var runWorkers = maintenance is null;

builder.Services.AddContestDb(config, builder.Environment);
builder.Services.AddAccounts(config);
builder.Services.AddReaderLanguages();
builder.Services.AddControllersAndUseCases();
builder.Services.AddPublicPageCache(config);
builder.Services.AddCallerLimits(config);
builder.Services.AddRequestBasics(config);
builder.Services.AddClockAndDemo(seedDemo: config.GetValue<bool>("App:SeedDemo") && runWorkers);
builder.Services.AddContestMail(config, runWorkers);
builder.Services.AddReminders(config, runWorkers);
builder.Services.AddContestStorage(config);
builder.Services.AddMedia(config, runWorkers);
builder.Services.AddMaintenance(config, runWorkers);
builder.Services.AddCertificates(config, runWorkers);

var app = builder.Build();

// The maintenance command and the web app both start on a migrated database and existing blob containers.
using (var scope = app.Services.CreateScope())
{
    await DatabaseSetup.MigrateAsync(scope.ServiceProvider, CancellationToken.None);
    await StorageSetup.CreateContainersAsync(scope.ServiceProvider, CancellationToken.None);
}
if (maintenance is not null)
    Environment.Exit(await Backup.RunAsync(maintenance[0], maintenance[1], app.Services, CancellationToken.None));

app.UseForwardedHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error");
    app.UseHsts();
}
app.UseSecurityHeaders();
app.UseHealthProbe();
app.UseStatusCodePagesWithReExecute("/status/{0}");
app.UseStaticFiles();
app.UseRequestLocalization();
app.UseRouting();
app.UseAuthentication();
// After authentication, so the limits can key on the signed-in account.
app.UseRateLimiter();
app.UseAuthorization();
app.UseOutputCache();
app.MapControllers();
app.Lifetime.ApplicationStarted.Register(IdleMemory.GiveBack);

app.Run();

public partial class Program;
