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
    public IActionResult Accept(string token) => View(model: token);

    [HttpPost("accept")]
    [Authorize]
    public async Task<IActionResult> Accept(AcceptInvitationCommand cmd, CancellationToken ct)
    {
        var contestId = await mediator.Send(cmd, ct);
        if (contestId is null) return NotFound();
        TempData["Toast"] = "You are now a judge of this contest.";
        return RedirectToAction("Details", "Contests", new { id = contestId });
    }
}
