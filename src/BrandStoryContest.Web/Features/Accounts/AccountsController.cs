using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace BrandStoryContest.Web.Features.Accounts;

[Route("account")]
public sealed class AccountsController(IMediator mediator) : Controller
{
    [HttpGet("register")]
    public IActionResult Register() => View(new RegisterCommand());

    [HttpPost("register")]
    [EnableRateLimiting("accounts")]
    public async Task<IActionResult> Register(RegisterCommand cmd, CancellationToken ct) =>
        await this.OrForm(await mediator.Send(cmd, ct), _ => View("CheckEmail", cmd.Email), () => Task.FromResult<IActionResult>(View(cmd)));

    /// <summary>
    /// Only shows the button: a GET never changes anything (mail scanners and link previews fetch links too).
    /// </summary>
    [HttpGet("confirm")]
    public IActionResult Confirm(string? userId, string? token) => View("ConfirmEmail", new ConfirmEmailCommand(userId ?? "", token ?? ""));

    /// <summary>A link that does not work gets the page saying so, answered 400.</summary>
    [HttpPost("confirm")]
    public async Task<IActionResult> Confirm(ConfirmEmailCommand cmd, CancellationToken ct) =>
        await this.OrForm(await mediator.Send(cmd, ct), _ => View(true), () => Task.FromResult<IActionResult>(View(false)));

    [HttpGet("login")]
    public IActionResult Login(string? returnUrl) => View(new LoginCommand { ReturnUrl = returnUrl });

    [HttpPost("login")]
    [EnableRateLimiting("accounts")]
    public async Task<IActionResult> Login(LoginCommand cmd, CancellationToken ct)
    {
        var result = await mediator.Send(cmd, ct);
        if (!result.IsOk)
        {
            // The sign-in page again with the reason, answered 200 like the page itself (not OrForm's 400): a refused
            // sign-in is an ordinary answer, and every refusal reads the same way.
            ModelState.AddModelError("", this.Say(result.Violations));
            return View(cmd);
        }
        SetLanguageCookie(Response, result.Value);
        return LocalRedirect(Url.IsLocalUrl(cmd.ReturnUrl) ? cmd.ReturnUrl : "/");
    }

    [HttpPost("logout")]
    [Authorize]
    public async Task<IActionResult> Logout(CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new LogoutCommand(), ct), Redirect("/"), toast: null);

    [HttpGet("profile")]
    [Authorize]
    public async Task<IActionResult> Profile(CancellationToken ct) =>
        this.Page(await mediator.Send(new ReadProfileQuery(), ct));

    [HttpPost("profile")]
    [Authorize]
    public async Task<IActionResult> Profile(EditProfileCommand form, CancellationToken ct)
    {
        var result = await mediator.Send(form, ct);
        if (result.IsOk) SetLanguageCookie(Response, form.PreferredLanguage);
        return this.AndRedirect(result, RedirectToAction(nameof(Profile)));
    }

    [HttpGet("denied")]
    public IActionResult Denied()
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        return View();
    }

    /// <summary>The visible language switch; signed-in people keep their choice in their profile too.</summary>
    [HttpPost("/language")]
    public async Task<IActionResult> Language(string culture, string? returnUrl, CancellationToken ct)
    {
        culture = Languages.Normalize(culture);
        SetLanguageCookie(Response, culture);
        var back = LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
        if (User.Identity?.IsAuthenticated != true) return back;
        return this.AndRedirect(await mediator.Send(new SetPreferredLanguageCommand(culture), ct), back, toast: null);
    }

    /// <summary>For visitors who are not signed in: only the cookie changes, so a GET is enough and safe.</summary>
    [HttpGet("/language")]
    public IActionResult LanguageForVisitor(string culture, string? returnUrl)
    {
        SetLanguageCookie(Response, culture);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl : "/");
    }

    public static void SetLanguageCookie(HttpResponse response, string? culture) =>
        response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(Languages.Normalize(culture))),
            new CookieOptions { Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
}
