using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace BrandStoryContest.Web.Features.Accounts;

/// <summary>
/// The antiforgery tokens of a signed-in page, made once per browser session and user instead of on every page: every
/// signed-in page carries the layout's forms (language, sign out), and protecting a request token (and, for a browser
/// that sent no antiforgery cookie, a new cookie token) with Data Protection was the largest fixed cost left of a
/// judge's repeat view (docs/performance.md, "Judges' pages").
/// </summary>
/// <remarks>
/// Why it is as safe as making them anew: a request token is valid for any request that sends the same cookie token and
/// the same user (ASP.NET Core's tokens are not one-time; a page's token is posted as often as its forms are), so the
/// same token set may be given again to the same (cookies, user). The key is the request's whole Cookie header, which
/// holds the sign-in cookie (a secret of that browser's session, HttpOnly), and the user's claims: two sessions, or two
/// users, never share a key, and only signed-in requests that sent the sign-in cookie are kept at all. A browser that
/// sent no antiforgery cookie is given the same new cookie token again, with its Set-Cookie, until it sends it.
/// Validation is not changed: every post is checked by ASP.NET Core's own antiforgery against its cookie and user.
/// When a check fails (a rotated-out key, a forged post) everything kept is dropped, so a token that no longer
/// validates is never handed out again; at worst that makes the next pages cost what they did before. Not kept when an
/// <see cref="IAntiforgeryAdditionalDataProvider"/> other than ASP.NET Core's empty one is registered (its data could
/// depend on anything in the request).
/// </remarks>
public sealed class KeptAntiforgeryTokens(IAntiforgery inner, IOptions<AntiforgeryOptions> options, string signInCookie, bool additionalData)
    : IAntiforgery
{
    private readonly MemoryCache kept = new(new MemoryCacheOptions { SizeLimit = 10_000 });
    private readonly AntiforgeryOptions settings = options.Value;

    /// <summary>Replaces the registered <see cref="IAntiforgery"/> (ASP.NET Core's own) by itself around it; call after AddAntiforgery.</summary>
    public static void Decorate(IServiceCollection services)
    {
        var registered = services.Last(d => d.ServiceType == typeof(IAntiforgery));
        services.Replace(ServiceDescriptor.Singleton<IAntiforgery>(sp =>
        {
            var own = registered.ImplementationInstance as IAntiforgery
                ?? registered.ImplementationFactory?.Invoke(sp) as IAntiforgery
                ?? (IAntiforgery)ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!);
            var cookie = sp.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme).Cookie.Name!;
            // ASP.NET Core always registers its own provider, which adds nothing; another one could add anything.
            var additionalData = sp.GetService<IAntiforgeryAdditionalDataProvider>() is { } provider && provider.GetType().Assembly != typeof(IAntiforgery).Assembly;
            return new KeptAntiforgeryTokens(own, sp.GetRequiredService<IOptions<AntiforgeryOptions>>(), cookie, additionalData);
        }));
    }

    public AntiforgeryTokenSet GetAndStoreTokens(HttpContext httpContext)
    {
        // The layout's two forms and a page's own ask in the same request: the first answer stands for all of them.
        if (httpContext.Items.TryGetValue(typeof(KeptAntiforgeryTokens), out var given) && given is AntiforgeryTokenSet same)
        {
            DoNotCache(httpContext);
            return same;
        }
        var key = KeyOf(httpContext);
        if (key is null) return inner.GetAndStoreTokens(httpContext);
        if (kept.TryGetValue(key, out AntiforgeryTokenSet? set))
        {
            if (set!.CookieToken is { } cookie) StoreCookie(httpContext, cookie);
            DoNotCache(httpContext);
        }
        else
        {
            set = inner.GetAndStoreTokens(httpContext);
            kept.Set(key, set, new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(20) });
        }
        httpContext.Items[typeof(KeptAntiforgeryTokens)] = set;
        return set;
    }

    public AntiforgeryTokenSet GetTokens(HttpContext httpContext) => inner.GetTokens(httpContext);

    public async Task<bool> IsRequestValidAsync(HttpContext httpContext)
    {
        var valid = await inner.IsRequestValidAsync(httpContext);
        if (!valid) kept.Clear();
        return valid;
    }

    public async Task ValidateRequestAsync(HttpContext httpContext)
    {
        try { await inner.ValidateRequestAsync(httpContext); }
        catch (AntiforgeryValidationException) { kept.Clear(); throw; }
    }

    public void SetCookieTokenAndHeader(HttpContext httpContext) => inner.SetCookieTokenAndHeader(httpContext);

    /// <summary>The request's cookies and user, or null when it is not a signed-in request made with the sign-in cookie.</summary>
    private string? KeyOf(HttpContext httpContext)
    {
        if (additionalData || httpContext.User.Identity?.IsAuthenticated != true || !httpContext.Request.Cookies.ContainsKey(signInCookie)) return null;
        var key = new StringBuilder(1024).Append(httpContext.Request.Headers.Cookie.ToString());
        foreach (var claim in httpContext.User.Claims)
            key.Append('\n').Append(claim.Type).Append('\u001f').Append(claim.Value).Append('\u001f').Append(claim.Issuer);
        return key.ToString();
    }

    /// <summary>What ASP.NET Core's antiforgery does when it gives a new cookie token (its token store's cookie and the frame header).</summary>
    private void StoreCookie(HttpContext httpContext, string cookie)
    {
        var cookieOptions = settings.Cookie.Build(httpContext);
        if (settings.Cookie.Path is { } path) cookieOptions.Path = path;
        else if (httpContext.Request.PathBase is { HasValue: true } pathBase) cookieOptions.Path = pathBase.ToString();
        httpContext.Response.Cookies.Append(settings.Cookie.Name!, cookie, cookieOptions);
        if (!settings.SuppressXFrameOptionsHeader && !httpContext.Response.Headers.ContainsKey(HeaderNames.XFrameOptions))
            httpContext.Response.Headers.XFrameOptions = "SAMEORIGIN";
    }

    /// <summary>As ASP.NET Core's antiforgery: a page with a token is never cached.</summary>
    private static void DoNotCache(HttpContext httpContext)
    {
        if (httpContext.Response.HasStarted) return;
        httpContext.Response.Headers.CacheControl = "no-cache, no-store";
        httpContext.Response.Headers.Pragma = "no-cache";
    }
}
