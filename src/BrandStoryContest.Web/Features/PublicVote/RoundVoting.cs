using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.PublicVote;

public sealed record VotingCard(int EntryId, string? Number, string Title, string Excerpt, bool VotedByMe);

public sealed record RoundVotingView(Round Round, Contest Contest, bool IsOpen, IReadOnlyList<VotingCard> Entries);

/// <summary>
/// The public voting page of a round, for any signed-in person. It never shows vote counts (judges may be signed
/// in too, and a running tally invites herding) nor entrant names (the round may be blind): title, number and a
/// short excerpt of what judges also read.
/// </summary>
public sealed record RoundVotingQuery(int RoundId) : IQuery<Result<RoundVotingView>>;

public sealed class RoundVotingHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : IQueryHandler<RoundVotingQuery, Result<RoundVotingView>>
{
    public const int ExcerptLength = 160;

    public async ValueTask<Result<RoundVotingView>> Handle(RoundVotingQuery query, CancellationToken ct)
    {
        var round = await db.VotableRoundAsync(query.RoundId, ct);
        if (round is null) return Result.NotFound;
        var now = clock.GetUtcNow();
        var me = user.RequiredId();
        var key = Vote.KeyFor(round.Category.Contest, round, now);
        var mine = await db.Votes.Where(v => v.RoundId == round.Id && v.VoterId == me && v.DayKey == key).Select(v => v.EntryId).ToListAsync(ct);
        // The redacted copy when the organizer made one: the same text judges read, so nothing here unblinds them.
        var entries = await db.RoundCandidates(round).InPublicVote().AsNoTracking().OrderBy(e => e.Number)
            .Select(e => new { e.Id, e.Number, e.Title, Text = e.Synopsis ?? e.RedactedBody ?? e.Body }).ToListAsync(ct);
        var cards = entries.Select(e => new VotingCard(e.Id, e.Number, e.Title, Excerpt(e.Text), mine.Contains(e.Id))).ToList();
        return new RoundVotingView(round, round.Category.Contest, round.IsPublicVotingOpen(now), cards);
    }

    private static string Excerpt(string? text)
    {
        var flat = string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length <= ExcerptLength ? flat : flat[..ExcerptLength] + "…";
    }
}
