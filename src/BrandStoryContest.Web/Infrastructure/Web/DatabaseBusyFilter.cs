using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Localization;
using Npgsql;

namespace BrandStoryContest.Web.Infrastructure.Web;

/// <summary>
/// When the database is too busy to answer in time (the deadline surge: SQLite's write lock held past the busy
/// timeout, PostgreSQL connections that cannot be opened in time), the person gets a plain 503 with Retry-After
/// saying to send the form again, not a 500. Sending it again is safe: the request's transaction did not commit
/// or, for a submit, the repeat answers the same receipt (docs/reliability.md, "Submits are idempotent").
/// </summary>
public sealed class DatabaseBusyFilter(IStringLocalizer<SharedResource> L, ILogger<DatabaseBusyFilter> log) : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        if (!IsBusy(context.Exception)) return;
        log.LogWarning(context.Exception, "Database too busy during {Path}", context.HttpContext.Request.Path);
        var message = L["The site is very busy at the moment. Please send the form again in a moment: nothing is saved twice."].Value;
        context.HttpContext.Response.Headers.RetryAfter = "5";
        var wantsJson = context.HttpContext.Request.Headers.Accept.Any(a => a?.Contains("application/json") == true);
        context.Result = wantsJson
            ? new ObjectResult(new { error = message }) { StatusCode = StatusCodes.Status503ServiceUnavailable }
            : new ContentResult { Content = message, ContentType = "text/plain; charset=utf-8", StatusCode = StatusCodes.Status503ServiceUnavailable };
        context.ExceptionHandled = true;
    }

    /// <summary>SQLITE_BUSY / SQLITE_LOCKED, or a timeout or transient failure of PostgreSQL, anywhere in the chain.</summary>
    private static bool IsBusy(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
            if (e is SqliteException { SqliteErrorCode: 5 or 6 } or TimeoutException or NpgsqlException { IsTransient: true }) return true;
        return false;
    }
}
