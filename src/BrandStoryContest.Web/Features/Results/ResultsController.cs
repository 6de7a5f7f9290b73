using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace BrandStoryContest.Web.Features.Results;

/// <summary>Results, gallery and Popular Choice likes: open to everyone once results are out.</summary>
[Route("contests")]
public sealed class ResultsController(IMediator mediator) : Controller
{
    [HttpGet("{id:int}/results")]
    public async Task<IActionResult> Results(int id, CancellationToken ct) => this.Page(await mediator.Send(new ResultsQuery(id), ct));

    [HttpGet("{id:int}/gallery")]
    public async Task<IActionResult> Gallery(int id, CancellationToken ct) => this.Page(await mediator.Send(new GalleryQuery(id), ct));

    [HttpGet("{id:int}/gallery/{entryId:int}")]
    public async Task<IActionResult> Work(int id, int entryId, CancellationToken ct) =>
        this.Page(await mediator.Send(new GalleryEntryQuery(id, entryId), ct));

    /// <summary>A script asking for JSON gets the likes after its own (or 422 with why it did not count).</summary>
    [HttpPost("{id:int}/gallery/{entryId:int}/vote")]
    [Authorize]
    [EnableRateLimiting("votes")]
    public async Task<IActionResult> Vote(int id, int entryId, CancellationToken ct)
    {
        var result = await mediator.Send(new LikeGalleryEntryCommand(id, entryId), ct);
        if (Request.Headers.Accept.Any(a => a?.Contains("application/json") == true)) return this.AsJson(result, votes => new { votes });
        var work = RedirectToAction(nameof(Work), new { id, entryId });
        return this.AndRedirect(result, work, "Thank you for your vote.");
    }
}
