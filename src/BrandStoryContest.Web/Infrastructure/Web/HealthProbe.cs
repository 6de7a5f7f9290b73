namespace BrandStoryContest.Web.Infrastructure.Web;

/// <summary>
/// The load balancer's probe, <c>GET /healthz</c> → <c>ok</c> (docs/deployment.md), answered ahead of routing. As an MVC
/// action it made the first probe build MVC's whole route table (every controller's actions, filters and model-binding
/// metadata), so an instance that had only been probed held all of that from start-up on. Now the first page request
/// builds it (docs/performance.md, "Memory"). It says the process is up and started (migrations ran, containers exist:
/// Kestrel listens only after that), as before; it has never checked the database or the storage.
/// </summary>
public static class HealthProbe
{
    public static IApplicationBuilder UseHealthProbe(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        if (!HttpMethods.IsGet(context.Request.Method) || context.Request.Path != "/healthz") return next(context);
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync("ok", context.RequestAborted);
    });
}
