using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BrandStoryContest.Web.Features.Organizations;

/// <summary>
/// A unit's contact (an entrant): register the unit, see the entries sent for it; entrants send a draft on behalf of a
/// unit. The organizer's side, under /manage: the units of a contest with their figures, their entries, and their awards.
/// </summary>
[Route("organizations")]
public sealed class OrganizationsController(IMediator mediator) : Controller
{
    [Authorize(Policy = Policies.Entrant)]
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        this.Page(await mediator.Send(new MyOrganizationsQuery(), ct));

    [Authorize(Policy = Policies.Entrant)]
    [HttpPost("register")]
    public async Task<IActionResult> Register(RegisterOrganizationCommand form, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(form, ct), _ => RedirectToAction(nameof(Index)), "The organization was registered.",
            onRefusal: () => RedirectToAction(nameof(Index)));

    [Authorize(Policy = Policies.Entrant)]
    [HttpGet("{id:int}/entries")]
    public async Task<IActionResult> Entries(int id, int? page, int? size, CancellationToken ct) =>
        this.Page(await mediator.Send(new OrganizationEntriesQuery(id, new PageRequest(page, size)), ct));

    [Authorize(Policy = Policies.Entrant)]
    [HttpGet("entries/{id:int}")]
    public async Task<IActionResult> Entry(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new OrganizationEntryQuery(id), ct));

    [Authorize(Policy = Policies.Entrant)]
    [HttpPost("/entries/{id:int}/organization")]
    public async Task<IActionResult> SetForEntry(int id, int? organizationId, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new SetEntryOrganizationCommand(id, organizationId), ct),
            RedirectToAction("Edit", "Entries", new { id }));

    [Authorize(Policy = Policies.Organizer)]
    [HttpGet("/manage/contests/{id:int}/organizations")]
    public async Task<IActionResult> Contest(int id, int? page, int? size, CancellationToken ct) =>
        this.Page(await mediator.Send(new ContestOrganizationsQuery(id, new PageRequest(page, size)), ct));

    [Authorize(Policy = Policies.Organizer)]
    [HttpGet("/manage/organizations/{id:int}/entries")]
    public async Task<IActionResult> ManageEntries(int id, int? page, int? size, CancellationToken ct) =>
        this.Page(await mediator.Send(new OrganizationEntriesQuery(id, new PageRequest(page, size)), ct), view => View(nameof(Entries), view));

    [Authorize(Policy = Policies.Organizer)]
    [HttpPost("/manage/organizations/{id:int}/awards")]
    public async Task<IActionResult> Award(int id, GiveOrganizationAwardCommand form, CancellationToken ct)
    {
        form.OrganizationId = id;
        return this.AndRedirect(await mediator.Send(form, ct), contestId => RedirectToAction(nameof(Contest), new { id = contestId }),
            form.Remove ? "The award was removed." : "The award was given.");
    }
}

/// <summary>The "submitted on behalf of" box on the entrant's entry page: its own small form, so the entry form is untouched.</summary>
public sealed class EntryOrganizationViewComponent(IMediator mediator) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int entryId)
    {
        var choice = await mediator.Send(new EntryOrganizationChoiceQuery(entryId), HttpContext.RequestAborted);
        return choice.IsOk ? View(choice.Value) : Content("");
    }
}
