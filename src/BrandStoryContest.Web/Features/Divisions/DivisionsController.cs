using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace BrandStoryContest.Web.Features.Divisions;

/// <summary>
/// A final's divisions: the final organizer's dashboard, new divisions and quotas; each division organizer's
/// recommendations. The organizer policy here; which final or division is the handlers' business (not yours = 404).
/// </summary>
[Authorize(Policy = Policies.Organizer)]
[Route("manage")]
public sealed class DivisionsController(IMediator mediator) : Controller
{
    /// <summary>The contest page links here for every contest: a division's own organizer lands on the division's page instead.</summary>
    [HttpGet("finals/{id:int}/divisions")]
    public async Task<IActionResult> Dashboard(int id, CancellationToken ct)
    {
        var dashboard = await mediator.Send(new FinalDashboardQuery(id), ct);
        if (dashboard.Outcome == Outcome.NotFound && (await mediator.Send(new DivisionPageQuery(id), ct)).IsOk)
            return Redirect($"/manage/divisions/{id}");
        return this.Page(dashboard);
    }

    [HttpGet("finals/{id:int}/divisions/new")]
    public async Task<IActionResult> Create(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new PrepareDivisionQuery(id), ct));

    [HttpPost("finals/{id:int}/divisions/new")]
    public async Task<IActionResult> Create(int id, CreateDivisionCommand form, CancellationToken ct)
    {
        form.FinalId = id;
        return await this.OrForm(await mediator.Send(form, ct), _ => Redirect($"/manage/finals/{id}/divisions"),
            () => Task.FromResult<IActionResult>(View(form)), "The division was created and handed to its organizer.");
    }

    [HttpPost("finals/{id:int}/divisions/quotas")]
    public async Task<IActionResult> Quotas(int id, SetDivisionQuotasCommand form, CancellationToken ct)
    {
        form.FinalId = id;
        return this.AndRedirect(await mediator.Send(form, ct), Redirect($"/manage/finals/{id}/divisions"));
    }

    [HttpGet("divisions/{id:int}")]
    public async Task<IActionResult> Recommendations(int id, CancellationToken ct) =>
        this.Page(await mediator.Send(new DivisionPageQuery(id), ct));

    [HttpPost("divisions/{id:int}/from-ranking")]
    public async Task<IActionResult> FromRanking(int id, int quotaId, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new RecommendFromRankingCommand(id, quotaId), ct), Redirect($"/manage/divisions/{id}"),
            "Recommended to the final: the entrants were told by mail.");

    [HttpPost("divisions/{id:int}/recommend")]
    public async Task<IActionResult> Recommend(int id, RecommendEntryCommand form, CancellationToken ct)
    {
        form.DivisionContestId = id;
        return this.AndRedirect(await mediator.Send(form, ct), Redirect($"/manage/divisions/{id}"), "Recommended to the final: the entrants were told by mail.");
    }

    [HttpPost("divisions/{id:int}/withdraw")]
    public async Task<IActionResult> Withdraw(int id, int recommendationId, CancellationToken ct) =>
        this.AndRedirect(await mediator.Send(new WithdrawRecommendationCommand(id, recommendationId), ct), Redirect($"/manage/divisions/{id}"),
            "The recommendation was withdrawn.");
}
