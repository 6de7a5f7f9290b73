using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BrandStoryContest.Web.Features.Reminders;

/// <summary>The one-click opt-out from a reminder: no sign-in, the signed token in the link says whose.</summary>
[Route("reminders")]
public sealed class RemindersController(IMediator mediator) : Controller
{
    [HttpGet("opt-out")]
    public async Task<IActionResult> OptOut(string? token, CancellationToken ct) =>
        View(await mediator.Send(new ReadOptOutQuery(token), ct));

    [HttpPost("opt-out")]
    [ActionName("OptOut")]
    public async Task<IActionResult> OptOutPost(string? token, CancellationToken ct)
    {
        var page = await mediator.Send(new OptOutCommand(token), ct);
        if (!page.Valid) Response.StatusCode = StatusCodes.Status400BadRequest;
        return View("OptOut", page);
    }
}
