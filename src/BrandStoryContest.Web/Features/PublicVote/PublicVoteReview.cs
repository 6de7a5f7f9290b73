using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.PublicVote;

/// <summary>One candidate's votes and signals: what is computed over the whole round, without the entry's title or entrant.</summary>
public sealed record VoteTally(int EntryId, string? Number, int Votes, double PublicScore, bool PassesCutoff, EntrySignals? Signals);

public sealed record VoteReviewRow(int EntryId, string? Number, string Title, string EntrantName, int Votes, double PublicScore,
    bool PassesCutoff, EntrySignals? Signals)
{
    public VoteReviewRow(VoteTally t, string title, string entrantName)
        : this(t.EntryId, t.Number, title, entrantName, t.Votes, t.PublicScore, t.PassesCutoff, t.Signals) { }
}

/// <param name="Rows">Every candidate in the public vote, most votes first.</param>
/// <param name="Shown">The page shown: signals need every vote of the round, so they are detected over all of them and then one page is shown.</param>
/// <param name="NotInPublicVote">Entries of the round whose entrant did not consent to publication: never shown to voters.</param>
public sealed record PublicVoteReviewView(Round Round, IReadOnlyList<VoteTally> Rows, Paged<VoteReviewRow> Shown,
    IReadOnlyList<(string? Number, string Title, string EntrantName)> NotInPublicVote, int TotalVotes, int Voters, int Voided);

/// <summary>The organizer's view of a round's public vote: counts, the cut-off, and the fraud signals per entry.</summary>
/// <param name="SuspiciousOnly">Only the entries whose votes raise a fraud signal.</param>
public sealed record PublicVoteReviewQuery(int RoundId, string? Search = null, bool SuspiciousOnly = false, PageRequest? Page = null) : IQuery<Result<PublicVoteReviewView>>;

public sealed class PublicVoteReviewHandler(ContestDb db, ICurrentUser user) : IQueryHandler<PublicVoteReviewQuery, Result<PublicVoteReviewView>>
{
    public async ValueTask<Result<PublicVoteReviewView>> Handle(PublicVoteReviewQuery query, CancellationToken ct)
    {
        var round = await db.ManagedRoundAsync(user, query.RoundId, ct);
        if (round is null) return Result.NotFound;
        // The whole round is tallied from the index (id, number, consent; unsorted: the rows are ordered below); titles
        // and names, in the wide entry rows, are only read for the page shown, unless a search needs them all. Ties are
        // in ordinal number order, as the entry list sorts them in SQL: a culture-aware comparison of 20,000 numbers
        // was most of this page's time.
        var entries = await db.RoundCandidates(round).AsNoTracking()
            .Select(e => new { e.Id, e.Number, e.ConsentsToPublication }).ToListAsync(ct);
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
            .Select(e => new VoteTally(e.Id, e.Number, counts.GetValueOrDefault(e.Id),
                HybridScore.PublicScore(counts.GetValueOrDefault(e.Id), max), passing.Contains(e.Id), signals.GetValueOrDefault(e.Id)))
            .OrderByDescending(r => r.Votes).ThenBy(r => r.Number, StringComparer.Ordinal).ToList();
        var hidden = await db.RoundCandidates(round).AsNoTracking().Where(e => !e.ConsentsToPublication).OrderBy(e => e.Number)
            .Select(e => new { e.Number, e.Title, e.Entrant.RealName }).ToListAsync(ct);
        var matching = rows.Where(r => !query.SuspiciousOnly || r.Signals?.Suspicious == true);
        Dictionary<int, (string Title, string Name)>? names = null;
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var q = query.Search.Trim();
            names = await NamesAsync(db.RoundCandidates(round).InPublicVote(), ct);
            matching = matching.Where(r => (r.Number?.Contains(q, StringComparison.OrdinalIgnoreCase) ?? false)
                || names[r.EntryId].Title.Contains(q, StringComparison.OrdinalIgnoreCase) || names[r.EntryId].Name.Contains(q, StringComparison.OrdinalIgnoreCase));
        }
        var page = Paged<VoteTally>.Of(matching.ToList(), query.Page ?? new PageRequest(1, PageRequest.MaxSize));
        if (names is null)
        {
            var ids = page.Items.Select(r => r.EntryId).ToList();
            names = await NamesAsync(db.Entries.Where(e => ids.Contains(e.Id)), ct);
        }
        var shown = new Paged<VoteReviewRow>(page.Items.Select(t => new VoteReviewRow(t, names[t.EntryId].Title, names[t.EntryId].Name)).ToList(), page.Info);
        return new PublicVoteReviewView(round, rows, shown, hidden.Select(e => (e.Number, e.Title, e.RealName)).ToList(),
            votes.Count, votes.Select(v => v.VoterId).Distinct().Count(), voided);
    }

    private static Task<Dictionary<int, (string Title, string Name)>> NamesAsync(IQueryable<Entry> entries, CancellationToken ct) =>
        entries.AsNoTracking().Select(e => new { e.Id, e.Title, e.Entrant.RealName }).ToDictionaryAsync(e => e.Id, e => (e.Title, e.RealName), ct);
}
