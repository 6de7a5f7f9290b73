using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BrandStoryContest.Web.Features.Admin;

[Authorize(Policy = Policies.Staff)]
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

    /// <summary>Organizers read it too: it is where invitations and confirmations can be checked without SMTP.</summary>
    [HttpGet("outbox")]
    public async Task<IActionResult> Outbox(string? to, CancellationToken ct) =>
        View(await mediator.Send(new ReadOutboxQuery(to), ct));
}
