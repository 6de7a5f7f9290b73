using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;
using BrandStoryContest.Web.Infrastructure.Web;

namespace BrandStoryContest.Web.Features.PublicVote;

/// <summary>The organizer's side of a round's public vote: settings, counts, fraud signals, raw export.</summary>
[Authorize(Policy = Policies.Organizer)]
[Route("manage/rounds/{id:int}/public-vote")]
public sealed class ManagePublicVoteController(IMediator mediator, IStringLocalizer<SharedResource> L) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Review(int id, string? q, bool suspicious, int? page, int? size, CancellationToken ct) =>
        await mediator.Send(new PublicVoteReviewQuery(id, q, suspicious, new PageRequest(page, size)), ct) is { } view ? View(view) : NotFound();

    [HttpGet("settings")]
    public async Task<IActionResult> Settings(int id, CancellationToken ct) =>
        await mediator.Send(new PublicVoteFormQuery(id), ct) is { } form ? View(form) : NotFound();

    [HttpPost("settings")]
    public async Task<IActionResult> Settings(int id, SetPublicVoteCommand cmd, CancellationToken ct)
    {
        cmd.RoundId = id;
        var result = await mediator.Send(cmd, ct);
        if (!result.Found) return NotFound();
        if (result.Refusal is { } why) TempData["Error"] = L.Say(why);
        else TempData["Toast"] = "Saved.";
        return RedirectToAction(nameof(Review), new { id });
    }

    [HttpPost("void")]
    public async Task<IActionResult> Void(int id, VoidVotesCommand cmd, CancellationToken ct)
    {
        cmd.RoundId = id;
        var result = await mediator.Send(cmd, ct);
        if (!result.Found) return NotFound();
        if (result.Refusal is { } why) TempData["Error"] = L.Say(why);
        else TempData["Toast"] = L["{0} votes voided.", result.Voided].Value;
        return RedirectToAction(nameof(Review), new { id });
    }

    [HttpGet("votes.csv")]
    public async Task<IActionResult> Export(int id, CancellationToken ct) =>
        await mediator.Send(new ExportRoundVotesQuery(id), ct) is { } votes
            ? new StreamedFile("text/csv; charset=utf-8", $"round-{id}-votes.csv", (body, token) => ExportRoundVotes.WriteAsync(votes, body, token))
            : NotFound();
}
