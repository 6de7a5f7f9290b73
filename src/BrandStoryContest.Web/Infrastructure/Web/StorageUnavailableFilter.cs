using Azure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Infrastructure.Web;

/// <summary>
/// When blob or queue storage cannot be reached, the person gets a plain 503 saying so (and that nothing was
/// lost: uploads resume from the chunks already stored), not an error page with a stack trace.
/// </summary>
public sealed class StorageUnavailableFilter(IStringLocalizer<SharedResource> L, ILogger<StorageUnavailableFilter> log) : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        if (!IsStorageOutage(context.Exception)) return;
        log.LogWarning(context.Exception, "Storage unavailable during {Path}", context.HttpContext.Request.Path);
        var message = L["Storage is unavailable at the moment. Nothing was lost: try again shortly and uploads continue where they stopped."].Value;
        var wantsJson = context.HttpContext.Request.Headers.Accept.Any(a => a?.Contains("application/json") == true);
        context.Result = wantsJson
            ? new ObjectResult(new { error = message }) { StatusCode = StatusCodes.Status503ServiceUnavailable }
            : new ContentResult { Content = message, ContentType = "text/plain; charset=utf-8", StatusCode = StatusCodes.Status503ServiceUnavailable };
        context.ExceptionHandled = true;
    }

    private static bool IsStorageOutage(Exception e) => e switch
    {
        RequestFailedException r => r.Status == 0 || r.Status >= 500,
        AggregateException a => a.InnerExceptions.All(IsStorageOutage),
        HttpRequestException => true,
        _ => false,
    };
}
