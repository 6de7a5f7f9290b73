using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BrandStoryContest.Web.Features.Media;

[Authorize]
[Route("media")]
public sealed class MediaController(IMediator mediator) : Controller
{
    /// <summary>Range requests are honoured, so the film player can seek without downloading the whole film.</summary>
    [HttpGet("entries/{id:int}/{kind}")]
    [AllowAnonymous] // the handler decides: awarded, consented works of published contests are public
    public async Task<IActionResult> Entry(int id, EntryMediaKind kind, CancellationToken ct) =>
        this.Page(await mediator.Send(new ReadEntryMediaQuery(id, kind), ct), Send);

    /// <summary>A custom file field's answer: the entrant and the contest's organizer only (ReadFieldFile).</summary>
    [HttpGet("entries/{id:int}/fields/{fieldId:int}")]
    public async Task<IActionResult> FieldFile(int id, int fieldId, CancellationToken ct) =>
        this.Page(await mediator.Send(new Entries.ReadFieldFileQuery(id, fieldId), ct), Send);

    private IActionResult Send(EntryMedia media)
    {
        if (media.Content is null)
        {
            // Never the original instead; 409 rather than 404, as the file exists but has no copy this reader may have.
            Response.StatusCode = StatusCodes.Status409Conflict;
            return View("NotAvailable");
        }
        Response.Headers.CacheControl = "private, max-age=300";
        return media.DownloadName is null
            ? File(media.Content, media.ContentType, enableRangeProcessing: true)
            : File(media.Content, media.ContentType, media.DownloadName, enableRangeProcessing: true);
    }
}
