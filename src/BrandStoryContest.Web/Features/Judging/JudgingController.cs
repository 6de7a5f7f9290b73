using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>
/// Judging, both sides, one controller for the one feature folder (views in Views/Judging): the judge's assigned
/// entries, blind, and the score sheet (under /judging); the organizer's panels, conflicts, rounds, assignments and
/// rankings (under /manage). Each action names its own role: the two sides have different users.
/// </summary>
[Authorize]
public sealed class JudgingController(IMediator mediator, IStringLocalizer<SharedResource> L) : Controller
{
    // ---- The judge's side ----

    [HttpGet("judging")]
    [Authorize(Policy = Policies.Judge)]
    public async Task<IActionResult> Index(CancellationToken ct) => this.Page(await mediator.Send(new MyAssignmentsQuery(), ct));

    [HttpGet("judging/assignments/{id:int}")]
    [Authorize(Policy = Policies.Judge)]
    public async Task<IActionResult> Sheet(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new ScoreSheetQuery(id, ReaderLanguage.Current), ct));

    /// <summary>The form post and the autosave (JSON, from wwwroot/js/scoring.js) share one use case.</summary>
    [HttpPost("judging/assignments/{id:int}")]
    [Authorize(Policy = Policies.Judge)]
    public async Task<IActionResult> Sheet(int id, ScoreEntryCommand cmd, CancellationToken ct)
    {
        cmd.AssignmentId = id;
        var result = await mediator.Send(cmd, ct);
        if (Request.Headers.Accept.ToString().Contains("application/json"))
            return this.AsJson(result, saved => new { total = saved.Total, version = saved.Version });
        return await this.OrForm(result, _ => RedirectToAction(nameof(Sheet), new { id }),
            async () => this.Page(await mediator.Send(new ScoreSheetQuery(id, ReaderLanguage.Current), ct)), toast: "Scores saved.");
    }

    [HttpPost("judging/assignments/{id:int}/viewing")]
    [Authorize(Policy = Policies.Judge)]
    public async Task<IActionResult> Viewing(int id, [FromBody] RecordViewingCommand? cmd, CancellationToken ct)
    {
        if (cmd is null || !ModelState.IsValid) return BadRequest(new { error = this.Say([Unreadable]) });
        cmd.AssignmentId = id;
        return this.AsJson(await mediator.Send(cmd, ct), watched => new { watched });
    }

    [HttpPost("judging/assignments/{id:int}/notes")]
    [Authorize(Policy = Policies.Judge)]
    public async Task<IActionResult> AddNote(int id, double atSeconds, string? text, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new AddJudgeNoteCommand(id, atSeconds, text ?? ""), ct), RedirectToAction(nameof(Sheet), new { id }), toast: null);

    [HttpPost("judging/notes/{id:int}/delete")]
    [Authorize(Policy = Policies.Judge)]
    public async Task<IActionResult> DeleteNote(int id, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new DeleteJudgeNoteCommand(id), ct), assignmentId => RedirectToAction(nameof(Sheet), new { id = assignmentId }), toast: null);

    [HttpPost("judging/assignments/{id:int}/conflict")]
    [Authorize(Policy = Policies.Judge)]
    public async Task<IActionResult> DeclareConflict(int id, string? reason, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new DeclareConflictCommand(id, reason), ct), RedirectToAction(nameof(Index)),
            "Conflict declared. The organizer will reassign this entry.");

    private static readonly RuleViolation Unreadable = new("", "The request could not be read: reload the page and try again.");

    // ---- The organizer's side ----

    [HttpGet("manage/categories/{id:int}/judging")]
    [Authorize(Policy = Policies.Organizer)]
    public async Task<IActionResult> Setup(int id, string? entry, CancellationToken ct) =>
        this.Page(await mediator.Send(new JudgingSetupQuery(id, entry), ct));

    [HttpPost("manage/categories/{id:int}/panel")]
    [Authorize(Policy = Policies.Organizer)]
    public async Task<IActionResult> Panel(int id, SetPanelCommand cmd, CancellationToken ct)
    {
        cmd.CategoryId = id;
        return this.AndRedirect(await mediator.Send(cmd, ct), RedirectToAction(nameof(Setup), new { id }));
    }

    [HttpPost("manage/conflicts")]
    [Authorize(Policy = Policies.Organizer)]
    public async Task<IActionResult> AddConflict(AddConflictCommand cmd, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(cmd, ct), categoryId => RedirectToAction(nameof(Setup), new { id = categoryId }));

    [HttpPost("manage/conflicts/{id:int}/remove")]
    [Authorize(Policy = Policies.Organizer)]
    public async Task<IActionResult> RemoveConflict(int id, int categoryId, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new RemoveConflictCommand(id), ct), RedirectToAction(nameof(Setup), new { id = categoryId }));

    [HttpGet("manage/categories/{categoryId:int}/rounds/new")]
    [Authorize(Policy = Policies.Organizer)]
    public IActionResult RoundForm(int categoryId) => View(new CreateRoundCommand { CategoryId = categoryId, Name = L["First round"] });

    [HttpPost("manage/rounds/save")]
    [Authorize(Policy = Policies.Organizer)]
    public async Task<IActionResult> RoundForm(CreateRoundCommand cmd, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(cmd, ct), id => RedirectToAction(nameof(Round), new { id }));

    [HttpGet("manage/rounds/{id:int}")]
    [Authorize(Policy = Policies.Organizer)]
    public async Task<IActionResult> Round(int id, AggregationMethod? method, string? q, int? page, string? aq, bool? scored, int? apage, int? size,
        CancellationToken ct) =>
        this.Page(await mediator.Send(new RoundPageQuery(id, method, new RankingPage(q, new PageRequest(page, size)), new AssignmentFilter(aq, scored),
            new PageRequest(apage, size)), ct));

    /// <summary>A plan that leaves entries short of judges is saved, and the organizer is told which.</summary>
    [HttpPost("manage/rounds/{id:int}/assign")]
    [Authorize(Policy = Policies.Organizer)]
    public async Task<IActionResult> Assign(int id, int? seed, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new AssignJudgesCommand(id, seed), ct), RedirectToAction(nameof(Round), new { id }), "Judges assigned.",
            plan => plan.Shortfall);

    [HttpPost("manage/rounds/{id:int}/state")]
    [Authorize(Policy = Policies.Organizer)]
    public async Task<IActionResult> State(int id, RoundState to, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new ChangeRoundStateCommand(id, to), ct), RedirectToAction(nameof(Round), new { id }));

    [HttpPost("manage/rounds/{id:int}/assignments")]
    [Authorize(Policy = Policies.Organizer)]
    public async Task<IActionResult> AddAssignment(int id, int entryId, string judgeId, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new AddAssignmentCommand(id, entryId, judgeId), ct), RedirectToAction(nameof(Round), new { id }));

    /// <summary>A refusal goes back to the round page the form was on (the assignment's round is not in the request).</summary>
    [HttpPost("manage/assignments/{id:int}/remove")]
    [Authorize(Policy = Policies.Organizer)]
    public async Task<IActionResult> RemoveAssignment(int id, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new RemoveAssignmentCommand(id), ct), roundId => RedirectToAction(nameof(Round), new { id = roundId }));

    [HttpPost("manage/rounds/{id:int}/release")]
    [Authorize(Policy = Policies.Organizer)]
    public async Task<IActionResult> Release(int id, string judgeId, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new ReleaseJudgeCommand(id, judgeId), ct), RedirectToAction(nameof(Round), new { id }),
            "The judge's open assignments were given to the rest of the panel.");

    [HttpGet("manage/rounds/{id:int}/scores.csv")]
    [Authorize(Policy = Policies.Organizer)]
    public async Task<IActionResult> ExportScores(int id, AggregationMethod? method, CancellationToken ct) =>
        this.Page(await mediator.Send(new RoundRankingQuery(id, method), ct),
            view => new StreamedFile("text/csv; charset=utf-8", $"round-{id}-scores.csv", (body, token) => ScoresCsv.WriteAsync(view, body, token)));

    /// <summary>Without <see cref="AdvanceEntriesCommand.Confirm"/> the organizer first sees who advances and who is tied.</summary>
    [HttpPost("manage/rounds/{id:int}/advance")]
    [Authorize(Policy = Policies.Organizer)]
    public async Task<IActionResult> Advance(int id, AdvanceEntriesCommand cmd, CancellationToken ct)
    {
        cmd.RoundId = id;
        var result = await mediator.Send(cmd, ct);
        var round = RedirectToAction(nameof(Round), new { id });
        if (!cmd.Confirm) return this.AndRedirect(result, preview => View("Advance", new AdvancePreview(cmd, preview)), toast: null, onRefusal: () => round);
        return this.AndRedirect(result, advanced => RedirectToAction(nameof(Round), new { id = advanced.NextRoundId }), "Entries advanced to the next round.",
            onRefusal: () => round);
    }
}
