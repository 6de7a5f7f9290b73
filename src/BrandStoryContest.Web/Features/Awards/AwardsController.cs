using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BrandStoryContest.Web.Features.Awards;

/// <summary>
/// The organizer's side of awards: tiers, proposal, ties, adjustments, publication, certificates. Writes that name
/// only a tier, tie, entry or certificate answer the contest they changed and go back to its page; a refusal goes
/// back to the page the form was on.
/// </summary>
[Authorize(Policy = Policies.Organizer)]
[Route("manage")]
public sealed class AwardsController(IMediator mediator) : Controller
{
    // Only reads: a category without tiers gets a button to add the defaults (a GET never writes).
    [HttpGet("contests/{id:int}/awards")]
    public async Task<IActionResult> Index(int id, CancellationToken ct) => this.Page(await mediator.Send(new AwardsPageQuery(id), ct));

    [HttpPost("contests/{id:int}/awards/tiers/defaults")]
    public async Task<IActionResult> DefaultTiers(int id, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new EnsureAwardTiersCommand(id), ct), AwardsOf(id));

    [HttpPost("awards/tiers")]
    public async Task<IActionResult> SaveTier(SaveTierCommand cmd, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(cmd, ct), AwardsOf);

    /// <summary>A proposal with ties at a quota boundary is saved, and the organizer is told how many need a decision.</summary>
    [HttpPost("categories/{id:int}/awards/propose")]
    public async Task<IActionResult> Propose(int id, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new ProposeAwardsCommand(id), ct), p => AwardsOf(p.ContestId), "Awards proposed.",
            p => p.Ties > 0 ? new RuleViolation("", "{0} awards proposed; {1} ties at a quota boundary need your decision.", p.Awarded, p.Ties) : null);

    [HttpPost("awards/ties/{id:int}")]
    public async Task<IActionResult> ResolveTie(int id, ResolveTieCommand cmd, CancellationToken ct)
    {
        cmd.TieId = id;
        return this.AndRedirect(await mediator.Send(cmd, ct), AwardsOf);
    }

    [HttpPost("awards/adjust")]
    public async Task<IActionResult> Adjust(AdjustAwardCommand cmd, CancellationToken ct) => this.AndRedirect(await mediator.Send(cmd, ct), AwardsOf);

    [HttpPost("awards/special")]
    public async Task<IActionResult> Special(GiveSpecialAwardCommand cmd, CancellationToken ct) => this.AndRedirect(await mediator.Send(cmd, ct), AwardsOf);

    [HttpPost("contests/{id:int}/awards/settings")]
    public async Task<IActionResult> Settings(int id, SaveAwardSettingsCommand cmd, CancellationToken ct)
    {
        cmd.ContestId = id;
        return this.AndRedirect(await mediator.Send(cmd, ct), AwardsOf(id));
    }

    [HttpPost("contests/{id:int}/awards/seal")]
    [RequestSizeLimit(11 * 1024 * 1024)]
    public async Task<IActionResult> Seal(int id, IFormFile? file, CancellationToken ct)
    {
        await using var content = file?.OpenReadStream();
        return this.AndRedirect(await mediator.Send(new SetCertificateSealCommand(id, file?.Length ?? 0, content), ct), AwardsOf(id));
    }

    [HttpPost("contests/{id:int}/awards/publish")]
    public async Task<IActionResult> Publish(int id, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new PublishResultsCommand(id), ct), AwardsOf(id), "Results published.");

    [HttpPost("contests/{id:int}/certificates/issue")]
    public async Task<IActionResult> Issue(int id, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new IssueCertificatesCommand(id), ct), AwardsOf(id), "Certificate generation started.");

    [HttpGet("contests/{id:int}/certificates/progress")]
    public async Task<IActionResult> Progress(int id, CancellationToken ct) => this.AsJson(await mediator.Send(new CertificateProgressQuery(id), ct));

    [HttpGet("contests/{id:int}/certificates.zip")]
    public async Task<IActionResult> Zip(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new CertificatesZipQuery(id), ct), zip => new StreamedFile("application/zip", zip.FileName, zip.WriteToAsync));

    [HttpPost("certificates/{number}/revoke")]
    public async Task<IActionResult> Revoke(string number, RevokeCertificateCommand cmd, CancellationToken ct)
    {
        cmd.Number = number;
        return this.AndRedirect(await mediator.Send(cmd, ct), AwardsOf);
    }

    [HttpPost("awards/{id:int}/certificate-mode")]
    public async Task<IActionResult> CertificateMode(int id, bool perPerson, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new SetCertificateModeCommand(id, perPerson), ct), AwardsOf);

    private RedirectToActionResult AwardsOf(int contestId) => RedirectToAction(nameof(Index), new { id = contestId });
}
