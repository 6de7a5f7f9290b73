using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Objections;

/// <summary>The organizer's side of the notice period: open it, read and decide objections.</summary>
[Authorize(Policy = Policies.Organizer)]
[Route("manage")]
public sealed class ObjectionsController(IMediator mediator, IStringLocalizer<SharedResource> L) : Controller
{
    [HttpPost("contests/{id:int}/notice/open")]
    public async Task<IActionResult> OpenNotice(int id, CancellationToken ct)
    {
        var refusal = await mediator.Send(new OpenNoticePeriodCommand(id), ct);
        if (refusal is null) TempData["Toast"] = "The notice period is open.";
        else TempData["Error"] = L.Say(refusal);
        return Redirect($"/manage/contests/{id}/awards");
    }

    [HttpGet("contests/{id:int}/objections")]
    public async Task<IActionResult> Index(int id, ObjectionState? state, string? q, int? page, int? size, CancellationToken ct) =>
        await mediator.Send(new ObjectionsPageQuery(id, state, q, new PageRequest(page, size)), ct) is { } view ? View(view) : NotFound();

    [HttpPost("objections/{id:int}/decide")]
    public async Task<IActionResult> Decide(int id, DecideObjectionCommand cmd, CancellationToken ct)
    {
        cmd.ObjectionId = id;
        var (contestId, refusal) = await mediator.Send(cmd, ct);
        if (contestId is null) return NotFound();
        if (refusal is null) TempData["Toast"] = "Objection decided.";
        else TempData["Error"] = L.Say(refusal);
        return RedirectToAction(nameof(Index), new { id = contestId });
    }

    [HttpGet("objections/{id:int}/evidence")]
    public async Task<IActionResult> Evidence(int id, CancellationToken ct) =>
        await mediator.Send(new ObjectionEvidenceQuery(id), ct) is { } e ? File(e.Content, e.ContentType, e.FileName) : NotFound();
}
