using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;

namespace BrandStoryContest.Web.Features.PublicVote;

/// <summary>Public voting on a round's entries before the ranking: any signed-in person, whatever their role.</summary>
[Authorize]
[Route("rounds/{id:int}/vote")]
public sealed class PublicVoteController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Page(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new RoundVotingQuery(id), ct));

    [HttpGet("{entryId:int}")]
    public async Task<IActionResult> Entry(int id, int entryId, CancellationToken ct) =>
        this.Page(await mediator.Send(new RoundVotingEntryQuery(id, entryId), ct));

    [HttpPost("{entryId:int}")]
    [EnableRateLimiting("votes")]
    public async Task<IActionResult> Cast(int id, int entryId, CancellationToken ct)
    {
        // RemoteIpAddress is the client's: forwarded headers are believed only from ForwardedHeaders:KnownProxies (docs/deployment.md).
        var ip = HttpContext.Connection.RemoteIpAddress is { } a ? (a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a).ToString() : null;
        return this.AndRedirect(await mediator.Send(new CastRoundVoteCommand(id, entryId, ip), ct), RedirectToAction(nameof(Page), new { id }),
            "Thank you for your vote.");
    }
}
