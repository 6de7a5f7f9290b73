using BrandStoryContest.Web.Infrastructure.Results;
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
    public async Task<IActionResult> Broadcast(int id, CancellationToken ct) => this.Page(await mediator.Send(new ComposeBroadcastQuery(id), ct));

    // Named "Broadcast" like the page, so a failed validation shows the page again with what was typed.
    [HttpPost("preview")]
    [ActionName("Broadcast")]
    public async Task<IActionResult> Preview(int id, BroadcastForm form, CancellationToken ct) =>
        this.Page(await mediator.Send(new PreviewBroadcastQuery(id, form.Audience, form.Subject, form.Body), ct), page => View("Broadcast", page));

    /// <summary>Refused: nothing was queued; the page again (409: the audience or the rules changed), with the message,
    /// a fresh preview and the text as typed.</summary>
    [HttpPost("send")]
    [ActionName("Broadcast")]
    public async Task<IActionResult> Send(int id, BroadcastForm form, CancellationToken ct)
    {
        var sent = await mediator.Send(new SendBroadcastCommand(id, form.Audience, form.Subject, form.Body, form.ExpectedCount ?? -1), ct);
        // The toast counts what was queued, so it is translated here (the layout translates only plain keys).
        return await this.OrForm(sent, _ => Redirect($"/manage/contests/{id}"),
            async () =>
            {
                Response.StatusCode = StatusCodes.Status409Conflict;
                return this.Page(await mediator.Send(new PreviewBroadcastQuery(id, form.Audience, form.Subject, form.Body), ct), page => View("Broadcast", page));
            }, sent.IsOk ? L["Queued {0} messages.", sent.Value].Value : null);
    }
}
