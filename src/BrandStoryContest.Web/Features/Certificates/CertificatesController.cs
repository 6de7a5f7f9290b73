using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BrandStoryContest.Web.Features.Certificates;

[Route("certificates")]
public sealed class CertificatesController(IMediator mediator) : Controller
{
    /// <summary>The winner's own certificate (or the organizer's / an admin's copy); anyone else: not found.</summary>
    [Authorize]
    [HttpGet("{number}.pdf")]
    public async Task<IActionResult> Download(string number, CancellationToken ct)
    {
        var found = await mediator.Send(new ReadCertificateQuery(number), ct);
        // Not an entry's certificate: it may be a unit's (优秀组织奖), for its contact or the organizer.
        if (found.Outcome == Outcome.NotFound) found = await mediator.Send(new Organizations.ReadOrganizationCertificateQuery(number), ct);
        return this.Page(found, pdf =>
        {
            Response.Headers.CacheControl = "private, no-store";
            return File(pdf, "application/pdf", $"{number}.pdf");
        });
    }

    [AllowAnonymous]
    [HttpGet("verify/{number}")]
    public async Task<IActionResult> Verify(string number, CancellationToken ct)
    {
        // An unknown number still gets the page (with 404), which tells the reader the certificate is not valid.
        var verification = await mediator.Send(new VerifyCertificateQuery(number), ct);
        if (!verification.IsOk && await mediator.Send(new Organizations.VerifyOrganizationCertificateQuery(number), ct) is { IsOk: true } unit)
            return View("VerifyOrganization", unit.Value);
        if (!verification.IsOk) Response.StatusCode = StatusCodes.Status404NotFound;
        return View(new CertificateVerificationPage(number, verification.IsOk ? verification.Value : null));
    }
}

/// <summary>The verification page: the number as the reader typed it, and the certificate when one has it.</summary>
public sealed record CertificateVerificationPage(string Number, CertificateVerification? Found);
