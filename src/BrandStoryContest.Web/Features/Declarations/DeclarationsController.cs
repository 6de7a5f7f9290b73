using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BrandStoryContest.Web.Features.Declarations;

/// <summary>The contest's declaration documents and the entries' signed copies; the organizer of the contest only (judges never).</summary>
[Authorize(Policy = Policies.Organizer)]
[Route("manage")]
public sealed class DeclarationsController(IMediator mediator) : Controller
{
    [HttpGet("contests/{id:int}/declarations")]
    public async Task<IActionResult> Index(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new DeclarationsPageQuery(id), ct));

    [HttpPost("contests/{id:int}/declarations")]
    public async Task<IActionResult> Publish(int id, PublishDeclarationCommand form, CancellationToken ct)
    {
        form.ContestId = id;
        return this.AndRedirect(await mediator.Send(form, ct), RedirectToAction(nameof(Index), new { id }), "The new version was published.");
    }

    [HttpGet("declarations/{id:int}")]
    public async Task<IActionResult> Version(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new DeclarationVersionQuery(id), ct));

    [HttpGet("entries/{id:int}/declarations.pdf")]
    public async Task<IActionResult> EntryPdf(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new SignedDeclarationQuery(id), ct), pdf => File(pdf.Content, "application/pdf", pdf.FileName));

    [HttpGet("contests/{id:int}/declarations.zip")]
    public async Task<IActionResult> Zip(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new SignedDeclarationsZipQuery(id), ct),
            zip => new StreamedFile("application/zip", zip.FileName, zip.WriteToAsync));
}
