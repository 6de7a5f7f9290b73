using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace BrandStoryContest.Web.Features.Objections;

/// <summary>
/// The public notice (公示) and its objections, one controller for the feature folder (views in Views/Objections):
/// the notice of proposed winners for anyone, an objection from anyone signed in, and the organizer's side (open the
/// notice period, read and decide objections). Each action names who may call it.
/// </summary>
public sealed class ObjectionsController(IMediator mediator) : Controller
{
    // ---- The public notice ----

    [HttpGet("contests/{id:int}/notice")]
    public async Task<IActionResult> Notice(int id, CancellationToken ct) => this.Page(await mediator.Send(new NoticeBoardQuery(id), ct));

    [HttpPost("contests/{id:int}/notice/entries/{entryId:int}/objections")]
    [Authorize]
    [EnableRateLimiting("uploads")]
    [RequestSizeLimit(11 * 1024 * 1024)]
    public async Task<IActionResult> Object(int id, int entryId, string? reason, IFormFile? evidence, CancellationToken ct)
    {
        await using var content = evidence?.OpenReadStream();
        var result = await mediator.Send(new FileObjectionCommand(id, entryId, reason ?? "", evidence?.FileName, evidence?.Length ?? 0, content), ct);
        var notice = RedirectToAction(nameof(Notice), new { id });
        return this.AndRedirect(result, notice, "Your objection was filed. The organizer will review it.");
    }

    // ---- The organizer's side of the notice period ----

    [HttpPost("manage/contests/{id:int}/notice/open")]
    [Authorize(Policy = Policies.Organizer)]
    public async Task<IActionResult> OpenNotice(int id, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new OpenNoticePeriodCommand(id), ct), Redirect($"/manage/contests/{id}/awards"), "The notice period is open.");

    [HttpGet("manage/contests/{id:int}/objections")]
    [Authorize(Policy = Policies.Organizer)]
    public async Task<IActionResult> Index(int id, ObjectionState? state, string? q, int? page, int? size, CancellationToken ct) =>
        this.Page(await mediator.Send(new ObjectionsPageQuery(id, state, q, new PageRequest(page, size)), ct));

    /// <summary>A refusal goes back to the list the form was on (the objection's contest is not in the request).</summary>
    [HttpPost("manage/objections/{id:int}/decide")]
    [Authorize(Policy = Policies.Organizer)]
    public async Task<IActionResult> Decide(int id, DecideObjectionCommand cmd, CancellationToken ct)
    {
        cmd.ObjectionId = id;
        return this.AndRedirect(await mediator.Send(cmd, ct), contestId => RedirectToAction(nameof(Index), new { id = contestId }), "Objection decided.");
    }

    [HttpGet("manage/objections/{id:int}/evidence")]
    [Authorize(Policy = Policies.Organizer)]
    public async Task<IActionResult> Evidence(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new ReadObjectionEvidenceQuery(id), ct), e => File(e.Content, e.ContentType, e.FileName));
}
