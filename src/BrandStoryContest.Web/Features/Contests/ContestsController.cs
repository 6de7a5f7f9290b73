using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Microsoft.AspNetCore.OutputCaching;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BrandStoryContest.Web.Features.Contests;

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
}
