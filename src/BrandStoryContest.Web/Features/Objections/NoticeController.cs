using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Objections;

/// <summary>The public notice (公示) of proposed winners, and objections to them by anyone signed in.</summary>
[Route("contests")]
public sealed class NoticeController(IMediator mediator, IStringLocalizer<SharedResource> L) : Controller
{
    [HttpGet("{id:int}/notice")]
    public async Task<IActionResult> Index(int id, CancellationToken ct) =>
        await mediator.Send(new NoticeBoardQuery(id), ct) is { } view ? View(view) : NotFound();

    [HttpPost("{id:int}/notice/entries/{entryId:int}/objections")]
    [Authorize]
    [EnableRateLimiting("uploads")]
    [RequestSizeLimit(11 * 1024 * 1024)]
    public async Task<IActionResult> Object(int id, int entryId, string? reason, IFormFile? evidence, CancellationToken ct)
    {
        await using var content = evidence?.OpenReadStream();
        var result = await mediator.Send(new FileObjectionCommand(id, entryId, reason ?? "", evidence?.FileName, evidence?.Length ?? 0, content), ct);
        if (!result.Found) return NotFound();
        if (result.Refusal is { } why) TempData["Error"] = L.Say(why);
        else TempData["Toast"] = "Your objection was filed. The organizer will review it.";
        return RedirectToAction(nameof(Index), new { id });
    }
}
