using BrandStoryContest.Web.Features.Accounts;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BrandStoryContest.Web.Features.Demo;

/// <summary>The demo's start page and its one-click sign-in; both 404 unless the demo seed is on.</summary>
[Route("demo")]
public sealed class DemoController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        this.Page(await mediator.Send(new DemoStartQuery(), ct));

    [HttpPost("sign-in")]
    public async Task<IActionResult> SignIn(string email, CancellationToken ct) =>
        this.Page(await mediator.Send(new DemoSignInCommand(email ?? ""), ct), signedIn =>
        {
            AccountsController.SetLanguageCookie(Response, signedIn.PreferredLanguage);
            return LocalRedirect(signedIn.Home);
        });
}
