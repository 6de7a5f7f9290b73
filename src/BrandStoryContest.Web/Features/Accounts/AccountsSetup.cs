using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BrandStoryContest.Web.Features.Accounts;

public static class AccountsSetup
{
    /// <summary>The shared key ring, Identity accounts and their cookie, antiforgery, role policies and the sign-in throttle.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration config)
    {
        // Keys in the database with a fixed application name: every instance reads and protects with the same
        // key ring, so a sign-in cookie or antiforgery token made by one instance is accepted by any other.
        var dataProtection = services.AddDataProtection()
            .SetApplicationName("BrandStoryContest")
            .PersistKeysToDbContext<ContestDb>();
        // With a certificate the keys are encrypted at rest: reading the database is then not enough to forge a cookie.
        if (DataProtectionCertificate.Load(config) is { } keyCertificate) dataProtection.ProtectKeysWithCertificate(keyCertificate);

        services.AddIdentity<Account, IdentityRole>(o =>
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
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/account/login";
            o.AccessDeniedPath = "/account/denied";
            o.Cookie.Name = "bsc.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SlidingExpiration = true;
            // Identity set its own check here (AddIdentity); the same check, built only when due.
            o.Events.OnValidatePrincipal = StampCheckWhenDue.ValidatePrincipalAsync;
        });
        // After the cookie handler's own post-configuration, which sets the format this wraps.
        services.AddSingleton<IPostConfigureOptions<CookieAuthenticationOptions>, KeepSignInTickets>();
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "bsc.csrf";
            o.HeaderName = "RequestVerificationToken";
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        KeptAntiforgeryTokens.Decorate(services);
        services.AddAuthorization(Policies.Add);
        services.AddSingleton<SignInThrottle>();
        services.AddSingleton<PasswordChecks>();
        return services;
    }
}
