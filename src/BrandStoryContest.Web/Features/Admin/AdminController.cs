using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BrandStoryContest.Web.Features.Admin;

// Organizers read the outbox of their own contests (checked in the handlers); the user list is for admins only.
[Authorize(Policy = Policies.Organizer)]
[Route("admin")]
public sealed class AdminController(IMediator mediator) : Controller
{
    [HttpGet("users")]
    [Authorize(Policy = Policies.Admin)]
    public async Task<IActionResult> Users(string? search, string? role, int? page, int? size, CancellationToken ct) =>
        this.Page(await mediator.Send(new ListUsersQuery(search, role, new PageRequest(page, size)), ct));

    [HttpPost("users/role")]
    [Authorize(Policy = Policies.Admin)]
    public async Task<IActionResult> SetRole(SetRoleCommand cmd, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(cmd, ct), RedirectToAction(nameof(Users)));

    /// <summary>Admins read every message; organizers the messages of contests they run (checked in the handler).</summary>
    [HttpGet("outbox")]
    public async Task<IActionResult> Outbox(int? contest, OutboxState? state, string? to, int page = 1, CancellationToken ct = default) =>
        this.Page(await mediator.Send(new ReadOutboxQuery(contest, state, to, page), ct));

    [HttpPost("outbox/{id:int}/resend")]
    public async Task<IActionResult> Resend(int id, int? contest, OutboxState? state, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new ResendMailCommand(id), ct), RedirectToAction(nameof(Outbox), new { contest, state }),
            "The message will be sent again.");
}
