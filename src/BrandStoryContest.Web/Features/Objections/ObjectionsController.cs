using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BrandStoryContest.Web.Features.Objections;

/// <summary>The organizer's side of the notice period: open it, read and decide objections.</summary>
[Authorize(Policy = Policies.Organizer)]
[Route("manage")]
public sealed class ObjectionsController(IMediator mediator) : Controller
{
    [HttpPost("contests/{id:int}/notice/open")]
    public async Task<IActionResult> OpenNotice(int id, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new OpenNoticePeriodCommand(id), ct), Redirect($"/manage/contests/{id}/awards"), "The notice period is open.");

    [HttpGet("contests/{id:int}/objections")]
    public async Task<IActionResult> Index(int id, ObjectionState? state, string? q, int? page, int? size, CancellationToken ct) =>
        this.Page(await mediator.Send(new ObjectionsPageQuery(id, state, q, new PageRequest(page, size)), ct));

    /// <summary>A refusal goes back to the list the form was on (the objection's contest is not in the request).</summary>
    [HttpPost("objections/{id:int}/decide")]
    public async Task<IActionResult> Decide(int id, DecideObjectionCommand cmd, CancellationToken ct)
    {
        cmd.ObjectionId = id;
        return this.AndRedirect(await mediator.Send(cmd, ct), contestId => RedirectToAction(nameof(Index), new { id = contestId }), "Objection decided.");
    }

    [HttpGet("objections/{id:int}/evidence")]
    public async Task<IActionResult> Evidence(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new ObjectionEvidenceQuery(id), ct), e => File(e.Content, e.ContentType, e.FileName));
}
