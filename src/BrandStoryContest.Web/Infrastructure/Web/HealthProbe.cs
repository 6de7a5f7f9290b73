namespace BrandStoryContest.Web.Infrastructure.Web;

/// <summary>
/// The load balancer's probe, <c>GET /healthz</c> → <c>ok</c> (docs/deployment.md), answered ahead of routing. As an MVC
/// action the first probe made routing build its matcher over every controller action and ran MVC's invoker, filters and
/// result executor, so an instance that had only been probed held that code and data from start-up on; now the first
/// page request builds them (docs/performance.md, "Memory"). It says what it said before: the process is up and started
/// (Kestrel listens only once migrations ran and the containers exist); it has never checked the database or storage.
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
