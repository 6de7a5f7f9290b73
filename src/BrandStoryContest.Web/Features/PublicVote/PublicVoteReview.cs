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
/// <param name="NotInPublicVote">One page of the round's entries whose entrant did not consent to publication (never shown to
/// voters): a national round can have thousands, and the page must stay small.</param>
/// <remarks>Everything here but a search's page is kept under the round's versions, and the view renders <see cref="Shown"/>'s
/// rows once per kept page and language.</remarks>
public sealed record PublicVoteReviewView(Round Round, IReadOnlyList<VoteTally> Rows, Paged<VoteReviewRow> Shown,
    Paged<(string? Number, string Title, string EntrantName)> NotInPublicVote, int TotalVotes, int Voters, int Voided);

/// <summary>The organizer's view of a round's public vote: counts, the cut-off, and the fraud signals per entry.</summary>
/// <param name="SuspiciousOnly">Only the entries whose votes raise a fraud signal.</param>
/// <param name="HiddenPage">The page of the entries not in the public vote (URL parameter <c>hidden</c>).</param>
public sealed record PublicVoteReviewQuery(int RoundId, string? Search = null, bool SuspiciousOnly = false, PageRequest? Page = null,
    PageRequest? HiddenPage = null) : IQuery<Result<PublicVoteReviewView>>;

/// <summary>
/// The review's tally of a round: a function of its candidates, votes and settings, every write to which bumps the
/// contest's data versions (votes its Votes row; entries, the round and voters' accounts its Judging and accounts rows).
/// </summary>
public sealed record VoteTallies(IReadOnlyList<VoteTally> Rows, IReadOnlyList<VoteTally> Suspicious,
    IReadOnlyList<(string? Number, string Title, string EntrantName)> NotInPublicVote, int TotalVotes, int Voters, int Voided)
{
    public long Size => 1 + Rows.Count + NotInPublicVote.Count;
}

public sealed class PublicVoteReviewHandler(ContestDb db, ICurrentUser user) : IQueryHandler<PublicVoteReviewQuery, Result<PublicVoteReviewView>>
{
    public async ValueTask<Result<PublicVoteReviewView>> Handle(PublicVoteReviewQuery query, CancellationToken ct)
    {
        // One connection for the view's statements: opening and closing a pooled SQLite connection per statement took the
        // pool's lock each time, and 50 views at once spent an eighth of their CPU waiting on it. The context closes it.
        await db.Database.OpenConnectionAsync(ct);
        // The versions before the rows (see DataVersions).
        var version = await DataVersions.ForRoundAsync(db, query.RoundId, ct);
        var at = $"{query.RoundId}|{version}";
        // The round (kept, its ownership asked on every view before any tally), then the tally of its 20,000 candidates,
        // kept under the versions too (the round's settings, category and contest bump its contest's judging row): tallying
        // on every view was this page's time (29 views a second at best).
        var round = await db.KeptManagedRoundAsync(user, query.RoundId, version, ct);
        if (round is null) return Result.NotFound;
        var tallies = await VersionedMemo.GetOrComputeAsync(db, $"votes|{at}", () => TallyAsync(round), t => t.Size, ct);
        var request = query.Page ?? new PageRequest(1, PageRequest.MaxSize);
        var shown = string.IsNullOrWhiteSpace(query.Search)
            // A page's rows with their titles and entrant names, kept under the same versions: a title changes with the
            // entry's save, which bumps the contest's judging row (every candidate's category has this round), and a name
            // with the account's, which bumps the accounts row; both rows are in the key. The view renders them once per kept page.
            ? await VersionedMemo.GetOrComputeAsync(db, $"votes-page|{at}|{query.SuspiciousOnly}|{request.Number}|{request.Size}",
                () => PageAsync(tallies, query.SuspiciousOnly, request), p => 1 + p.Items.Count, ct)
            // A search is read afresh: its text varies without end, and it needs every candidate's title and name.
            : await SearchAsync(round, tallies, query.Search!.Trim(), query.SuspiciousOnly, request, ct);
        var hidden = Paged<(string? Number, string Title, string EntrantName)>.Of(tallies.NotInPublicVote, query.HiddenPage ?? new PageRequest(), "hidden");
        return new PublicVoteReviewView(round, tallies.Rows, shown, hidden, tallies.TotalVotes, tallies.Voters, tallies.Voided);
    }

