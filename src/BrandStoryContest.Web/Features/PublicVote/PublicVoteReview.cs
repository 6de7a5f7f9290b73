using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.PublicVote;

public sealed record VoteReviewRow(int EntryId, string? Number, string Title, string EntrantName, int Votes, double PublicScore,
    bool PassesCutoff, EntrySignals? Signals);

/// <param name="NotInPublicVote">Entries of the round whose entrant did not consent to publication: never shown to voters.</param>
public sealed record PublicVoteReviewView(Round Round, IReadOnlyList<VoteReviewRow> Rows, IReadOnlyList<(string? Number, string Title, string EntrantName)> NotInPublicVote,
    int TotalVotes, int Voters, int Voided)
{
    /// <summary>The rows the page shows: signals need every vote of the round, so they are detected over all of them and then one page is shown.</summary>
    public Paged<VoteReviewRow> Shown { get; init; } = new(Rows, new PageInfo(1, Math.Max(1, Rows.Count), Rows.Count));
}

/// <summary>The organizer's view of a round's public vote: counts, the cut-off, and the fraud signals per entry.</summary>
/// <param name="SuspiciousOnly">Only the entries whose votes raise a fraud signal.</param>
public sealed record PublicVoteReviewQuery(int RoundId, string? Search = null, bool SuspiciousOnly = false, PageRequest? Page = null) : IQuery<Result<PublicVoteReviewView>>;

public sealed class PublicVoteReviewHandler(ContestDb db, ICurrentUser user) : IQueryHandler<PublicVoteReviewQuery, Result<PublicVoteReviewView>>
{
    public async ValueTask<Result<PublicVoteReviewView>> Handle(PublicVoteReviewQuery query, CancellationToken ct)
    {
        var round = await db.ManagedRoundAsync(user, query.RoundId, ct);
        if (round is null) return Result.NotFound;
        var entries = await db.RoundCandidates(round).AsNoTracking()
            .Select(e => new { e.Id, e.Number, e.Title, e.Entrant.RealName, e.ConsentsToPublication }).OrderBy(e => e.Number).ToListAsync(ct);
        // Signals and counts are over the votes that still count; voided ones are only reported.
        var voided = await db.Votes.CountAsync(v => v.RoundId == round.Id && v.VoidedAt != null, ct);
        var votes = await db.Votes.AsNoTracking().Where(v => v.RoundId == round.Id && v.VoidedAt == null)
            .Join(db.Users, v => v.VoterId, a => a.Id, (v, a) => new VoteRecord(v.EntryId, v.VoterId, v.CreatedAt, a.CreatedAt, v.IpAddress))
            .ToListAsync(ct);
        var signals = VoteSignals.Detect(votes, round.VotingOpensAt ?? DateTimeOffset.MinValue, round.VotingClosesAt ?? DateTimeOffset.MinValue)
            .ToDictionary(s => s.EntryId);
        var counts = votes.GroupBy(v => v.EntryId).ToDictionary(g => g.Key, g => g.Count());
        int max = counts.Count == 0 ? 0 : counts.Values.Max();
        var passing = await db.PassingCutoffAsync(round, entries.Select(e => e.Id).ToList(), ct);
        var rows = entries.Where(e => e.ConsentsToPublication)
            .Select(e => new VoteReviewRow(e.Id, e.Number, e.Title, e.RealName, counts.GetValueOrDefault(e.Id),
                HybridScore.PublicScore(counts.GetValueOrDefault(e.Id), max), passing.Contains(e.Id), signals.GetValueOrDefault(e.Id)))
            .OrderByDescending(r => r.Votes).ThenBy(r => r.Number).ToList();
        var hidden = entries.Where(e => !e.ConsentsToPublication).Select(e => (e.Number, e.Title, e.RealName)).ToList();
        var matching = rows.Where(r => !query.SuspiciousOnly || r.Signals?.Suspicious == true);
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var q = query.Search.Trim();
            matching = matching.Where(r => (r.Number?.Contains(q, StringComparison.OrdinalIgnoreCase) ?? false)
                || r.Title.Contains(q, StringComparison.OrdinalIgnoreCase) || r.EntrantName.Contains(q, StringComparison.OrdinalIgnoreCase));
        }
        return new PublicVoteReviewView(round, rows, hidden, votes.Count, votes.Select(v => v.VoterId).Distinct().Count(), voided)
        {
            Shown = Paged<VoteReviewRow>.Of(matching.ToList(), query.Page ?? new PageRequest(1, PageRequest.MaxSize)),
        };
    }
}
