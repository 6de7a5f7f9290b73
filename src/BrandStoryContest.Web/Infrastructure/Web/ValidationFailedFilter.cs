using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewEngines;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace BrandStoryContest.Web.Infrastructure.Web;

/// <summary>
/// The one place where a failed validator becomes something a person sees: the same form again with
/// each message next to its field, or a 400 with the messages for script calls. Nothing was saved.
/// </summary>
public sealed class ValidationFailedFilter(IModelMetadataProvider metadata, ICompositeViewEngine views, ITempDataDictionaryFactory tempData,
    Microsoft.Extensions.Localization.IStringLocalizer<SharedResource> L) : IExceptionFilter
{
    public void OnException(ExceptionContext context)
    {
        if (context.Exception is not ValidationException failure) return;
        foreach (var error in failure.Errors)
            context.ModelState.AddModelError(error.PropertyName, error.ErrorMessage);

        var wantsJson = context.HttpContext.Request.Headers.Accept.Any(a => a?.Contains("application/json") == true);
        if (wantsJson)
        {
            context.Result = new BadRequestObjectResult(new
            {
                // "error" for the scripts that show one line (upload.js), "errors" per field.
                error = string.Join(" ", failure.Errors.Select(e => e.ErrorMessage).Distinct()),
                errors = failure.Errors.Select(e => new { field = e.PropertyName, message = e.ErrorMessage }),
            });
        }
        else if (!HasOwnView(context) is var noView && noView && LocalReferrer(context.HttpContext) is { } back)
        {
            // A small form on a bigger page (a reason box, a decision) posts to an action without a view of its
            // own: go back to that page with the messages, as its refusals do.
            tempData.GetTempData(context.HttpContext)["Error"] = string.Join(" ", failure.Errors.Select(e => L[e.ErrorMessage].Value).Distinct());
            context.Result = new RedirectResult(back);
        }
        else if (noView)
        {
            // A hand-made post to a small form's action, with no page to go back to: the messages alone.
            context.Result = new ContentResult
            {
                StatusCode = StatusCodes.Status400BadRequest, ContentType = "text/plain; charset=utf-8",
                Content = string.Join("\n", failure.Errors.Select(e => L[e.ErrorMessage].Value).Distinct()),
            };
        }
        else
        {
            // Re-show the view of the posted action with what was posted, so nothing typed is lost.
            context.HttpContext.Items.TryGetValue(RememberFormFilter.Key, out var model);
            context.Result = new ViewResult
            {
                ViewName = context.RouteData.Values["action"] as string,
                ViewData = new ViewDataDictionary(metadata, context.ModelState) { Model = model },
                StatusCode = StatusCodes.Status400BadRequest,
            };
        }
        context.ExceptionHandled = true;
    }

    private bool HasOwnView(ExceptionContext context) =>
        context.RouteData.Values["action"] is string action && context.ActionDescriptor is Microsoft.AspNetCore.Mvc.Controllers.ControllerActionDescriptor
        && views.FindView(context, action, isMainPage: true).Success;

    /// <summary>The page the form was on, when it is on this site; never an outside address (open redirect).</summary>
    private static string? LocalReferrer(HttpContext http) =>
        Uri.TryCreate(http.Request.Headers.Referer.ToString(), UriKind.Absolute, out var referrer)
        && referrer.Authority == http.Request.Host.Value && referrer.Scheme == http.Request.Scheme ? referrer.PathAndQuery : null;
}

/// <summary>Remembers the bound form so <see cref="ValidationFailedFilter"/> can show it again.</summary>
public sealed class RememberFormFilter : IActionFilter
{
    public const string Key = "posted-form";

    public void OnActionExecuting(ActionExecutingContext context)
    {
        var form = context.ActionArguments.Values.FirstOrDefault(v => v is not null and not CancellationToken and not string && !v.GetType().IsPrimitive);
        if (form is not null) context.HttpContext.Items[Key] = form;
    }

    public void OnActionExecuted(ActionExecutedContext context) { }
}
