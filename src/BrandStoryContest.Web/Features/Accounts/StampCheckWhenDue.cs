using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace BrandStoryContest.Web.Features.Accounts;

/// <summary>
/// Identity's sign-in cookie check (<see cref="SecurityStampValidator.ValidatePrincipalAsync"/>) builds a security stamp
/// validator, a SignInManager and a UserManager (with its metrics) on every signed-in request, and then does nothing
/// until the cookie is older than <see cref="SecurityStampValidatorOptions.ValidationInterval"/> (30 minutes). This asks
/// Identity's own question first, on Identity's own clock, and calls Identity's check when it is due: the same
/// check at the same moments, without building the services on every page in between.
/// </summary>
public static class StampCheckWhenDue
{
    public static Task ValidatePrincipalAsync(CookieValidatePrincipalContext context)
    {
        var options = context.HttpContext.RequestServices.GetRequiredService<IOptions<SecurityStampValidatorOptions>>().Value;
        var now = (options.TimeProvider ?? TimeProvider.System).GetUtcNow();
        // Identity validates when the cookie has no issue time or is older than the interval; otherwise it returns untouched.
        if (context.Properties.IssuedUtc is { } issued && now - issued <= options.ValidationInterval) return Task.CompletedTask;
        return SecurityStampValidator.ValidatePrincipalAsync(context);
    }
}
