using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Integrity;

[Authorize(Policy = Policies.Organizer)]
[Route("manage")]
public sealed class IntegrityController(IMediator mediator, IStringLocalizer<SharedResource> L) : Controller
{
    [HttpGet("contests/{id:int}/integrity")]
    public async Task<IActionResult> Index(int id, double? threshold, CancellationToken ct) =>
        await mediator.Send(new IntegrityReportQuery(id, threshold ?? IntegrityReportHandler.DefaultThreshold), ct) is { } view
            ? View(view) : NotFound();

    [HttpPost("entries/{id:int}/redact")]
    public async Task<IActionResult> Redact(int id, int contestId, string? text, CancellationToken ct)
    {
        var refusal = await mediator.Send(new RedactStoryCommand(id, text), ct);
        if (refusal is null) TempData["Toast"] = "Saved.";
        else TempData["Error"] = L.Say(refusal);
        return RedirectToAction(nameof(Index), new { id = contestId });
    }
}
