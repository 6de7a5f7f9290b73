using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;

namespace BrandStoryContest.Web.Features.PublicVote;

public sealed record EditPublicVoteQuery(int RoundId) : IQuery<Result<SetPublicVoteCommand>>;

public sealed class EditPublicVoteHandler(ContestDb db, ICurrentUser user) : IQueryHandler<EditPublicVoteQuery, Result<SetPublicVoteCommand>>
{
    public async ValueTask<Result<SetPublicVoteCommand>> Handle(EditPublicVoteQuery query, CancellationToken ct)
    {
        var round = await db.ManagedRoundAsync(user, query.RoundId, ct);
        if (round is null) return Result.NotFound;
        var zone = round.Category.Contest.TimeZoneId;
        return new SetPublicVoteCommand
        {
            RoundId = round.Id, RoundName = round.Name, TimeZoneId = zone, PublicWeightPercent = round.PublicWeightPercent, VoteCutoff = round.VoteCutoff,
            VotingOpens = round.VotingOpensAt is { } o ? ContestTime.ToLocal(o, zone).DateTime : null,
            VotingCloses = round.VotingClosesAt is { } c ? ContestTime.ToLocal(c, zone).DateTime : null,
        };
    }
}