    /// <summary>One page of the tally with its names. Reads with this request's context and no cancellation: views waiting for the same page share it.</summary>
    private async Task<Paged<VoteReviewRow>> PageAsync(VoteTallies tallies, bool suspiciousOnly, PageRequest request)
    {
        var page = Paged<VoteTally>.Of(suspiciousOnly ? tallies.Suspicious : tallies.Rows, request);
        var ids = page.Items.Select(r => r.EntryId).ToList();
        var names = await NamesAsync(db.Entries.Where(e => ids.Contains(e.Id)), CancellationToken.None);
        return Shown(page, names);
    }

    private async Task<Paged<VoteReviewRow>> SearchAsync(Round round, VoteTallies tallies, string q, bool suspiciousOnly, PageRequest request,
        CancellationToken ct)
    {
        var names = await NamesAsync(db.RoundCandidates(round).InPublicVote(), ct);
        var matching = (suspiciousOnly ? tallies.Suspicious : tallies.Rows).Where(r => names.TryGetValue(r.EntryId, out var n)
            && ((r.Number?.Contains(q, StringComparison.OrdinalIgnoreCase) ?? false)
                || n.Title.Contains(q, StringComparison.OrdinalIgnoreCase) || n.Name.Contains(q, StringComparison.OrdinalIgnoreCase))).ToList();
        return Shown(Paged<VoteTally>.Of(matching, request), names);
    }

    // A name read after the tally may belong to a newer version than its key: only ever fresher (see DataVersions).
    private static Paged<VoteReviewRow> Shown(Paged<VoteTally> page, Dictionary<int, (string Title, string Name)> names) =>
        new(page.Items.Where(t => names.ContainsKey(t.EntryId))
            .Select(t => new VoteReviewRow(t, names[t.EntryId].Title, names[t.EntryId].Name)).ToList(), page.Info);

    /// <summary>Reads with this request's context and no cancellation: views waiting for the same tally share it (see <see cref="KeptUnderVersions"/>).</summary>
    private async Task<VoteTallies> TallyAsync(Round round)
    {
        var ct = CancellationToken.None;
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
        // From the candidates in hand: asking the database again sent all 20,000 ids as parameters.
        var passing = PublicVoteAccess.PassingCutoff(round, entries.Select(e => (e.Id, e.ConsentsToPublication)).ToList(), counts);
        var rows = entries.Where(e => e.ConsentsToPublication)
            .Select(e => new VoteTally(e.Id, e.Number, counts.GetValueOrDefault(e.Id),
                HybridScore.PublicScore(counts.GetValueOrDefault(e.Id), max), passing.Contains(e.Id), signals.GetValueOrDefault(e.Id)))
            .OrderByDescending(r => r.Votes).ThenBy(r => r.Number, StringComparer.Ordinal).ToList();
        var hidden = await db.RoundCandidates(round).AsNoTracking().Where(e => !e.ConsentsToPublication).OrderBy(e => e.Number)
            .Select(e => new { e.Number, e.Title, e.Entrant.RealName }).ToListAsync(ct);
        return new VoteTallies(rows, rows.Where(r => r.Signals?.Suspicious == true).ToList(), hidden.Select(e => (e.Number, e.Title, e.RealName)).ToList(),
            votes.Count, votes.Select(v => v.VoterId).Distinct().Count(), voided);
    }

    private static Task<Dictionary<int, (string Title, string Name)>> NamesAsync(IQueryable<Entry> entries, CancellationToken ct) =>
        entries.AsNoTracking().Select(e => new { e.Id, e.Title, e.Entrant.RealName }).ToDictionaryAsync(e => e.Id, e => (e.Title, e.RealName), ct);
}
