using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace BrandStoryContest.Web.Features.PublicVote;

/// <summary>
/// A round's public vote, one controller for the feature folder (views in Views/PublicVote): voting on the round's
/// entries before the ranking, by any signed-in person whatever their role (under /rounds), and the organizer's side:
/// settings, counts, fraud signals, raw export (under /manage). Each action names who may call it.
/// </summary>
[Authorize]
public sealed class PublicVoteController(IMediator mediator) : Controller
{
    // ---- Voting ----

    [HttpGet("rounds/{id:int}/vote")]
    public async Task<IActionResult> Page(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new RoundVotingQuery(id), ct));

    [HttpGet("rounds/{id:int}/vote/{entryId:int}")]
    public async Task<IActionResult> Entry(int id, int entryId, CancellationToken ct) =>
        this.Page(await mediator.Send(new RoundVotingEntryQuery(id, entryId), ct));

    [HttpPost("rounds/{id:int}/vote/{entryId:int}")]
    [EnableRateLimiting("votes")]
    public async Task<IActionResult> Cast(int id, int entryId, CancellationToken ct)
    {
        // RemoteIpAddress is the client's: forwarded headers are believed only from ForwardedHeaders:KnownProxies (docs/deployment.md).
        var ip = HttpContext.Connection.RemoteIpAddress is { } a ? (a.IsIPv4MappedToIPv6 ? a.MapToIPv4() : a).ToString() : null;
        return this.AndRedirect(await mediator.Send(new CastRoundVoteCommand(id, entryId, ip), ct), RedirectToAction(nameof(Page), new { id }),
            "Thank you for your vote.");
    }

    // ---- The organizer's side ----

    [HttpGet("manage/rounds/{id:int}/public-vote")]
    [Authorize(Policy = Policies.Organizer)]
    public async Task<IActionResult> Review(int id, string? q, bool suspicious, int? page, int? size, int? hidden, CancellationToken ct) =>
        this.Page(await mediator.Send(new PublicVoteReviewQuery(id, q, suspicious, new PageRequest(page, size), new PageRequest(hidden)), ct));

    [HttpGet("manage/rounds/{id:int}/public-vote/settings")]
    [Authorize(Policy = Policies.Organizer)]
    public async Task<IActionResult> Settings(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new EditPublicVoteQuery(id), ct));

    [HttpPost("manage/rounds/{id:int}/public-vote/settings")]
    [Authorize(Policy = Policies.Organizer)]
    public async Task<IActionResult> Settings(int id, SetPublicVoteCommand cmd, CancellationToken ct)
    {
        cmd.RoundId = id;
        return this.AndRedirect(await mediator.Send(cmd, ct), RedirectToAction(nameof(Review), new { id }));
    }

    [HttpPost("manage/rounds/{id:int}/public-vote/void")]
    [Authorize(Policy = Policies.Organizer)]
    public async Task<IActionResult> Void(int id, VoidVotesCommand cmd, CancellationToken ct)
    {
        cmd.RoundId = id;
        var review = RedirectToAction(nameof(Review), new { id });
        return this.AndRedirect(await mediator.Send(cmd, ct), _ => review, "{0} votes voided.", voided => [voided], () => review);
    }

    [HttpGet("manage/rounds/{id:int}/public-vote/votes.csv")]
    [Authorize(Policy = Policies.Organizer)]
    public async Task<IActionResult> Export(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new ExportRoundVotesQuery(id), ct),
            votes => new StreamedFile("text/csv; charset=utf-8", $"round-{id}-votes.csv", (body, token) => ExportRoundVotes.WriteAsync(votes, body, token)));
}
