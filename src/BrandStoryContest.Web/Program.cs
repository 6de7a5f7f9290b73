using System.Text.Encodings.Web;
using System.Text.Unicode;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Accounts;
using BrandStoryContest.Web.Features.Awards;
using BrandStoryContest.Web.Features.Demo;
using BrandStoryContest.Web.Features.Maintenance;
using BrandStoryContest.Web.Features.Media;
using BrandStoryContest.Web.Features.Reminders;
using BrandStoryContest.Web.Infrastructure.Certificates;
using BrandStoryContest.Web.Infrastructure.Mail;
using BrandStoryContest.Web.Infrastructure.Media;
using BrandStoryContest.Web.Infrastructure.Mediator;
using BrandStoryContest.Web.Infrastructure.Storage;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.WebEncoders;

// "backup FOLDER" / "restore FOLDER" run the maintenance command instead of the web app.
string[]? maintenance = args is [("backup" or "restore"), _, ..] ? args[..2] : null;
var builder = WebApplication.CreateBuilder(maintenance is null ? args : args[2..]);
var config = builder.Configuration;
StartupGuard.RefuseUnsafeProduction(builder.Environment, config);
StartupGuard.RefuseProductionWithoutMail(builder.Environment, config);

builder.Services.AddContestDb(config, builder.Environment);
// Keys in the database with a fixed application name: every instance reads and protects with the same
// key ring, so a sign-in cookie or antiforgery token made by one instance is accepted by any other.
var dataProtection = builder.Services.AddDataProtection()
    .SetApplicationName("BrandStoryContest")
    .PersistKeysToDbContext<ContestDb>();
// With a certificate the keys are encrypted at rest: reading the database is then not enough to forge a cookie.
if (DataProtectionCertificate.Load(config) is { } keyCertificate) dataProtection.ProtectKeysWithCertificate(keyCertificate);

builder.Services.AddIdentity<Account, IdentityRole>(o =>
    {
        o.Password.RequiredLength = 8;
        o.Password.RequireDigit = true;
        o.Password.RequireLowercase = true;
        o.Password.RequireUppercase = false;
        o.Password.RequireNonAlphanumeric = false;
        // Wrong passwords are counted per email and client address (SignInThrottle), not per account: a lock
        // on the account would let anyone who knows a judge's email lock the judge out.
        o.User.RequireUniqueEmail = true;
        o.SignIn.RequireConfirmedEmail = true;
    })
    .AddEntityFrameworkStores<ContestDb>()
    .AddDefaultTokenProviders();
builder.Services.ConfigureApplicationCookie(o =>
{
    o.LoginPath = "/account/login";
    o.AccessDeniedPath = "/account/denied";
    o.Cookie.Name = "bsc.auth";
    o.Cookie.HttpOnly = true;
    o.Cookie.SameSite = SameSiteMode.Lax;
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
    o.SlidingExpiration = true;
});
builder.Services.AddAntiforgery(o =>
{
    o.Cookie.Name = "bsc.csrf";
    o.HeaderName = "RequestVerificationToken";
    o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
});
builder.Services.AddAuthorization(Policies.Add);

builder.Services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
builder.Services.AddTransient(typeof(IStringLocalizer<>), typeof(StringLocalizer<>));
builder.Services.Configure<RequestLocalizationOptions>(o =>
{
    o.SetDefaultCulture(Languages.Chinese).AddSupportedCultures(Languages.All).AddSupportedUICultures(Languages.All);
    // Cookie only: the visible switch and the profile decide, so the demo opens in Chinese everywhere.
    o.RequestCultureProviders = [new CookieRequestCultureProvider()];
});

builder.Services.AddControllersWithViews(o =>
{
    o.ModelBinderProviders.Insert(0, new LenientBooleanBinderProvider());
    o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
    o.Filters.Add<ValidationFailedFilter>();
    o.Filters.Add<StorageUnavailableFilter>();
    o.Filters.Add<RememberFormFilter>();
}).AddViewLocalization();

builder.Services.AddMediator(o =>
{
    o.Assemblies = [typeof(Program)];
    o.ServiceLifetime = ServiceLifetime.Scoped;
    o.PipelineBehaviors = [typeof(ValidationBehavior<,>)];
});
builder.Services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Scoped);

