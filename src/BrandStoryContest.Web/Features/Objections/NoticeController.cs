using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace BrandStoryContest.Web.Features.Objections;

/// <summary>The public notice (公示) of proposed winners, and objections to them by anyone signed in.</summary>
[Route("contests")]
public sealed class NoticeController(IMediator mediator) : Controller
{
    [HttpGet("{id:int}/notice")]
    public async Task<IActionResult> Index(int id, CancellationToken ct) => this.Page(await mediator.Send(new NoticeBoardQuery(id), ct));

    [HttpPost("{id:int}/notice/entries/{entryId:int}/objections")]
    [Authorize]
    [EnableRateLimiting("uploads")]
    [RequestSizeLimit(11 * 1024 * 1024)]
    public async Task<IActionResult> Object(int id, int entryId, string? reason, IFormFile? evidence, CancellationToken ct)
    {
        await using var content = evidence?.OpenReadStream();
        var result = await mediator.Send(new FileObjectionCommand(id, entryId, reason ?? "", evidence?.FileName, evidence?.Length ?? 0, content), ct);
        var notice = RedirectToAction(nameof(Index), new { id });
        return this.AndRedirect(result, notice, "Your objection was filed. The organizer will review it.");
    }
}
