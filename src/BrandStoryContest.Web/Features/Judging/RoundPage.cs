using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;

namespace BrandStoryContest.Web.Features.Judging;

/// <summary>Everything the organizer's round page shows: the ranking (by <paramref name="Method"/>) and one page of the assignments.</summary>
public sealed record RoundPageView(RoundRankingView Ranking, Paged<AssignmentLine> Assignments, AggregationMethod Method);

/// <param name="Method">Rank by another method to compare; the round's own when null.</param>
public sealed record RoundPageQuery(int RoundId, AggregationMethod? Method, RankingPage Ranking, AssignmentFilter Filter, PageRequest AssignmentsPage)
    : IQuery<Result<RoundPageView>>;

/// <summary>The two reads of the round page: the ranking checks that the caller runs the contest, and the assignments are read for the round and versions it checked.</summary>
public sealed class RoundPageHandler(IMediator mediator, ContestDb db) : IQueryHandler<RoundPageQuery, Result<RoundPageView>>
{
    public async ValueTask<Result<RoundPageView>> Handle(RoundPageQuery query, CancellationToken ct)
    {
        var ranking = await mediator.Send(new RoundRankingQuery(query.RoundId, query.Method, WithUncertainty: true, query.Ranking), ct);
        if (!ranking.IsOk) return ranking.Map(_ => default(RoundPageView)!);
        var lines = await RoundAssignmentsHandler.PageAsync(db, ranking.Value.Round, ranking.Value.Versions, query.Filter, query.AssignmentsPage, ct);
        return new RoundPageView(ranking.Value, lines, query.Method ?? ranking.Value.Round.Method);
    }
}
