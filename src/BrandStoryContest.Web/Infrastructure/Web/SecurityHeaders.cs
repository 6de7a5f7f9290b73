namespace BrandStoryContest.Web.Infrastructure.Web;

public static class SecurityHeaders
{
    /// <summary>
    /// Scripts only from our own files (no inline script anywhere), no framing, no sniffing.
    /// Inline style attributes stay allowed: Bootstrap's progress bars set widths that way.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var h = context.Response.Headers;
        h["Content-Security-Policy"] =
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; " +
            "media-src 'self' blob:; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";
        h.XContentTypeOptions = "nosniff";
        h.XFrameOptions = "DENY";
        h["Referrer-Policy"] = "same-origin";
        await next();
    });
}
