using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Broadcasts;

/// <summary>One message from a contest's organizer to one of its audiences: write, preview (with the count), send.</summary>
[Authorize(Policy = Policies.Organizer)]
[Route("manage/contests/{id:int}/broadcast")]
public sealed class BroadcastsController(IMediator mediator, IStringLocalizer<SharedResource> L) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Broadcast(int id, CancellationToken ct) =>
        await mediator.Send(new ComposeBroadcastQuery(id), ct) is { } form ? View(form) : NotFound();

    // Named "Broadcast" like the page, so a failed validation shows the page again with what was typed.
    [HttpPost("preview")]
    [ActionName("Broadcast")]
    public async Task<IActionResult> Preview(int id, BroadcastForm form, CancellationToken ct) =>
        await mediator.Send(new PreviewBroadcastQuery(id, form.Audience, form.Subject, form.Body), ct) is { } page ? View("Broadcast", page) : NotFound();

    [HttpPost("send")]
    [ActionName("Broadcast")]
    public async Task<IActionResult> Send(int id, BroadcastForm form, CancellationToken ct)
    {
        var result = await mediator.Send(new SendBroadcastCommand(id, form.Audience, form.Subject, form.Body, form.ExpectedCount ?? -1), ct);
        if (!result.Found) return NotFound();
        if (result.Refusal is { } refusal)
        {
            // Nothing was queued: the page again, with the message, a fresh preview and the text as typed.
            var page = await mediator.Send(new PreviewBroadcastQuery(id, form.Audience, form.Subject, form.Body), ct);
            ModelState.AddModelError(refusal.Field, L.Say(refusal));
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View("Broadcast", page);
        }
        TempData["Toast"] = L["Queued {0} messages.", result.Queued].Value;
        return Redirect($"/manage/contests/{id}");
    }
}
