using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BrandStoryContest.Web.Features.Contests;

/// <summary>Copying a contest into its next edition.</summary>
[Authorize(Policy = Policies.Organizer)]
[Route("manage")]
public sealed class NextEditionController(IMediator mediator) : Controller
{
    [HttpGet("contests/{id:int}/copy")]
    public async Task<IActionResult> Copy(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new CopyContestFormQuery(id), ct));

    [HttpPost("contests/{id:int}/copy")]
    public async Task<IActionResult> Copy(int id, CopyContestCommand form, CancellationToken ct)
    {
        form.SourceId = id;
        return this.AndRedirect(await mediator.Send(form, ct), newId => Redirect($"/manage/contests/{newId}/edit"),
            "The next edition was created as a draft: check its settings, then make it public.");
    }
}
