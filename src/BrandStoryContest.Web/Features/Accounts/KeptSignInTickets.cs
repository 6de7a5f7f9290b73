using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace BrandStoryContest.Web.Features.Accounts;

/// <summary>
/// The sign-in cookie's ticket, decrypted once per cookie value instead of on every request: decrypting it (a key
/// derivation and an HMAC per request) was 11–14% of a judge's repeat view of /judging or a score sheet. The cookie
/// text is authenticated encryption, so the same text always opens to the same ticket; each request gets its own
/// copy (the handler may renew it), and the handler still checks the ticket's expiry and its security-stamp interval
/// on every request exactly as before. A text that does not decrypt is never kept. Bounded by count.
/// </summary>
public sealed class KeptSignInTickets(ISecureDataFormat<AuthenticationTicket> inner) : ISecureDataFormat<AuthenticationTicket>
{
    private readonly MemoryCache kept = new(new MemoryCacheOptions { SizeLimit = 5_000 });

    public string Protect(AuthenticationTicket data) => inner.Protect(data);

    public string Protect(AuthenticationTicket data, string? purpose) => inner.Protect(data, purpose);

    public AuthenticationTicket? Unprotect(string? protectedText) => Unprotect(protectedText, null);

    public AuthenticationTicket? Unprotect(string? protectedText, string? purpose)
    {
        if (string.IsNullOrEmpty(protectedText)) return inner.Unprotect(protectedText, purpose);
        var key = (protectedText, purpose);
        if (kept.TryGetValue(key, out AuthenticationTicket? ticket)) return ticket!.Clone();
        ticket = inner.Unprotect(protectedText, purpose);
        if (ticket is null) return null;
        kept.Set(key, ticket.Clone(), new MemoryCacheEntryOptions { Size = 1, SlidingExpiration = TimeSpan.FromMinutes(10) });
        return ticket;
    }
}

/// <summary>Wraps Identity's sign-in cookie format (set by the cookie handler's own post-configuration, which runs first).</summary>
public sealed class KeepSignInTickets : IPostConfigureOptions<CookieAuthenticationOptions>
{
    public void PostConfigure(string? name, CookieAuthenticationOptions options)
    {
        if (name == IdentityConstants.ApplicationScheme && options.TicketDataFormat is { } format and not KeptSignInTickets)
            options.TicketDataFormat = new KeptSignInTickets(format);
    }
}
