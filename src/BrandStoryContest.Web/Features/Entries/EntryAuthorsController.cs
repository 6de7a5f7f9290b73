using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BrandStoryContest.Web.Features.Entries;

/// <summary>The entry's team on the entry page (the entrant's), and the confirm link a co-author with an account opens (any signed-in account: the handler checks it is theirs).</summary>
public sealed class EntryAuthorsController(IMediator mediator) : Controller
{
    [Authorize(Policy = Policies.Entrant)]
    [HttpPost("entries/{id:int}/authors")]
    public async Task<IActionResult> Add(int id, AddEntryAuthorCommand cmd, CancellationToken ct)
    {
        cmd.EntryId = id;
        return this.AndRedirect(await mediator.Send(cmd, ct), _ => Redirect($"/entries/{id}/edit#authors"), "Saved.",
            onRefusal: () => Redirect($"/entries/{id}/edit#authors"));
    }

    [Authorize(Policy = Policies.Entrant)]
    [HttpPost("entries/{id:int}/authors/{authorId:int}/remove")]
    public async Task<IActionResult> Remove(int id, int authorId, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new RemoveEntryAuthorCommand(id, authorId), ct), _ => Redirect($"/entries/{id}/edit#authors"), "Saved.",
            onRefusal: () => Redirect($"/entries/{id}/edit#authors"));

    [Authorize(Policy = Policies.Entrant)]
    [HttpPost("entries/{id:int}/authors/{authorId:int}/move")]
    public async Task<IActionResult> Move(int id, int authorId, bool up, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new MoveEntryAuthorCommand(id, authorId, up), ct), _ => Redirect($"/entries/{id}/edit#authors"), "Saved.",
            onRefusal: () => Redirect($"/entries/{id}/edit#authors"));

    // The view is not named for the actions, so a refused token goes back to the page it came from (or a plain 400).
    [Authorize]
    [HttpGet("co-authors/confirm")]
    public async Task<IActionResult> Confirm(string? token, CancellationToken ct) =>
        this.Page(await mediator.Send(new ReadCoAuthorInvitationQuery(token), ct), page => View("CoAuthorInvitation", page));

    [Authorize]
    [HttpPost("co-authors/confirm")]
    public async Task<IActionResult> ConfirmPost(string? token, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new ConfirmCoAuthorCommand(token), ct),
            _ => Redirect($"/co-authors/confirm?token={Uri.EscapeDataString(token ?? "")}"), "Thank you: you are confirmed as a co-author.");
}
