using BrandStoryContest.Web.Infrastructure.Web;
using Microsoft.AspNetCore.OutputCaching;
using BrandStoryContest.Web.Features.Contests;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace BrandStoryContest.Web.Features.Home;

public sealed class HomeController(IMediator mediator) : Controller
{
    [HttpGet("/")]
    [OutputCache(PolicyName = PublicPages.Policy)]
    public async Task<IActionResult> Index(CancellationToken ct) => View((await mediator.Send(new ListContestsQuery(), ct)).Value);

    // Any method: the exception handler re-executes the failed request here with its own method, and a POST that
    // failed must get this page with its 500, not a 405 from a GET-only route.
    [Route("/error")]
    public IActionResult Error() => View();

    // Any method: a failed POST is re-executed here as a POST, and must still get its page.
    [Route("/status/{code:int}")]
    [IgnoreAntiforgeryToken]
    public IActionResult Status(int code) => View(code);
}
