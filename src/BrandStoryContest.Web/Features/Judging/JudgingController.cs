using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>The judge's side: assigned entries, blind, and the score sheet.</summary>
[Authorize(Policy = Policies.Judge)]
[Route("judging")]
public sealed class JudgingController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) => this.Page(await mediator.Send(new MyAssignmentsQuery(), ct));

    [HttpGet("assignments/{id:int}")]
    public async Task<IActionResult> Sheet(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new ScoreSheetQuery(id, ReaderLanguage.Current), ct));

    /// <summary>The form post and the autosave (JSON, from wwwroot/js/scoring.js) share one use case.</summary>
    [HttpPost("assignments/{id:int}")]
    public async Task<IActionResult> Sheet(int id, ScoreEntryCommand cmd, CancellationToken ct)
    {
        cmd.AssignmentId = id;
        var result = await mediator.Send(cmd, ct);
        if (Request.Headers.Accept.ToString().Contains("application/json"))
            return this.AsJson(result, saved => new { total = saved.Total, version = saved.Version });
        return await this.OrForm(result, _ => RedirectToAction(nameof(Sheet), new { id }),
            async () => this.Page(await mediator.Send(new ScoreSheetQuery(id, ReaderLanguage.Current), ct)), toast: "Scores saved.");
    }

    [HttpPost("assignments/{id:int}/viewing")]
    public async Task<IActionResult> Viewing(int id, [FromBody] RecordViewingCommand? cmd, CancellationToken ct)
    {
        if (cmd is null || !ModelState.IsValid) return BadRequest(new { error = this.Say([Unreadable]) });
        cmd.AssignmentId = id;
        return this.AsJson(await mediator.Send(cmd, ct), watched => new { watched });
    }

    [HttpPost("assignments/{id:int}/notes")]
    public async Task<IActionResult> AddNote(int id, double atSeconds, string? text, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new AddJudgeNoteCommand(id, atSeconds, text ?? ""), ct), RedirectToAction(nameof(Sheet), new { id }), toast: null);

    [HttpPost("notes/{id:int}/delete")]
    public async Task<IActionResult> DeleteNote(int id, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new DeleteJudgeNoteCommand(id), ct), assignmentId => RedirectToAction(nameof(Sheet), new { id = assignmentId }), toast: null);

    [HttpPost("assignments/{id:int}/conflict")]
    public async Task<IActionResult> DeclareConflict(int id, string? reason, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new DeclareConflictCommand(id, reason), ct), RedirectToAction(nameof(Index)),
            "Conflict declared. The organizer will reassign this entry.");

    private static readonly Domain.RuleViolation Unreadable = new("", "The request could not be read: reload the page and try again.");
}
