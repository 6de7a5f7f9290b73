using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>The judge's side: assigned entries, blind, and the score sheet.</summary>
[Authorize(Policy = Policies.Judge)]
[Route("judging")]
public sealed class JudgingController(IMediator mediator, IStringLocalizer<SharedResource> L) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => View(await mediator.Send(new MyAssignmentsQuery(), ct));

    [HttpGet("assignments/{id:int}")]
    public async Task<IActionResult> Sheet(int id, CancellationToken ct) =>
        await mediator.Send(new ScoreSheetQuery(id, Language), ct) is { } sheet ? View(sheet) : NotFound();

    /// <summary>The form post and the autosave (JSON, from wwwroot/js/scoring.js) share one use case.</summary>
    [HttpPost("assignments/{id:int}")]
    public async Task<IActionResult> Sheet(int id, ScoreEntryCommand cmd, CancellationToken ct)
    {
        cmd.AssignmentId = id;
        var result = await mediator.Send(cmd, ct);
        if (!result.Found) return NotFound();
        var wantsJson = Request.Headers.Accept.ToString().Contains("application/json");
        if (wantsJson)
            return result.Saved
                ? Ok(new { total = result.Total, version = result.Version })
                : UnprocessableEntity(new { errors = result.Violations.Select(v => L.Say(v)), version = result.Version });
        if (result.Saved)
        {
            TempData["Toast"] = "Scores saved.";
            return RedirectToAction(nameof(Sheet), new { id });
        }
        foreach (var v in result.Violations) ModelState.AddModelError(v.Field, L.Say(v));
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(await mediator.Send(new ScoreSheetQuery(id, Language), ct));
    }

    [HttpPost("assignments/{id:int}/viewing")]
    public async Task<IActionResult> Viewing(int id, [FromBody] RecordViewingCommand? cmd, CancellationToken ct)
    {
        if (cmd is null || !ModelState.IsValid) return BadRequest(new { error = L["The request could not be read: reload the page and try again."].Value });
        cmd.AssignmentId = id;
        return await mediator.Send(cmd, ct) is { } watched ? Ok(new { watched }) : NotFound();
    }

    [HttpPost("assignments/{id:int}/notes")]
    public async Task<IActionResult> AddNote(int id, double atSeconds, string? text, CancellationToken ct)
    {
        if (await mediator.Send(new AddJudgeNoteCommand(id, atSeconds, text ?? ""), ct) is { } refusal)
            TempData["Error"] = L.Say(refusal);
        return RedirectToAction(nameof(Sheet), new { id });
    }

    [HttpPost("notes/{id:int}/delete")]
    public async Task<IActionResult> DeleteNote(int id, CancellationToken ct) =>
        await mediator.Send(new DeleteJudgeNoteCommand(id), ct) is { } assignmentId ? RedirectToAction(nameof(Sheet), new { id = assignmentId }) : NotFound();

    [HttpPost("assignments/{id:int}/conflict")]
    public async Task<IActionResult> DeclareConflict(int id, string? reason, CancellationToken ct)
    {
        if (!await mediator.Send(new DeclareConflictCommand(id, reason), ct)) return NotFound();
        TempData["Toast"] = "Conflict declared. The organizer will reassign this entry.";
        return RedirectToAction(nameof(Index));
    }

    private static string Language => ReaderLanguage.Current;
}
