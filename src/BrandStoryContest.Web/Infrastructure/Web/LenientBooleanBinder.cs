using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace BrandStoryContest.Web.Infrastructure.Web;

/// <summary>
/// A checkbox posts "true" (and its hidden "false"); anything else is read as unchecked. MVC's own binder keeps
/// the unreadable text as the attempted value, and re-showing the form with it makes the checkbox tag helper
/// throw: a hand-made "-1" would be a 500 instead of the form again.
/// </summary>
public sealed class LenientBooleanBinder : IModelBinder
{
    public Task BindModelAsync(ModelBindingContext context)
    {
        var posted = context.ValueProvider.GetValue(context.ModelName);
        if (posted == ValueProviderResult.None)
        {
            if (Nullable.GetUnderlyingType(context.ModelType) is null) context.Result = ModelBindingResult.Failed();
            return Task.CompletedTask;
        }
        var value = bool.TryParse(posted.FirstValue, out var parsed) && parsed
            || string.Equals(posted.FirstValue, "on", StringComparison.OrdinalIgnoreCase);
        context.ModelState.SetModelValue(context.ModelName, new ValueProviderResult(value ? "true" : "false"));
        context.Result = ModelBindingResult.Success(value);
        return Task.CompletedTask;
    }
}

public sealed class LenientBooleanBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context) =>
        context.Metadata.UnderlyingOrModelType == typeof(bool) ? new LenientBooleanBinder() : null;
}