// Public pages for visitors who are not signed in are the same for everyone who reads the same language:
// cached for a few seconds, they survive the rush of a results announcement. Signed-in requests and
// responses that set cookies are never cached (the output cache's own rules).
builder.Services.AddOutputCache(o => o.AddPolicy(PublicPages.Policy, b => b
    .Expire(TimeSpan.FromSeconds(config.GetValue("OutputCache:PublicSeconds", 10)))
    .VaryByValue(_ => new KeyValuePair<string, string>("culture", System.Globalization.CultureInfo.CurrentUICulture.Name))));
builder.Services.AddRateLimiter(o =>
{
    o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
    o.AddPerCallerPolicy("accounts", config.GetValue("RateLimits:AccountsPerMinute", 20));
    o.AddPerCallerPolicy("uploads", config.GetValue("RateLimits:UploadStartsPerMinute", 30));
    o.AddPerCallerPolicy("votes", config.GetValue("RateLimits:VotesPerMinute", 30));
});
builder.Services.Configure<ForwardedHeadersOptions>(o => ClientAddress.TrustConfiguredProxies(o, config));
builder.Services.AddSingleton<SignInThrottle>();
builder.Services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));

// Chinese text goes out as characters, not as &#x...; entities.
builder.Services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
builder.Services.AddHttpContextAccessor();
// The demo seeds last year's edition on a clock set back for its own async flow (see DemoClock); otherwise the system clock.
var seedDemo = config.GetValue<bool>("App:SeedDemo") && maintenance is null;
if (seedDemo) builder.Services.AddSingleton<DemoClock>().AddSingleton<TimeProvider>(sp => sp.GetRequiredService<DemoClock>());
else builder.Services.AddSingleton(TimeProvider.System);
builder.Services.AddSingleton(new DemoSeedProgress { Enabled = seedDemo });
if (seedDemo) builder.Services.AddSingleton<DemoSeeder>().AddHostedService(sp => sp.GetRequiredService<DemoSeeder>());
builder.Services.AddScoped<ICurrentUser, HttpCurrentUser>();
builder.Services.AddScoped<AppLinks>();
builder.Services.AddContestMail(config, maintenance is null);
builder.Services.AddSingleton<OptOutTokens>();
builder.Services.AddScoped<ReminderOutbox>();
if (config.GetValue("Reminders:Enabled", true) && maintenance is null) builder.Services.AddHostedService<ReminderWorker>();
builder.Services.AddContestStorage(config);
builder.Services.AddSingleton<IMediaProbe, FfmpegMediaProbe>();
builder.Services.AddSingleton<MediaQueue>();
if (config.GetValue("Media:WorkerEnabled", true) && maintenance is null) builder.Services.AddHostedService<MediaJobWorker>();
if (config.GetValue("Maintenance:SweeperEnabled", true) && maintenance is null) builder.Services.AddHostedService<OrphanBlobSweeper>();
// Made on first use, so a machine without the CJK font still starts; certificates then fail with a clear message.
builder.Services.AddSingleton(_ => new CertificatePdf(config["Certificates:FontPath"] is { Length: > 0 } font ? font
    : CertificatePdf.FindCjkFont() ?? throw new InvalidOperationException("No CJK TrueType font for certificates: install fonts-wqy-microhei or set Certificates:FontPath.")));
builder.Services.AddScoped<CertificateWriter>();
if (config.GetValue("Certificates:WorkerEnabled", true) && maintenance is null) builder.Services.AddHostedService<CertificateJobWorker>();

var app = builder.Build();

if (maintenance is not null)
{
    using (var scope = app.Services.CreateScope())
    {
        await DatabaseSetup.MigrateAsync(scope.ServiceProvider, CancellationToken.None);
        await StorageSetup.CreateContainersAsync(scope.ServiceProvider, CancellationToken.None);
    }
    Environment.Exit(await Backup.RunAsync(maintenance[0], maintenance[1], app.Services, CancellationToken.None));
}

using (var scope = app.Services.CreateScope())
{
    await DatabaseSetup.MigrateAsync(scope.ServiceProvider, CancellationToken.None);
    await StorageSetup.CreateContainersAsync(scope.ServiceProvider, CancellationToken.None);
}

app.UseForwardedHeaders();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error");
    app.UseHsts();
}
app.UseSecurityHeaders();
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

app.Run();

public partial class Program;
