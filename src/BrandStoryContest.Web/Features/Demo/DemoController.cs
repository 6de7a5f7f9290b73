using BrandStoryContest.Web.Features.Accounts;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BrandStoryContest.Web.Features.Demo;

/// <summary>The demo's start page and its one-click sign-in; both 404 unless the demo seed is on.</summary>
[Route("demo")]
public sealed class DemoController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        await mediator.Send(new DemoStartQuery(), ct) is { } view ? View(view) : NotFound();

    [HttpPost("sign-in")]
    public async Task<IActionResult> SignIn(string email, CancellationToken ct)
    {
        if (await mediator.Send(new DemoSignInCommand(email ?? ""), ct) is not { } signedIn) return NotFound();
        AccountController.SetLanguageCookie(Response, signedIn.PreferredLanguage);
        return LocalRedirect(signedIn.Home);
    }
}
