using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using BrandStoryContest.Web.Infrastructure.Web;

namespace BrandStoryContest.Web.Features.Awards;

/// <summary>Results, gallery and Popular Choice likes: open to everyone once results are out.</summary>
[Route("contests")]
public sealed class PublicAwardsController(IMediator mediator, IStringLocalizer<SharedResource> L) : Controller
{
    [HttpGet("{id:int}/results")]
    public async Task<IActionResult> Results(int id, CancellationToken ct) =>
        await mediator.Send(new ResultsQuery(id), ct) is { } view ? View(view) : NotFound();

    [HttpGet("{id:int}/gallery")]
    public async Task<IActionResult> Gallery(int id, CancellationToken ct) =>
        await mediator.Send(new GalleryQuery(id), ct) is { } view ? View(view) : NotFound();

    [HttpGet("{id:int}/gallery/{entryId:int}")]
    public async Task<IActionResult> Work(int id, int entryId, CancellationToken ct) =>
        await mediator.Send(new GalleryEntryQuery(id, entryId), ct) is { } view ? View(view) : NotFound();

    [HttpPost("{id:int}/gallery/{entryId:int}/vote")]
    [Authorize]
    [EnableRateLimiting("votes")]
    public async Task<IActionResult> Vote(int id, int entryId, CancellationToken ct)
    {
        var result = await mediator.Send(new CastVoteCommand(id, entryId), ct);
        if (!result.Found) return NotFound();
        if (result.Refusal is { } why)
        {
            if (Request.Headers.Accept.Any(a => a?.Contains("application/json") == true))
                return Conflict(new { votes = result.Votes, message = L.Say(why) });
            TempData["Error"] = L.Say(why);
        }
        else TempData["Toast"] = "Thank you for your vote.";
        return RedirectToAction(nameof(Work), new { id, entryId });
    }
}
