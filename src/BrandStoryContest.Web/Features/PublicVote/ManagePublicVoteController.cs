using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;

namespace BrandStoryContest.Web.Features.PublicVote;

/// <summary>The organizer's side of a round's public vote: settings, counts, fraud signals, raw export.</summary>
[Authorize(Policy = Policies.Organizer)]
[Route("manage/rounds/{id:int}/public-vote")]
public sealed class ManagePublicVoteController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Review(int id, string? q, bool suspicious, int? page, int? size, CancellationToken ct) =>
        this.Page(await mediator.Send(new PublicVoteReviewQuery(id, q, suspicious, new PageRequest(page, size)), ct));

    [HttpGet("settings")]
    public async Task<IActionResult> Settings(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new PublicVoteFormQuery(id), ct));

    [HttpPost("settings")]
    public async Task<IActionResult> Settings(int id, SetPublicVoteCommand cmd, CancellationToken ct)
    {
        cmd.RoundId = id;
        return this.AndRedirect(await mediator.Send(cmd, ct), RedirectToAction(nameof(Review), new { id }));
    }

    [HttpPost("void")]
    public async Task<IActionResult> Void(int id, VoidVotesCommand cmd, CancellationToken ct)
    {
        cmd.RoundId = id;
        var review = RedirectToAction(nameof(Review), new { id });
        return this.AndRedirect(await mediator.Send(cmd, ct), _ => review, "{0} votes voided.", voided => [voided], () => review);
    }

    [HttpGet("votes.csv")]
    public async Task<IActionResult> Export(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new ExportRoundVotesQuery(id), ct),
            votes => new StreamedFile("text/csv; charset=utf-8", $"round-{id}-votes.csv", (body, token) => ExportRoundVotes.WriteAsync(votes, body, token)));
}
