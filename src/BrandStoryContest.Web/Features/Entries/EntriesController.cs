using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
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
        return this.Page(entries, rows => View(new MyEntriesPage(rows, awards.Value, objections.Value)));
    }

    [HttpPost("new")]
    public async Task<IActionResult> New(StartEntryCommand cmd, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(cmd, ct), id => RedirectToAction(nameof(Edit), new { id }), toast: null,
            onRefusal: () => RedirectToAction(nameof(Index)));

    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new EditEntryQuery(id), ct));

    [HttpPost("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, SaveEntryCommand form, CancellationToken ct)
    {
        form.EntryId = id;
        var result = await mediator.Send(form, ct);
        // A save with "Submit" pressed always ends submitted (or refused), so "submitted now" is what the button said.
        return await this.OrForm(result,
            _ => form.Submit ? RedirectToAction(nameof(Receipt), new { id }) : RedirectToAction(nameof(Edit), new { id }),
            async () => this.Page(await mediator.Send(new EditEntryQuery(id), ct), view => View(view with { Form = form })),
            toast: form.Submit ? "Your entry was submitted." : "Saved.");
    }

    [HttpGet("{id:int}")]
    public async Task<IActionResult> Receipt(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new EditEntryQuery(id), ct));

    [HttpPost("{id:int}/withdraw")]
    public async Task<IActionResult> Withdraw(int id, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new WithdrawEntryCommand(id), ct), RedirectToAction(nameof(Index)), "Your entry was withdrawn.");

    [HttpPost("{id:int}/files/{kind}")]
    [RequestSizeLimit(60 * 1024 * 1024)]
    public async Task<IActionResult> AttachFile(int id, EntryFileKind kind, IFormFile? file, CancellationToken ct)
    {
        var edit = RedirectToAction(nameof(Edit), new { id });
        if (file is null) return this.AndRedirect<Result.Done>(Result.Refuse("Choose a file first."), edit);
        await using var content = file.OpenReadStream();
        return this.AndRedirect(await mediator.Send(new AttachFileCommand(id, kind, file.FileName, file.Length, content), ct), edit, "The file was added.");
    }

    /// <summary>The file answer of a custom file field (AttachFieldFile).</summary>
    [HttpPost("{id:int}/fields/{fieldId:int}/file")]
    [RequestSizeLimit(12 * 1024 * 1024)]
    public async Task<IActionResult> FieldFile(int id, int fieldId, IFormFile? file, CancellationToken ct)
    {
        var edit = RedirectToAction(nameof(Edit), new { id });
        if (file is null) return this.AndRedirect<Result.Done>(Result.Refuse("Choose a file first."), edit);
        await using var content = file.OpenReadStream();
        return this.AndRedirect(await mediator.Send(new AttachFieldFileCommand(id, fieldId, file.FileName, file.Length, content), ct), edit, "The file was added.");
    }

    // The film upload is driven by wwwroot/js/upload.js; these answer JSON.

    [HttpPost("{id:int}/film/uploads")]
    [EnableRateLimiting("uploads")]
    public async Task<IActionResult> StartFilmUpload(int id, [FromBody] StartFilmUploadCommand? cmd, CancellationToken ct)
    {
        if (cmd is null || !ModelState.IsValid) return BadRequest(new { error = L["The upload request could not be read: reload the page and try again."].Value });
        return this.AsJson(await mediator.Send(cmd with { EntryId = id }, ct),
            started => new { uploadId = started.UploadId, chunkBytes = started.ChunkBytes, chunkCount = started.ChunkCount, received = started.Received });
    }

    [HttpPut("/film-uploads/{uploadId}/chunks/{index:int}")]
    [RequestSizeLimit(StartFilmUploadHandler.ChunkBytes + 1024)]
    public async Task<IActionResult> UploadFilmChunk(string uploadId, int index, CancellationToken ct)
    {
        var result = await mediator.Send(new UploadFilmChunkCommand(uploadId, index, Request.ContentLength, Request.Body), ct);
        return result.IsOk ? NoContent() : this.AsJson(result);
    }

    [HttpPost("/film-uploads/{uploadId}/complete")]
    public async Task<IActionResult> CompleteFilmUpload(string uploadId, CancellationToken ct) =>
        this.AsJson(await mediator.Send(new CompleteFilmUploadCommand(uploadId), ct), _ => new { status = "Processing" });

    [HttpGet("{id:int}/film/status")]
    public async Task<IActionResult> FilmStatus(int id, CancellationToken ct) =>
        this.AsJson(await mediator.Send(new EditEntryQuery(id), ct), view => view.Context.Entry is var e ? new
        {
            status = e.FilmStatus.ToString(),
            statusText = L[e.FilmStatus.Text()].Value,
            reasons = Reasons(e.FilmRejectionReason),
            poster = e.PosterBlob is null ? null : $"/media/entries/{id}/Poster?v={e.Version}",
            strip = e.StripBlob is null ? null : $"/media/entries/{id}/Strip?v={e.Version}",
            version = e.Version,
        } : null);

    private IEnumerable<string> Reasons(string? stored) => (stored ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(RuleViolation.Decode).Select(r => L[r.Key, r.Args].Value);
}
