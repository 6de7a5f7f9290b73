using BrandStoryContest.Web.Domain;
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
        await mediator.Send(new JudgingSetupQuery(id, entry), ct) is { } view ? View(view) : NotFound();

    [HttpPost("categories/{id:int}/panel")]
    public async Task<IActionResult> Panel(int id, SetPanelCommand cmd, CancellationToken ct)
    {
        cmd.CategoryId = id;
        if (!await mediator.Send(cmd, ct)) return NotFound();
        TempData["Toast"] = "Saved.";
        return RedirectToAction(nameof(Setup), new { id });
    }

    [HttpPost("conflicts")]
    public async Task<IActionResult> AddConflict(AddConflictCommand cmd, CancellationToken ct) =>
        await mediator.Send(cmd, ct) is { } categoryId ? Toasted(nameof(Setup), categoryId) : NotFound();

    [HttpPost("conflicts/{id:int}/remove")]
    public async Task<IActionResult> RemoveConflict(int id, int categoryId, CancellationToken ct) =>
        await mediator.Send(new RemoveConflictCommand(id), ct) is null ? NotFound() : Toasted(nameof(Setup), categoryId);

    [HttpGet("categories/{categoryId:int}/rounds/new")]
    public IActionResult RoundForm(int categoryId) => View(new CreateRoundCommand { CategoryId = categoryId, Name = L["First round"] });

    [HttpPost("rounds/save")]
    public async Task<IActionResult> RoundForm(CreateRoundCommand cmd, CancellationToken ct) =>
        await mediator.Send(cmd, ct) is { } id ? Toasted(nameof(Round), id) : NotFound();

    [HttpGet("rounds/{id:int}")]
    public async Task<IActionResult> Round(int id, AggregationMethod? method, string? q, int? page, string? aq, bool? scored, int? apage, int? size,
        CancellationToken ct)
    {
        var ranking = await mediator.Send(new RoundRankingQuery(id, method, WithUncertainty: true, new RankingPage(q, new PageRequest(page, size))), ct);
        var assignments = await mediator.Send(new RoundAssignmentsQuery(id, new AssignmentFilter(aq, scored), new PageRequest(apage, size)), ct);
        if (ranking is null || assignments is null) return NotFound();
        ViewData["Assignments"] = assignments.Value.Lines;
        ViewData["Method"] = method ?? ranking.Round.Method;
        return View(ranking);
    }

    [HttpPost("rounds/{id:int}/assign")]
    public async Task<IActionResult> Assign(int id, int? seed, CancellationToken ct)
    {
        var result = await mediator.Send(new AssignJudgesCommand(id, seed), ct);
        if (!result.Found) return NotFound();
        if (result.Refusal is { } why) TempData["Error"] = L.Say(why);
        else if (result.Uncovered.Count > 0)
            TempData["Error"] = L["{0} entries could not get enough judges: {1}", result.Uncovered.Count,
                string.Join("; ", result.Uncovered.Take(10).Select(u => L["entry {0}: {1} of {2} judges ({3})", u.EntryId, u.Assigned, u.Needed, u.Reason].Value))].Value;
        else TempData["Toast"] = "Judges assigned.";
        return RedirectToAction(nameof(Round), new { id });
    }

    [HttpPost("rounds/{id:int}/state")]
    public async Task<IActionResult> State(int id, RoundState to, CancellationToken ct) =>
        Refused(await mediator.Send(new ChangeRoundStateCommand(id, to), ct), nameof(Round), id);

    [HttpPost("rounds/{id:int}/assignments")]
    public async Task<IActionResult> AddAssignment(int id, int entryId, string judgeId, CancellationToken ct) =>
        Refused(await mediator.Send(new AddAssignmentCommand(id, entryId, judgeId), ct), nameof(Round), id);

    [HttpPost("assignments/{id:int}/remove")]
    public async Task<IActionResult> RemoveAssignment(int id, CancellationToken ct)
    {
        var (roundId, refusal) = await mediator.Send(new RemoveAssignmentCommand(id), ct);
        return roundId is null ? NotFound() : Refused(refusal, nameof(Round), roundId.Value);
    }

    [HttpPost("rounds/{id:int}/release")]
    public async Task<IActionResult> Release(int id, string judgeId, CancellationToken ct)
    {
        var result = await mediator.Send(new ReleaseJudgeCommand(id, judgeId), ct);
        if (!result.Found) return NotFound();
        TempData["Toast"] = "The judge's open assignments were given to the rest of the panel.";
        return RedirectToAction(nameof(Round), new { id });
    }

    [HttpGet("rounds/{id:int}/scores.csv")]
    public async Task<IActionResult> ExportScores(int id, AggregationMethod? method, CancellationToken ct) =>
        await mediator.Send(new RoundRankingQuery(id, method), ct) is { } view
            ? new StreamedFile("text/csv; charset=utf-8", $"round-{id}-scores.csv", (body, token) => ScoresCsv.WriteAsync(view, body, token))
            : NotFound();

    [HttpPost("rounds/{id:int}/advance")]
    public async Task<IActionResult> Advance(int id, AdvanceEntriesCommand cmd, CancellationToken ct)
    {
        cmd.RoundId = id;
        var result = await mediator.Send(cmd, ct);
        if (!result.Found) return NotFound();
        if (result.Refusal is { } why) { TempData["Error"] = L.Say(why); return RedirectToAction(nameof(Round), new { id }); }
        if (!cmd.Confirm) return View("Advance", (cmd, result));
        TempData["Toast"] = "Entries advanced to the next round.";
        return RedirectToAction(nameof(Round), new { id = result.NextRoundId });
    }

    private IActionResult Toasted(string action, int id)
    {
        TempData["Toast"] = "Saved.";
        return RedirectToAction(action, new { id });
    }

    private IActionResult Refused(RuleViolation? refusal, string action, int id)
    {
        if (refusal is null) TempData["Toast"] = "Saved.";
        else TempData["Error"] = L.Say(refusal);
        return RedirectToAction(action, new { id });
    }
}
