using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Awards;

/// <summary>The organizer's side of awards: tiers, proposal, ties, adjustments, publication, certificates.</summary>
[Authorize(Policy = Policies.Organizer)]
[Route("manage")]
public sealed class AwardsController(IMediator mediator, IStringLocalizer<SharedResource> L) : Controller
{
    [HttpGet("contests/{id:int}/awards")]
    public async Task<IActionResult> Index(int id, CancellationToken ct) =>
        // Only reads: a category without tiers gets a button to add the defaults (a GET never writes).
        await mediator.Send(new AwardsPageQuery(id), ct) is { } view ? View(view) : NotFound();

    [HttpPost("contests/{id:int}/awards/tiers/defaults")]
    public async Task<IActionResult> DefaultTiers(int id, CancellationToken ct)
    {
        if (!await mediator.Send(new EnsureAwardTiersCommand(id), ct)) return NotFound();
        TempData["Toast"] = "Saved.";
        return RedirectToAction(nameof(Index), new { id });
    }

    [HttpPost("awards/tiers")]
    public async Task<IActionResult> SaveTier(SaveTierCommand cmd, CancellationToken ct) => Done(await mediator.Send(cmd, ct));

    [HttpPost("categories/{id:int}/awards/propose")]
    public async Task<IActionResult> Propose(int id, CancellationToken ct)
    {
        var result = await mediator.Send(new ProposeAwardsCommand(id), ct);
        if (result.ContestId is null) return NotFound();
        if (result.Refusal is { } why) TempData["Error"] = L.Say(why);
        else if (result.Ties > 0) TempData["Error"] = L["{0} awards proposed; {1} ties at a quota boundary need your decision.", result.Awarded, result.Ties].Value;
        else TempData["Toast"] = "Awards proposed.";
        return RedirectToAction(nameof(Index), new { id = result.ContestId });
    }

    [HttpPost("awards/ties/{id:int}")]
    public async Task<IActionResult> ResolveTie(int id, ResolveTieCommand cmd, CancellationToken ct)
    {
        cmd.TieId = id;
        return Done(await mediator.Send(cmd, ct));
    }

    [HttpPost("awards/adjust")]
    public async Task<IActionResult> Adjust(AdjustAwardCommand cmd, CancellationToken ct) => Done(await mediator.Send(cmd, ct));

    [HttpPost("awards/special")]
    public async Task<IActionResult> Special(GiveSpecialAwardCommand cmd, CancellationToken ct) => Done(await mediator.Send(cmd, ct));

    [HttpPost("contests/{id:int}/awards/settings")]
    public async Task<IActionResult> Settings(int id, SaveAwardSettingsCommand cmd, CancellationToken ct)
    {
        cmd.ContestId = id;
        return Refused(await mediator.Send(cmd, ct), id);
    }

    [HttpPost("contests/{id:int}/awards/seal")]
    [RequestSizeLimit(11 * 1024 * 1024)]
    public async Task<IActionResult> Seal(int id, IFormFile? file, CancellationToken ct)
    {
        if (file is null) { TempData["Error"] = L["Choose an image file."].Value; return RedirectToAction(nameof(Index), new { id }); }
        await using var content = file.OpenReadStream();
        return Refused(await mediator.Send(new SetCertificateSealCommand(id, file.Length, content), ct), id);
    }

    [HttpPost("contests/{id:int}/awards/publish")]
    public async Task<IActionResult> Publish(int id, CancellationToken ct)
    {
        var refusal = await mediator.Send(new PublishResultsCommand(id), ct);
        if (refusal is null) TempData["Toast"] = "Results published.";
        else TempData["Error"] = L.Say(refusal);
        return RedirectToAction(nameof(Index), new { id });
    }

    [HttpPost("contests/{id:int}/certificates/issue")]
    public async Task<IActionResult> Issue(int id, CancellationToken ct)
    {
        var result = await mediator.Send(new IssueCertificatesCommand(id), ct);
        if (result.JobId is null && result.Refusal is null) return NotFound();
        if (result.Refusal is { } why) TempData["Error"] = L.Say(why);
        else TempData["Toast"] = "Certificate generation started.";
        return RedirectToAction(nameof(Index), new { id });
    }

    [HttpGet("contests/{id:int}/certificates/progress")]
    public async Task<IActionResult> Progress(int id, CancellationToken ct) =>
        await mediator.Send(new CertificateProgressQuery(id), ct) is { } p ? Json(p) : NotFound();

    [HttpGet("contests/{id:int}/certificates.zip")]
    public async Task<IActionResult> Zip(int id, CancellationToken ct)
    {
        var zip = await mediator.Send(new CertificatesZipQuery(id), ct);
        if (zip is null) return NotFound();
        // ZipArchive still writes a few headers synchronously even through its async API; the body is streamed either way.
        HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpBodyControlFeature>()!.AllowSynchronousIO = true;
        Response.ContentType = "application/zip";
        Response.Headers.ContentDisposition = new System.Net.Mime.ContentDisposition { FileName = zip.FileName }.ToString();
        await zip.WriteToAsync(Response.Body, ct);
        return new EmptyResult();
    }

    [HttpPost("certificates/{number}/revoke")]
    public async Task<IActionResult> Revoke(string number, RevokeCertificateCommand cmd, CancellationToken ct)
    {
        cmd.Number = number;
        return Done(await mediator.Send(cmd, ct));
    }

    private IActionResult Done((int? ContestId, RuleViolation? Refusal) result)
    {
        if (result.ContestId is null) return NotFound();
        return Refused(result.Refusal, result.ContestId.Value);
    }

    private IActionResult Refused(RuleViolation? refusal, int contestId)
    {
        if (refusal is null) TempData["Toast"] = "Saved.";
        else TempData["Error"] = L.Say(refusal);
        return RedirectToAction(nameof(Index), new { id = contestId });
    }
}
