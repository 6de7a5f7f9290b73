using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace BrandStoryContest.Web.Infrastructure.Web;

/// <summary>
/// The one place where a failed validator becomes something a person sees: the same form again with
/// each message next to its field, or a 400 with the messages for script calls. Nothing was saved.
/// </summary>
public sealed class ValidationFailedFilter(IModelMetadataProvider metadata) : IExceptionFilter
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
                errors = failure.Errors.Select(e => new { field = e.PropertyName, message = e.ErrorMessage }),
            });
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
