using BrandStoryContest.Web.Infrastructure.Results;
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
        this.Page(await mediator.Send(new IntegrityReportQuery(id, threshold ?? IntegrityReportHandler.DefaultThreshold), ct));

    [HttpPost("entries/{id:int}/redact")]
    public async Task<IActionResult> Redact(int id, int contestId, string? text, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new RedactStoryCommand(id, text), ct), RedirectToAction(nameof(Index), new { id = contestId }));
}
