using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BrandStoryContest.Web.Features.Organizations;

/// <summary>A unit's contact: register the unit, see the entries sent for it. Entrants: send a draft on behalf of a unit.</summary>
[Authorize(Policy = Policies.Entrant)]
[Route("organizations")]
public sealed class OrganizationsController(IMediator mediator) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        this.Page(await mediator.Send(new MyOrganizationsQuery(), ct));

    [HttpPost("register")]
    public async Task<IActionResult> Register(RegisterOrganizationCommand form, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(form, ct), _ => RedirectToAction(nameof(Index)), "The organization was registered.",
            onRefusal: () => RedirectToAction(nameof(Index)));

    [HttpGet("{id:int}/entries")]
    public async Task<IActionResult> Entries(int id, int? page, int? size, CancellationToken ct) =>
        this.Page(await mediator.Send(new OrganizationEntriesQuery(id, new PageRequest(page, size)), ct));

    [HttpGet("entries/{id:int}")]
    public async Task<IActionResult> Entry(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new OrganizationEntryQuery(id), ct));

    [HttpPost("/entries/{id:int}/organization")]
    public async Task<IActionResult> SetForEntry(int id, int? organizationId, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new SetEntryOrganizationCommand(id, organizationId), ct),
            RedirectToAction("Edit", "Entries", new { id }));
}

/// <summary>The organizer's side: the units of a contest with their figures, their entries, and their awards.</summary>
[Authorize(Policy = Policies.Organizer)]
[Route("manage")]
public sealed class ManageOrganizationsController(IMediator mediator) : Controller
{
    [HttpGet("contests/{id:int}/organizations")]
    public async Task<IActionResult> Index(int id, int? page, int? size, CancellationToken ct) =>
        this.Page(await mediator.Send(new ContestOrganizationsQuery(id, new PageRequest(page, size)), ct));

    [HttpGet("organizations/{id:int}/entries")]
    public async Task<IActionResult> Entries(int id, int? page, int? size, CancellationToken ct) =>
        this.Page(await mediator.Send(new OrganizationEntriesQuery(id, new PageRequest(page, size)), ct),
            view => View("~/Views/Organizations/Entries.cshtml", view));

    [HttpPost("organizations/{id:int}/awards")]
    public async Task<IActionResult> Award(int id, GiveOrganizationAwardCommand form, CancellationToken ct)
    {
        form.OrganizationId = id;
        return this.AndRedirect(await mediator.Send(form, ct), contestId => RedirectToAction(nameof(Index), new { id = contestId }),
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
