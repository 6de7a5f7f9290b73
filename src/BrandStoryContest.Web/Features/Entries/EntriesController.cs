using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Entries;

[Authorize(Policy = Policies.Entrant)]
[Route("entries")]
public sealed class EntriesController(IMediator mediator, IStringLocalizer<SharedResource> L) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var entries = await mediator.Send(new MyEntriesQuery(), ct);
        var awards = await mediator.Send(new Awards.MyAwardsQuery(), ct);
        var objections = await mediator.Send(new Objections.ObjectionsToMyEntriesQuery(), ct);
        return View(new MyEntriesPage(entries, awards, objections));
    }

    [HttpPost("new")]
    public async Task<IActionResult> New(StartEntryCommand cmd, CancellationToken ct)
    {
        var result = await mediator.Send(cmd, ct);
        if (result.EntryId is { } id) return RedirectToAction(nameof(Edit), new { id });
        TempData["Error"] = L.Say(result.Refusal!);
        return RedirectToAction(nameof(Index));
    }

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken ct) =>
        await mediator.Send(new EditEntryQuery(id), ct) is { } view ? View(view) : NotFound();

    [HttpPost("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, SaveEntryCommand form, CancellationToken ct)
    {
        form.EntryId = id;
        var result = await mediator.Send(form, ct);
        if (!result.Found) return NotFound();
        if (result.Saved && (result.Submitted || !form.Submit))
        {
            TempData["Toast"] = result.Submitted && form.Submit ? "Your entry was submitted." : "Saved.";
            return result.Submitted && form.Submit ? RedirectToAction(nameof(Receipt), new { id }) : RedirectToAction(nameof(Edit), new { id });
        }
        foreach (var v in result.Violations) ModelState.AddModelError(v.Field, L.Say(v));
        var view = await mediator.Send(new EditEntryQuery(id), ct);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return View(view! with { Form = form });
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Receipt(int id, CancellationToken ct) =>
        await mediator.Send(new EditEntryQuery(id), ct) is { } view ? View(view) : NotFound();

    [HttpPost("{id:int}/withdraw")]
    public async Task<IActionResult> Withdraw(int id, CancellationToken ct)
    {
        var refusal = await mediator.Send(new WithdrawEntryCommand(id), ct);
        if (refusal is null) TempData["Toast"] = "Your entry was withdrawn.";
        else TempData["Error"] = L.Say(refusal);
        return RedirectToAction(nameof(Index));
    }

    [HttpPost("{id:int}/files/{kind}")]
    [RequestSizeLimit(60 * 1024 * 1024)]
    public async Task<IActionResult> AttachFile(int id, EntryFileKind kind, IFormFile? file, CancellationToken ct)
    {
        if (file is null) TempData["Error"] = L["Choose a file first."].Value;
        else
        {
            await using var content = file.OpenReadStream();
            var refusal = await mediator.Send(new AttachFileCommand(id, kind, file.FileName, file.Length, content), ct);
            if (refusal is null) TempData["Toast"] = "The file was added.";
            else TempData["Error"] = L.Say(refusal);
        }
        return RedirectToAction(nameof(Edit), new { id });
    }

    // The film upload is driven by wwwroot/js/upload.js; these answer JSON.

    [HttpPost("{id:int}/film/uploads")]
    [EnableRateLimiting("uploads")]
    public async Task<IActionResult> StartFilmUpload(int id, [FromBody] StartFilmUploadCommand? cmd, CancellationToken ct)
    {
        if (cmd is null || !ModelState.IsValid) return BadRequest(new { error = L["The upload request could not be read: reload the page and try again."].Value });
        var started = await mediator.Send(cmd with { EntryId = id }, ct);
        return started.Refusal is { } why
            ? UnprocessableEntity(new { error = L.Say(why) })
            : Ok(new { uploadId = started.UploadId, chunkBytes = started.ChunkBytes, chunkCount = started.ChunkCount, received = started.Received });
    }

    [HttpPut("/film-uploads/{uploadId}/chunks/{index:int}")]
    [RequestSizeLimit(StartFilmUploadHandler.ChunkBytes + 1024)]
    public async Task<IActionResult> UploadFilmChunk(string uploadId, int index, CancellationToken ct)
    {
        var refusal = await mediator.Send(new UploadFilmChunkCommand(uploadId, index, Request.ContentLength, Request.Body), ct);
        return refusal is null ? NoContent() : UnprocessableEntity(new { error = L.Say(refusal) });
    }

    [HttpPost("/film-uploads/{uploadId}/complete")]
    public async Task<IActionResult> CompleteFilmUpload(string uploadId, CancellationToken ct)
    {
        var refusal = await mediator.Send(new CompleteFilmUploadCommand(uploadId), ct);
        return refusal is null ? Ok(new { status = "Processing" }) : UnprocessableEntity(new { error = L.Say(refusal) });
    }

    [HttpGet("{id:int}/film/status")]
    public async Task<IActionResult> FilmStatus(int id, CancellationToken ct)
    {
        var view = await mediator.Send(new EditEntryQuery(id), ct);
        if (view is null) return NotFound();
        var e = view.Context.Entry;
        return Ok(new
        {
            status = e.FilmStatus.ToString(),
            statusText = L[e.FilmStatus.Text()].Value,
            reasons = Reasons(e.FilmRejectionReason),
            poster = e.PosterBlob is null ? null : $"/media/entries/{id}/Poster?v={e.Version}",
            strip = e.StripBlob is null ? null : $"/media/entries/{id}/Strip?v={e.Version}",
            version = e.Version,
        });
    }

    private IEnumerable<string> Reasons(string? stored) => (stored ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(RuleViolation.Decode).Select(r => L[r.Key, r.Args].Value);
}
