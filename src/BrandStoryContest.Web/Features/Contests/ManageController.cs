using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Contests;

[Authorize(Policy = Policies.Organizer)]
[Route("manage")]
public sealed class ManageController(IMediator mediator, IStringLocalizer<SharedResource> L) : Controller
{
    [HttpGet("")]
    public async Task<IActionResult> Index(CancellationToken ct) =>
        View((await mediator.Send(new ListContestsQuery(), ct)).Where(c => c.CanManage).ToList());

    [HttpGet("contests/new")]
    public IActionResult ContestForm() => View(new SaveContestCommand());

    [HttpGet("contests/{id:int}/edit")]
    public async Task<IActionResult> ContestForm(int id, CancellationToken ct) =>
        await mediator.Send(new GetContestFormQuery(id), ct) is { } form ? View(form) : NotFound();

    [HttpPost("contests/save")]
    public async Task<IActionResult> ContestForm(SaveContestCommand form, CancellationToken ct)
    {
        var id = await mediator.Send(form, ct);
        if (id is null) return NotFound();
        TempData["Toast"] = "Saved.";
        return RedirectToAction(nameof(Contest), new { id });
    }

    [HttpPost("contests/{id:int}/cover")]
    [RequestSizeLimit(12 * 1024 * 1024)]
    public async Task<IActionResult> Cover(int id, IFormFile? file, CancellationToken ct)
    {
        if (file is null) return RedirectToAction(nameof(Contest), new { id });
        await using var content = file.OpenReadStream();
        var refusal = await mediator.Send(new SetContestCoverCommand(id, file.Length, content), ct);
        if (refusal is null) TempData["Toast"] = "Saved.";
        else TempData["Error"] = L.Say(refusal);
        return RedirectToAction(nameof(Contest), new { id });
    }

    [HttpGet("contests/{contestId:int}/categories/new")]
    public IActionResult CategoryForm(int contestId, CategoryKind kind) =>
        View(new CategoryForm { ContestId = contestId, Kind = kind, Code = kind == CategoryKind.Film ? "F" : "S" });

    [HttpGet("categories/{id:int}/edit")]
    public async Task<IActionResult> CategoryForm(int id, CancellationToken ct) =>
        await mediator.Send(new GetCategoryFormQuery(id), ct) is { } form ? View(form) : NotFound();

    [HttpPost("categories/save")]
    public async Task<IActionResult> CategoryForm(CategoryForm form, CancellationToken ct)
    {
        var contestId = await mediator.Send(form, ct);
        if (contestId is null) return NotFound();
        TempData["Toast"] = "Saved.";
        return RedirectToAction(nameof(Contest), new { id = contestId });
    }

    [HttpGet("contests/{id:int}")]
    public async Task<IActionResult> Contest(int id, int? category, EntryState? state, string? q, EntrySort sort, int? page, int? size, CancellationToken ct) =>
        await mediator.Send(new ContestEntriesQuery(id, new EntryFilter(category, state, q, sort), new PageRequest(page, size)), ct) is { } view
            ? View(view) : NotFound();

    [HttpGet("contests/{id:int}/dashboard")]
    public async Task<IActionResult> Dashboard(int id, CancellationToken ct) =>
        await mediator.Send(new ContestDashboardQuery(id), ct) is { } view ? View(view) : NotFound();

    /// <summary>Every entry of the filter, not one page; written to the response as the rows are read.</summary>
    [HttpGet("contests/{id:int}/entries.{format:regex(^(csv|xlsx)$)}")]
    public async Task<IActionResult> ExportEntries(int id, string format, int? category, EntryState? state, string? q, EntrySort sort, CancellationToken ct)
    {
        if (await mediator.Send(new ExportEntriesQuery(id, new EntryFilter(category, state, q, sort)), ct) is not { } export) return NotFound();
        if (format == "csv")
            return new StreamedFile("text/csv; charset=utf-8", $"{export.Contest.Code}-entries.csv", (body, token) => EntryList.CsvAsync(export, body, token));
        return new StreamedFile("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{export.Contest.Code}-entries.xlsx", async (body, token) =>
        {
            await using var file = await EntryList.XlsxAsync(export, token);
            await file.CopyToAsync(body, token);
        });
    }

    [HttpPost("entries/{id:int}/disqualify")]
    public async Task<IActionResult> Disqualify(int id, string reason, CancellationToken ct)
    {
        var contestId = await mediator.Send(new DisqualifyEntryCommand(id, reason ?? ""), ct);
        if (contestId is null) return NotFound();
        TempData["Toast"] = "The entry was disqualified.";
        return RedirectToAction(nameof(Contest), new { id = contestId });
    }
}
