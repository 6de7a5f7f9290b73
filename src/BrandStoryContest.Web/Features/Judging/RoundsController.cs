using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>The organizer's side of judging: panels, conflicts, rounds, assignments, rankings.</summary>
[Authorize(Policy = Policies.Organizer)]
[Route("manage")]
public sealed class RoundsController(IMediator mediator, IStringLocalizer<SharedResource> L) : Controller
{
    [HttpGet("categories/{id:int}/judging")]
    public async Task<IActionResult> Setup(int id, string? entry, CancellationToken ct) =>
        this.Page(await mediator.Send(new JudgingSetupQuery(id, entry), ct));

    [HttpPost("categories/{id:int}/panel")]
    public async Task<IActionResult> Panel(int id, SetPanelCommand cmd, CancellationToken ct)
    {
        cmd.CategoryId = id;
        return this.AndRedirect(await mediator.Send(cmd, ct), RedirectToAction(nameof(Setup), new { id }));
    }

    [HttpPost("conflicts")]
    public async Task<IActionResult> AddConflict(AddConflictCommand cmd, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(cmd, ct), categoryId => RedirectToAction(nameof(Setup), new { id = categoryId }));

    [HttpPost("conflicts/{id:int}/remove")]
    public async Task<IActionResult> RemoveConflict(int id, int categoryId, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new RemoveConflictCommand(id), ct), RedirectToAction(nameof(Setup), new { id = categoryId }));

    [HttpGet("categories/{categoryId:int}/rounds/new")]
    public IActionResult RoundForm(int categoryId) => View(new CreateRoundCommand { CategoryId = categoryId, Name = L["First round"] });

    [HttpPost("rounds/save")]
    public async Task<IActionResult> RoundForm(CreateRoundCommand cmd, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(cmd, ct), id => RedirectToAction(nameof(Round), new { id }));

    [HttpGet("rounds/{id:int}")]
    public async Task<IActionResult> Round(int id, AggregationMethod? method, string? q, int? page, string? aq, bool? scored, int? apage, int? size,
        CancellationToken ct) =>
        this.Page(await mediator.Send(new RoundPageQuery(id, method, new RankingPage(q, new PageRequest(page, size)), new AssignmentFilter(aq, scored),
            new PageRequest(apage, size)), ct));

    /// <summary>A plan that leaves entries short of judges is saved, and the organizer is told which.</summary>
    [HttpPost("rounds/{id:int}/assign")]
    public async Task<IActionResult> Assign(int id, int? seed, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new AssignJudgesCommand(id, seed), ct), RedirectToAction(nameof(Round), new { id }), "Judges assigned.",
            plan => plan.Shortfall);

    [HttpPost("rounds/{id:int}/state")]
    public async Task<IActionResult> State(int id, RoundState to, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new ChangeRoundStateCommand(id, to), ct), RedirectToAction(nameof(Round), new { id }));

    [HttpPost("rounds/{id:int}/assignments")]
    public async Task<IActionResult> AddAssignment(int id, int entryId, string judgeId, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new AddAssignmentCommand(id, entryId, judgeId), ct), RedirectToAction(nameof(Round), new { id }));

    /// <summary>A refusal goes back to the round page the form was on (the assignment's round is not in the request).</summary>
    [HttpPost("assignments/{id:int}/remove")]
    public async Task<IActionResult> RemoveAssignment(int id, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new RemoveAssignmentCommand(id), ct), roundId => RedirectToAction(nameof(Round), new { id = roundId }));

    [HttpPost("rounds/{id:int}/release")]
    public async Task<IActionResult> Release(int id, string judgeId, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new ReleaseJudgeCommand(id, judgeId), ct), RedirectToAction(nameof(Round), new { id }),
            "The judge's open assignments were given to the rest of the panel.");

    [HttpGet("rounds/{id:int}/scores.csv")]
    public async Task<IActionResult> ExportScores(int id, AggregationMethod? method, CancellationToken ct) =>
        this.Page(await mediator.Send(new RoundRankingQuery(id, method), ct),
            view => new StreamedFile("text/csv; charset=utf-8", $"round-{id}-scores.csv", (body, token) => ScoresCsv.WriteAsync(view, body, token)));

    /// <summary>Without <see cref="AdvanceEntriesCommand.Confirm"/> the organizer first sees who advances and who is tied.</summary>
    [HttpPost("rounds/{id:int}/advance")]
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
