using System.Globalization;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.PublicVote;

public sealed record RawVote(long Id, DateTimeOffset CreatedAt, string? EntryNumber, int EntryId, string VoterId, string? Email, DateTimeOffset Registered,
    string? IpAddress, DateTimeOffset? VoidedAt, string? VoidReason);

/// <summary>
/// Every vote of a round, one line each, for the organizer to check signals by hand: when, which entry, which
/// account (and when it registered), which address and range. Times in UTC (ISO 8601), so sorting works anywhere.
/// The votes are read one by one while the file is written (<see cref="ExportRoundVotes.WriteAsync"/>).
/// </summary>
public sealed record ExportRoundVotesQuery(int RoundId) : IQuery<Result<IAsyncEnumerable<RawVote>>>;

public sealed class ExportRoundVotesHandler(ContestDb db, ICurrentUser user) : IQueryHandler<ExportRoundVotesQuery, Result<IAsyncEnumerable<RawVote>>>
{
    public async ValueTask<Result<IAsyncEnumerable<RawVote>>> Handle(ExportRoundVotesQuery query, CancellationToken ct)
    {
        var round = await db.ManagedRoundAsync(user, query.RoundId, ct);
        if (round is null) return Result.NotFound;
        return Result.Ok(db.Votes.AsNoTracking().Where(v => v.RoundId == round.Id)
            .Join(db.Users, v => v.VoterId, a => a.Id, (v, a) => new { v.Id, v.CreatedAt, v.EntryId, v.VoterId, a.Email, Registered = a.CreatedAt, v.IpAddress, v.VoidedAt, v.VoidReason })
            .Join(db.Entries, v => v.EntryId, e => e.Id, (v, e) => new { Vote = v, e.Number })
            .OrderBy(x => x.Vote.CreatedAt).ThenBy(x => x.Vote.Id)
            .Select(x => new RawVote(x.Vote.Id, x.Vote.CreatedAt, x.Number, x.Vote.EntryId, x.Vote.VoterId, x.Vote.Email, x.Vote.Registered,
                x.Vote.IpAddress, x.Vote.VoidedAt, x.Vote.VoidReason))
            .AsAsyncEnumerable());
    }
}

public static class ExportRoundVotes
{
    public static Task WriteAsync(IAsyncEnumerable<RawVote> votes, Stream output, CancellationToken ct) =>
        Csv.WriteAsync(output, ["vote_id", "cast_at_utc", "entry_number", "entry_id", "voter_id", "voter_email", "voter_registered_utc", "ip", "ip_range", "voided_at_utc", "void_reason"],
            Lines(votes), ct);

    private static async IAsyncEnumerable<IEnumerable<string?>> Lines(IAsyncEnumerable<RawVote> votes)
    {
        await foreach (var v in votes)
            yield return [
                v.Id.ToString(CultureInfo.InvariantCulture), v.CreatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), v.EntryNumber,
                v.EntryId.ToString(CultureInfo.InvariantCulture), v.VoterId, v.Email, v.Registered.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                v.IpAddress, IpRange.Of(v.IpAddress), v.VoidedAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), v.VoidReason];
    }
}
