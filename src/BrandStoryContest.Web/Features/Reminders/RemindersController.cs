using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BrandStoryContest.Web.Features.Reminders;

/// <summary>The one-click opt-out from a reminder: no sign-in, the signed token in the link says whose.</summary>
[Route("reminders")]
public sealed class RemindersController(IMediator mediator) : Controller
{
    [HttpGet("opt-out")]
    public async Task<IActionResult> OptOut(string? token, CancellationToken ct) =>
        this.Page(await mediator.Send(new ReadOptOutQuery(token), ct));

    /// <summary>A link that names nobody: the same page, saying the link is not valid, answered 400.</summary>
    [HttpPost("opt-out")]
    [ActionName("OptOut")]
    public async Task<IActionResult> OptOutPost(string? token, CancellationToken ct) =>
        await this.OrForm(await mediator.Send(new OptOutCommand(token), ct), page => View("OptOut", page),
            () => Task.FromResult<IActionResult>(View("OptOut", new OptOutPage(token ?? "", Valid: false, AlreadyOut: false))));
}
