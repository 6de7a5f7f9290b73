using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Entries;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.PublicVote;

public sealed record RoundVotingEntryView(Round Round, Contest Contest, PublicEntry Work, string? Number, bool IsOpen, bool VotedByMe);

/// <summary>
/// One entry of a round's public vote, to read or watch before voting: the same text judges read (the redacted
/// copy when there is one), the film streamed through the app, never the entrant's name nor the vote count.
/// </summary>
public sealed record RoundVotingEntryQuery(int RoundId, int EntryId) : IQuery<Result<RoundVotingEntryView>>;

public sealed class RoundVotingEntryHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : IQueryHandler<RoundVotingEntryQuery, Result<RoundVotingEntryView>>
{
    public async ValueTask<Result<RoundVotingEntryView>> Handle(RoundVotingEntryQuery query, CancellationToken ct)
    {
        var round = await db.VotableRoundAsync(query.RoundId, ct);
        if (round is null) return Result.NotFound;
        var entry = await db.RoundCandidates(round).InPublicVote().AsNoTracking().SingleOrDefaultAsync(e => e.Id == query.EntryId, ct);
        if (entry is null) return Result.NotFound;
        var now = clock.GetUtcNow();
        var key = Vote.KeyFor(round.Category.Contest, round, now);
        var me = user.RequiredId();
        var voted = await db.Votes.AnyAsync(v => v.RoundId == round.Id && v.EntryId == entry.Id && v.VoterId == me && v.DayKey == key, ct);
        // No director: the public vote never names who made an entry.
        return new RoundVotingEntryView(round, round.Category.Contest, PublicEntry.Of(entry, round.Category.Kind, entry.RedactedBody ?? entry.Body, director: null),
            entry.Number, round.IsPublicVotingOpen(now), voted);
    }
}
