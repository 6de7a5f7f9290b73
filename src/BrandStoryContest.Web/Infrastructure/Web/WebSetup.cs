using System.Text.Encodings.Web;
using System.Text.Unicode;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Mediator;
using FluentValidation;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.WebEncoders;

namespace BrandStoryContest.Web.Infrastructure.Web;

/// <summary>What every page and request needs, whatever its feature.</summary>
public static class WebSetup
{
    /// <summary>zh-CN and en from Resources/*.json; registered before MVC's view localization, which only adds a factory when none is there.</summary>
    public static IServiceCollection AddReaderLanguages(this IServiceCollection services)
    {
        services.AddSingleton<IStringLocalizerFactory, JsonStringLocalizerFactory>();
        services.AddTransient(typeof(IStringLocalizer<>), typeof(StringLocalizer<>));
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(Languages.Chinese).AddSupportedCultures(Languages.All).AddSupportedUICultures(Languages.All);
            // Cookie only: the visible switch and the profile decide, so the demo opens in Chinese everywhere.
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });
        return services;
    }

    /// <summary>Controllers with their filters, Mediator (Scoped, so each request has its own DbContext) and the validators.</summary>
    public static IServiceCollection AddControllersAndUseCases(this IServiceCollection services)
    {
        // AddControllersWithViews composed from the pieces this app uses: it would also add CORS and the API explorer,
        // which no controller uses, and whose assemblies (and type data) would then be loaded and kept at start-up
        // (docs/performance.md, "Memory"). Tag helpers and view components work as before: the views are compiled at
        // build time, so the tag helper application parts (only read by runtime compilation) are not needed either.
        services.AddMvcCore(o =>
            {
                o.ModelBinderProviders.Insert(0, new LenientBooleanBinderProvider());
                o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                o.Filters.Add<ValidationFailedFilter>();
                o.Filters.Add<StorageUnavailableFilter>();
                o.Filters.Add<DatabaseBusyFilter>();
                o.Filters.Add<RememberFormFilter>();
            })
            .AddAuthorization()
            .AddDataAnnotations()
            .AddFormatterMappings()
            .AddViews()
            .AddRazorViewEngine()
            .AddCacheTagHelper()
            .AddViewLocalization();

        services.AddMediator(o =>
        {
            o.Assemblies = [typeof(Program)];
            o.ServiceLifetime = ServiceLifetime.Scoped;
            o.PipelineBehaviors = [typeof(ValidationBehavior<,>)];
        });
        services.AddValidatorsFromAssemblyContaining<Program>(ServiceLifetime.Scoped);
        return services;
    }

    /// <summary>
    /// Public pages for visitors who are not signed in are the same for everyone who reads the same language:
    /// cached for a few seconds, they survive the rush of a results announcement. Signed-in requests and
    /// responses that set cookies are never cached (the output cache's own rules).
    /// </summary>
    public static IServiceCollection AddPublicPageCache(this IServiceCollection services, IConfiguration config) =>
        services.AddOutputCache(o => o.AddPolicy(PublicPages.Policy, b => b
            .Expire(TimeSpan.FromSeconds(config.GetValue("OutputCache:PublicSeconds", 10)))
            .VaryByValue(_ => new KeyValuePair<string, string>("culture", System.Globalization.CultureInfo.CurrentUICulture.Name))));

    /// <summary>The rate-limit policies controllers name in [EnableRateLimiting], with the setting and default of each.</summary>
    private static readonly (string Policy, string Setting, int PerMinute)[] CallerLimits =
    [
        ("accounts", "RateLimits:AccountsPerMinute", 20),
        ("uploads", "RateLimits:UploadStartsPerMinute", 30),
        ("votes", "RateLimits:VotesPerMinute", 30),
    ];

    /// <summary>Per-caller limits (see <see cref="ClientAddress"/>), 429 past them.</summary>
    public static IServiceCollection AddCallerLimits(this IServiceCollection services, IConfiguration config) =>
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            foreach (var (policy, setting, perMinute) in CallerLimits) o.AddPerCallerPolicy(policy, config.GetValue(setting, perMinute));
        });

    /// <summary>Trusted proxies, HSTS, the output encoder, and who the current request is for.</summary>
    public static IServiceCollection AddRequestBasics(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<ForwardedHeadersOptions>(o => ClientAddress.TrustConfiguredProxies(o, config));
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        // Chinese text goes out as characters, not as &#x...; entities.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddScoped<AppLinks>();
        return services;
    }
}
