using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BrandStoryContest.Web.Features.JudgeInvitations;

/// <summary>
/// Inviting a person to judge a contest and their accepting: how someone joins a jury. Judging itself (assignments, score
/// sheets, rounds) is Features/Judging.
/// </summary>
[Route("judges")]
public sealed class JudgeInvitationsController(IMediator mediator) : Controller
{
    [HttpPost("invite")]
    [Authorize(Policy = Policies.Organizer)]
    public async Task<IActionResult> Invite(InviteJudgeCommand cmd, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(cmd, ct), RedirectToAction("Details", "Contests", new { id = cmd.ContestId }), "Invitation sent.");

    [HttpGet("accept")]
    [Authorize]
    public async Task<IActionResult> Accept(string? token, CancellationToken ct) =>
        this.Page(await mediator.Send(new ReadInvitationQuery(token ?? ""), ct), InvitationPage);

    [HttpPost("accept")]
    [Authorize]
    public async Task<IActionResult> Accept(AcceptInvitationCommand cmd, CancellationToken ct)
    {
        var result = await mediator.Send(cmd, ct);
        // Refused: the invitation page, not a bare status: the person learns why and what to do, and the invitation is untouched.
        if (result.Outcome == Outcome.Refused) return this.Page(await mediator.Send(new ReadInvitationQuery(cmd.Token ?? ""), ct), InvitationPage);
        return this.AndRedirect(result, contestId => RedirectToAction("Details", "Contests", new { id = contestId }), "You are now a judge of this contest.");
    }

    /// <summary>An invitation this account may not accept is shown with its reason, as 403.</summary>
    private ViewResult InvitationPage(InvitationView page)
    {
        if (page.Refusal is not null) Response.StatusCode = StatusCodes.Status403Forbidden;
        return View("Accept", page);
    }
}
