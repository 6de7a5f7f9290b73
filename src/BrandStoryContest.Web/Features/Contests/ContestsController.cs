using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Microsoft.AspNetCore.OutputCaching;
using BrandStoryContest.Web.Domain;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BrandStoryContest.Web.Features.Contests;

/// <summary>
/// Contests: the public list, page and cover under /contests; the organizer's side under /manage (their contests, a
/// contest's settings, categories and custom fields, its entries, dashboard and export, copying it into its next edition).
/// </summary>
[Route("contests")]
public sealed class ContestsController(IMediator mediator) : Controller
{
    [HttpGet("")]
    [OutputCache(PolicyName = PublicPages.Policy)]
    public async Task<IActionResult> Index(CancellationToken ct) => this.Page(await mediator.Send(new ListContestsQuery(), ct));

    [HttpGet("{id:int}")]
    [OutputCache(PolicyName = PublicPages.Policy)]
    public async Task<IActionResult> Details(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new ContestDetailsQuery(id), ct));

    [HttpGet("{id:int}/cover")]
    public async Task<IActionResult> Cover(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new ReadContestCoverQuery(id), ct), image => File(image, "image/jpeg"));

    // The organizer's side.

    [Authorize(Policy = Policies.Organizer)]
    [HttpGet("/manage")]
    public async Task<IActionResult> Manage(CancellationToken ct) =>
        this.Page(await mediator.Send(new ListContestsQuery(), ct), contests => View(contests.Where(c => c.CanManage).ToList()));

    [Authorize(Policy = Policies.Organizer)]
    [HttpGet("/manage/contests/new")]
    public IActionResult ContestForm() => View(new SaveContestCommand());

    [Authorize(Policy = Policies.Organizer)]
    [HttpGet("/manage/contests/{id:int}/edit")]
    public async Task<IActionResult> ContestForm(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new EditContestQuery(id), ct));

    [Authorize(Policy = Policies.Organizer)]
    [HttpPost("/manage/contests/save")]
    public async Task<IActionResult> ContestForm(SaveContestCommand form, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(form, ct), id => RedirectToAction(nameof(Contest), new { id }));

    [Authorize(Policy = Policies.Organizer)]
    [HttpPost("/manage/contests/{id:int}/cover")]
    [RequestSizeLimit(12 * 1024 * 1024)]
    public async Task<IActionResult> Cover(int id, IFormFile? file, CancellationToken ct)
    {
        if (file is null) return RedirectToAction(nameof(Contest), new { id });
        await using var content = file.OpenReadStream();
        return this.AndRedirect(await mediator.Send(new SetContestCoverCommand(id, file.Length, content), ct), RedirectToAction(nameof(Contest), new { id }));
    }

    [Authorize(Policy = Policies.Organizer)]
    [HttpGet("/manage/contests/{contestId:int}/categories/new")]
    public IActionResult CategoryForm(int contestId, CategoryKind kind) =>
        View(new SaveCategoryCommand { ContestId = contestId, Kind = kind, Code = kind == CategoryKind.Film ? "F" : "S" });

    [Authorize(Policy = Policies.Organizer)]
    [HttpGet("/manage/categories/{id:int}/edit")]
    public async Task<IActionResult> CategoryForm(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new EditCategoryQuery(id), ct));

    [Authorize(Policy = Policies.Organizer)]
    [HttpPost("/manage/categories/save")]
    public async Task<IActionResult> CategoryForm(SaveCategoryCommand form, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(form, ct), contestId => RedirectToAction(nameof(Contest), new { id = contestId }));

    // Custom entry fields of a category (SaveCategoryField, MoveCategoryField, ArchiveCategoryField).

    [Authorize(Policy = Policies.Organizer)]
    [HttpGet("/manage/categories/{categoryId:int}/fields/new")]
    public async Task<IActionResult> NewField(int categoryId, CancellationToken ct) =>
        this.Page(await mediator.Send(new EditCategoryFieldQuery(categoryId, null), ct), form => View(nameof(FieldForm), form));

    [Authorize(Policy = Policies.Organizer)]
    [HttpGet("/manage/fields/{id:int}/edit")]
    public async Task<IActionResult> FieldForm(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new EditCategoryFieldQuery(0, id), ct));

    [Authorize(Policy = Policies.Organizer)]
    [HttpPost("/manage/fields/save")]
    public async Task<IActionResult> FieldForm(SaveCategoryFieldCommand form, CancellationToken ct) =>
        await this.OrForm(await mediator.Send(form, ct), categoryId => LocalRedirect($"/manage/categories/{categoryId}/edit"),
            () => Task.FromResult<IActionResult>(View(form)), toast: "Saved.");

    [Authorize(Policy = Policies.Organizer)]
    [HttpPost("/manage/fields/{id:int}/move")]
    public async Task<IActionResult> MoveField(int id, bool up, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new MoveCategoryFieldCommand(id, up), ct), categoryId => LocalRedirect($"/manage/categories/{categoryId}/edit"), toast: null);

    [Authorize(Policy = Policies.Organizer)]
    [HttpPost("/manage/fields/{id:int}/remove")]
    public async Task<IActionResult> RemoveField(int id, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new ArchiveCategoryFieldCommand(id), ct), categoryId => LocalRedirect($"/manage/categories/{categoryId}/edit"), "The field was removed from the entry form.");

    /// <summary>An entry's answers to the custom fields, archived ones included, in full: only the contest's organizer comes here.</summary>
    [Authorize(Policy = Policies.Organizer)]
    [HttpGet("/manage/entries/{id:int}/answers")]
    public async Task<IActionResult> EntryAnswers(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new EntryAnswersQuery(id), ct));

    [Authorize(Policy = Policies.Organizer)]
    [HttpGet("/manage/contests/{id:int}")]
    public async Task<IActionResult> Contest(int id, int? category, EntryState? state, string? q, EntrySort sort, int? page, int? size, CancellationToken ct) =>
        this.Page(await mediator.Send(new ContestEntriesQuery(id, new EntryFilter(category, state, q, sort), new PageRequest(page, size)), ct));

    [Authorize(Policy = Policies.Organizer)]
    [HttpGet("/manage/contests/{id:int}/dashboard")]
    public async Task<IActionResult> Dashboard(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new ContestDashboardQuery(id), ct));

    /// <summary>Every entry of the filter, not one page; written to the response as the rows are read.</summary>
    [Authorize(Policy = Policies.Organizer)]
    [HttpGet("/manage/contests/{id:int}/entries.{format:regex(^(csv|xlsx)$)}")]
    public async Task<IActionResult> ExportEntries(int id, string format, int? category, EntryState? state, string? q, EntrySort sort, CancellationToken ct)
    {
        return this.Page(await mediator.Send(new ExportEntriesQuery(id, new EntryFilter(category, state, q, sort)), ct), export => format == "csv"
            ? new StreamedFile("text/csv; charset=utf-8", $"{export.Contest.Code}-entries.csv", (body, token) => EntryList.CsvAsync(export, body, token))
            : new StreamedFile("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"{export.Contest.Code}-entries.xlsx", async (body, token) =>
            {
                await using var file = await EntryList.XlsxAsync(export, token);
                await file.CopyToAsync(body, token);
            }));
    }

    [Authorize(Policy = Policies.Organizer)]
    [HttpPost("/manage/entries/{id:int}/disqualify")]
    public async Task<IActionResult> Disqualify(int id, string reason, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new DisqualifyEntryCommand(id, reason ?? ""), ct),
            contestId => RedirectToAction(nameof(Contest), new { id = contestId }), "The entry was disqualified.");

    // Copying a contest into its next edition.

    [Authorize(Policy = Policies.Organizer)]
    [HttpGet("/manage/contests/{id:int}/copy")]
    public async Task<IActionResult> Copy(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new PrepareContestCopyQuery(id), ct));

    [Authorize(Policy = Policies.Organizer)]
    [HttpPost("/manage/contests/{id:int}/copy")]
    public async Task<IActionResult> Copy(int id, CopyContestCommand form, CancellationToken ct)
    {
        form.SourceId = id;
        return this.AndRedirect(await mediator.Send(form, ct), newId => Redirect($"/manage/contests/{newId}/edit"),
            "The next edition was created as a draft: check its settings, then make it public.");
    }
}
