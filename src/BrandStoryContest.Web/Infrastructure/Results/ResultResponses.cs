using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Infrastructure.Results;

/// <summary>
/// The one way a controller turns a <see cref="Result{T}"/> into a response, so no action maps refusals by hand
/// and every message is translated here. Not found is always a plain 404 (never "forbidden": an id that is not
/// yours does not exist for you). The three shapes a page needs:
/// <list type="bullet">
/// <item><see cref="Page{T}"/>: a GET that shows what the query found.</item>
/// <item><see cref="AndRedirect{T}"/>: a small form on a bigger page: toast or error, then back to the page.</item>
/// <item><see cref="OrForm{T}"/>: a form with its own view: refusals next to their fields, the form shown again.</item>
/// </list>
/// Script calls get <see cref="AsJson{T}"/>: 200 with the value, 404, or 422 with the messages.
/// </summary>
public static class ResultResponses
{
    public static IActionResult Page<T>(this Controller c, Result<T> result, Func<T, IActionResult>? ok = null) => result.Outcome switch
    {
        Outcome.Ok => ok is null ? c.View(result.Value) : ok(result.Value),
        Outcome.NotFound => c.NotFound(),
        _ => Refusal(c, result, () => c.BadRequest()),
    };

    /// <summary>Ok: the toast (an English key, translated by the layout) and <paramref name="next"/>.
    /// Refused: the messages above the page <paramref name="next"/> leads to (or <paramref name="onRefusal"/>).</summary>
    public static IActionResult AndRedirect<T>(this Controller c, Result<T> result, Func<T, IActionResult> next,
        string? toast = "Saved.", Func<IActionResult>? onRefusal = null)
    {
        switch (result.Outcome)
        {
            case Outcome.NotFound: return c.NotFound();
            case Outcome.Ok:
                if (toast is not null) c.TempData["Toast"] = toast;
                return next(result.Value);
            default:
                c.TempData["Error"] = Say(c, result.Violations);
                return onRefusal?.Invoke() ?? BackOr(c, () => c.BadRequest());
        }
    }

    /// <summary>Same as <see cref="AndRedirect{T}"/> with a toast that counts what was done ("{0} votes voided."): the
    /// key's placeholders are filled from the value and translated here, since the layout translates only plain keys.</summary>
    public static IActionResult AndRedirect<T>(this Controller c, Result<T> result, Func<T, IActionResult> next, string toast,
        Func<T, object[]> toastArgs, Func<IActionResult>? onRefusal = null)
    {
        if (!result.IsOk) return AndRedirect(c, result, next, null, onRefusal);
        c.TempData["Toast"] = Localizer(c)[toast, toastArgs(result.Value)].Value;
        return next(result.Value);
    }

    /// <summary>Same as <see cref="AndRedirect{T}"/> for one fixed place, when a use case can succeed with a caveat the
    /// reader must see (a plan saved with entries short of judges): the <paramref name="caveat"/> then shows instead of the toast.</summary>
    public static IActionResult AndRedirect<T>(this Controller c, Result<T> result, IActionResult next, string toast, Func<T, RuleViolation?> caveat)
    {
        if (result.IsOk && caveat(result.Value) is { } shown)
        {
            c.TempData["Error"] = Say(c, [shown]);
            return next;
        }
        return AndRedirect(c, result, next, toast);
    }

    /// <summary>The caveat overload above for a place that the value names (the proposal's contest).</summary>
    public static IActionResult AndRedirect<T>(this Controller c, Result<T> result, Func<T, IActionResult> next, string toast, Func<T, RuleViolation?> caveat)
    {
        if (result.IsOk && caveat(result.Value) is { } shown)
        {
            c.TempData["Error"] = Say(c, [shown]);
            return next(result.Value);
        }
        return AndRedirect(c, result, next, toast);
    }

    /// <summary>Same as <see cref="AndRedirect{T}"/> for one fixed place whatever the outcome.</summary>
    public static IActionResult AndRedirect<T>(this Controller c, Result<T> result, IActionResult next, string? toast = "Saved.") =>
        AndRedirect(c, result, _ => next, toast, () => next);

    /// <summary>Refused: each message goes into ModelState under its field, and <paramref name="showForm"/>
    /// shows the form again with what was posted (status 400), so nothing typed is lost. Ok: the <paramref name="toast"/>, if any, and <paramref name="ok"/>.</summary>
    public static async Task<IActionResult> OrForm<T>(this Controller c, Result<T> result, Func<T, IActionResult> ok,
        Func<Task<IActionResult>> showForm, string? toast = null)
    {
        if (result.Outcome == Outcome.NotFound) return c.NotFound();
        if (result.IsOk)
        {
            if (toast is not null) c.TempData["Toast"] = toast;
            return ok(result.Value);
        }
        var L = Localizer(c);
        foreach (var v in result.Violations) c.ModelState.AddModelError(v.Field, L.Say(v));
        c.Response.StatusCode = StatusCodes.Status400BadRequest;
        return await showForm();
    }

    public static IActionResult AsJson<T>(this Controller c, Result<T> result, Func<T, object?>? body = null) => result.Outcome switch
    {
        Outcome.Ok => body is null ? c.Ok(result.Value) : c.Ok(body(result.Value)),
        Outcome.NotFound => c.NotFound(),
        _ => c.UnprocessableEntity(new
        {
            error = Say(c, result.Violations),
            errors = result.Violations.Select(v => new { field = v.Field, message = Localizer(c).Say(v) }),
        }),
    };

    /// <summary>The rules a request broke, in the reader's language, as one line.</summary>
    public static string Say(this Controller c, IEnumerable<RuleViolation> violations)
    {
        var L = Localizer(c);
        return string.Join(" ", violations.Select(v => L.Say(v)).Distinct());
    }

    private static IActionResult Refusal<T>(Controller c, Result<T> result, Func<IActionResult> fallback)
    {
        c.TempData["Error"] = Say(c, result.Violations);
        return BackOr(c, fallback);
    }

    /// <summary>The page the form was on when it is on this site (never an outside address: no open redirect).</summary>
    private static IActionResult BackOr(Controller c, Func<IActionResult> fallback) =>
        Uri.TryCreate(c.Request.Headers.Referer.ToString(), UriKind.Absolute, out var referrer)
        && referrer.Authority == c.Request.Host.Value && referrer.Scheme == c.Request.Scheme
            ? c.Redirect(referrer.PathAndQuery) : fallback();

    private static IStringLocalizer Localizer(Controller c) =>
        c.HttpContext.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
}
