using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BrandStoryContest.Web.Features.Screening;

/// <summary>
/// Screening is open to any signed-in person because a screener holds no site-wide role: who may screen which
/// contest is <see cref="ScreeningAccess"/>'s answer inside every handler. Naming screeners needs the organizer policy too.
/// </summary>
[Authorize]
public sealed class ScreeningController(IMediator mediator) : Controller
{
    [HttpGet("screening")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        this.Page(await mediator.Send(new MyScreeningQuery(), ct));

    [HttpGet("screening/contests/{id:int}")]
    public async Task<IActionResult> Contest(int id, bool returned, int? page, int? size, CancellationToken ct) =>
        this.Page(await mediator.Send(new ScreeningPageQuery(id, new PageRequest(page, size), returned), ct));

    [HttpPost("screening/entries/{id:int}/return")]
    public async Task<IActionResult> Return(int id, string? reason, DateTime? correctionDue, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new ReturnEntryCommand(id, reason ?? "", correctionDue), ct),
            contestId => RedirectToAction(nameof(Contest), new { id = contestId }), "The entry was returned for correction.");

    [Authorize(Policy = Policies.Organizer)]
    [HttpPost("manage/contests/{id:int}/screeners")]
    public async Task<IActionResult> NameScreener(int id, string? email, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new NameScreenerCommand(id, email ?? ""), ct),
            contestId => RedirectToAction(nameof(Contest), new { id = contestId }), "The screener was named.");

    [Authorize(Policy = Policies.Organizer)]
    [HttpPost("manage/contests/{id:int}/screeners/remove")]
    public async Task<IActionResult> RemoveScreener(int id, string? screenerId, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new RemoveScreenerCommand(id, screenerId ?? ""), ct),
            contestId => RedirectToAction(nameof(Contest), new { id = contestId }), "The screener was removed.");
}
