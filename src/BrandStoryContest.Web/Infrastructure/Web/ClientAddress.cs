using System.Net;
using System.Net.Sockets;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.RateLimiting;

namespace BrandStoryContest.Web.Infrastructure.Web;

/// <summary>
/// Who is calling, for limits: the signed-in account where there is one, otherwise the client's address.
/// The address is the TCP peer's, or the one forwarded by a proxy listed in <see cref="KnownProxiesSetting"/>;
/// forwarded headers from anyone else are ignored, so a client cannot pick its own address.
/// </summary>
public static class ClientAddress
{
    public const string KnownProxiesSetting = "ForwardedHeaders:KnownProxies";

    /// <summary>Trusts X-Forwarded-For/-Proto only from the configured proxies (addresses or CIDR networks); none by default.</summary>
    public static void TrustConfiguredProxies(ForwardedHeadersOptions o, IConfiguration config)
    {
        o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
        o.KnownProxies.Clear();
        o.KnownIPNetworks.Clear();
        foreach (var entry in (config[KnownProxiesSetting] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.Contains('/')) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
            else o.KnownProxies.Add(IPAddress.Parse(entry));
        }
        // A chain of known proxies is walked back to the first address that is not one of them: the client.
        o.ForwardLimit = null;
    }

    /// <summary>
    /// The client's address as limits see it. IPv6 clients are grouped by their /64 network, which one
    /// subscriber usually gets whole: counting single addresses there would be counting nothing.
    /// </summary>
    public static string Of(HttpContext http)
    {
        if (http.Connection.RemoteIpAddress is not { } address) return "unknown";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }

    /// <summary>The signed-in account's id, or the client's address for visitors.</summary>
    public static string Caller(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true && http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } id
            ? "account:" + id : "address:" + Of(http);

    /// <summary>A fixed-window policy of <paramref name="perMinute"/> requests for each caller.</summary>
    public static void AddPerCallerPolicy(this RateLimiterOptions o, string name, int perMinute) =>
        o.AddPolicy(name, http => RateLimitPartition.GetFixedWindowLimiter(Caller(http),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1) }));
}
