using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Entries;

/// <summary>
/// The entrant's entries: start, edit, submit, files, the film upload (JSON for wwwroot/js/upload.js), the team; and the
/// co-author confirm link a co-author with an account opens (any signed-in account: the handler checks it is theirs).
/// </summary>
[Route("entries")]
public sealed class EntriesController(IMediator mediator, IStringLocalizer<SharedResource> L) : Controller
{
    [Authorize(Policy = Policies.Entrant)]
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct)
    {
        var entries = await mediator.Send(new MyEntriesQuery(), ct);
        var awards = await mediator.Send(new Awards.MyAwardsQuery(), ct);
        var objections = await mediator.Send(new Objections.ObjectionsToMyEntriesQuery(), ct);
        return this.Page(entries, rows => View(new MyEntriesPage(rows, awards.Value, objections.Value)));
    }

    [Authorize(Policy = Policies.Entrant)]
    [HttpPost("new")]
    public async Task<IActionResult> New(StartEntryCommand cmd, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(cmd, ct), id => RedirectToAction(nameof(Edit), new { id }), toast: null,
            onRefusal: () => RedirectToAction(nameof(Index)));

    [Authorize(Policy = Policies.Entrant)]
    [HttpGet("{id:int}/edit")]
    public async Task<IActionResult> Edit(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new EditEntryQuery(id), ct));

    [Authorize(Policy = Policies.Entrant)]
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

    [Authorize(Policy = Policies.Entrant)]
    [HttpGet("{id:int}")]
    public async Task<IActionResult> Receipt(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new EditEntryQuery(id), ct));

    [Authorize(Policy = Policies.Entrant)]
    [HttpPost("{id:int}/withdraw")]
    public async Task<IActionResult> Withdraw(int id, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new WithdrawEntryCommand(id), ct), RedirectToAction(nameof(Index)), "Your entry was withdrawn.");

    [Authorize(Policy = Policies.Entrant)]
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
    [Authorize(Policy = Policies.Entrant)]
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

    [Authorize(Policy = Policies.Entrant)]
    [HttpPost("{id:int}/film/uploads")]
    [EnableRateLimiting("uploads")]
    public async Task<IActionResult> StartFilmUpload(int id, [FromBody] StartFilmUploadCommand? cmd, CancellationToken ct)
    {
        if (cmd is null || !ModelState.IsValid) return BadRequest(new { error = L["The upload request could not be read: reload the page and try again."].Value });
        return this.AsJson(await mediator.Send(cmd with { EntryId = id }, ct),
            started => new { uploadId = started.UploadId, chunkBytes = started.ChunkBytes, chunkCount = started.ChunkCount, received = started.Received });
    }

    [Authorize(Policy = Policies.Entrant)]
    [HttpPut("/film-uploads/{uploadId}/chunks/{index:int}")]
    [RequestSizeLimit(StartFilmUploadHandler.ChunkBytes + 1024)]
    public async Task<IActionResult> UploadFilmChunk(string uploadId, int index, CancellationToken ct)
    {
        var result = await mediator.Send(new UploadFilmChunkCommand(uploadId, index, Request.ContentLength, Request.Body), ct);
        return result.IsOk ? NoContent() : this.AsJson(result);
    }

    [Authorize(Policy = Policies.Entrant)]
    [HttpPost("/film-uploads/{uploadId}/complete")]
    public async Task<IActionResult> CompleteFilmUpload(string uploadId, CancellationToken ct) =>
        this.AsJson(await mediator.Send(new CompleteFilmUploadCommand(uploadId), ct), _ => new { status = "Processing" });

    [Authorize(Policy = Policies.Entrant)]
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

    // The entry's team, on the entry page (#authors).

    [Authorize(Policy = Policies.Entrant)]
    [HttpPost("{id:int}/authors")]
    public async Task<IActionResult> AddAuthor(int id, AddEntryAuthorCommand cmd, CancellationToken ct)
    {
        cmd.EntryId = id;
        return this.AndRedirect(await mediator.Send(cmd, ct), _ => Redirect($"/entries/{id}/edit#authors"), "Saved.",
            onRefusal: () => Redirect($"/entries/{id}/edit#authors"));
    }

    [Authorize(Policy = Policies.Entrant)]
    [HttpPost("{id:int}/authors/{authorId:int}/remove")]
    public async Task<IActionResult> RemoveAuthor(int id, int authorId, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new RemoveEntryAuthorCommand(id, authorId), ct), _ => Redirect($"/entries/{id}/edit#authors"), "Saved.",
            onRefusal: () => Redirect($"/entries/{id}/edit#authors"));

    [Authorize(Policy = Policies.Entrant)]
    [HttpPost("{id:int}/authors/{authorId:int}/move")]
    public async Task<IActionResult> MoveAuthor(int id, int authorId, bool up, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new MoveEntryAuthorCommand(id, authorId, up), ct), _ => Redirect($"/entries/{id}/edit#authors"), "Saved.",
            onRefusal: () => Redirect($"/entries/{id}/edit#authors"));

    // The view is not named for the actions, so a refused token goes back to the page it came from (or a plain 400).
    [Authorize]
    [HttpGet("/co-authors/confirm")]
    public async Task<IActionResult> ConfirmCoAuthor(string? token, CancellationToken ct) =>
        this.Page(await mediator.Send(new ReadCoAuthorInvitationQuery(token), ct), page => View("CoAuthorInvitation", page));

    [Authorize]
    [HttpPost("/co-authors/confirm")]
    public async Task<IActionResult> ConfirmCoAuthorPost(string? token, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new ConfirmCoAuthorCommand(token), ct),
            _ => Redirect($"/co-authors/confirm?token={Uri.EscapeDataString(token ?? "")}"), "Thank you: you are confirmed as a co-author.");

    private IEnumerable<string> Reasons(string? stored) => (stored ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries)
        .Select(RuleViolation.Decode).Select(r => L[r.Key, r.Args].Value);
}
