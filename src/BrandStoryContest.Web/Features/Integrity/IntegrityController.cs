using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BrandStoryContest.Web.Features.Integrity;

[Authorize(Policy = Policies.Organizer)]
[Route("manage")]
public sealed class IntegrityController(IMediator mediator) : Controller
{
    [HttpGet("contests/{id:int}/integrity")]
    public async Task<IActionResult> Index(int id, double? threshold, CancellationToken ct) =>
        await mediator.Send(new IntegrityReportQuery(id, Math.Clamp(threshold ?? IntegrityReportHandler.DefaultThreshold, 0.05, 1)), ct) is { } view
            ? View(view) : NotFound();
}
