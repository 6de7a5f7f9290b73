using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BrandStoryContest.Web.Features.Judges;

[Route("judges")]
public sealed class JudgesController(IMediator mediator) : Controller
{
    [HttpPost("invite")]
    [Authorize(Policy = Policies.Organizer)]
    public async Task<IActionResult> Invite(InviteJudgeCommand cmd, CancellationToken ct)
    {
        if (!await mediator.Send(cmd, ct)) return NotFound();
        TempData["Toast"] = "Invitation sent.";
        return RedirectToAction("Details", "Contests", new { id = cmd.ContestId });
    }

    [HttpGet("accept")]
    [Authorize]
    public async Task<IActionResult> Accept(string? token, CancellationToken ct)
    {
        if (await mediator.Send(new InvitationQuery(token ?? ""), ct) is not { } page) return NotFound();
        if (page.Refusal is not null) Response.StatusCode = StatusCodes.Status403Forbidden;
        return View(page);
    }

    [HttpPost("accept")]
    [Authorize]
    public async Task<IActionResult> Accept(AcceptInvitationCommand cmd, CancellationToken ct)
    {
        var result = await mediator.Send(cmd, ct);
        if (!result.Found) return NotFound();
        if (result.Page is { } refused)
        {
            // The refusal page, not a bare status: the person learns what to do, and the invitation is untouched.
            Response.StatusCode = StatusCodes.Status403Forbidden;
            return View(refused);
        }
        TempData["Toast"] = "You are now a judge of this contest.";
        return RedirectToAction("Details", "Contests", new { id = result.ContestId });
    }
}
