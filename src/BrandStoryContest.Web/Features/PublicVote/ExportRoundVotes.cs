using System.Globalization;
using System.Text;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.PublicVote;

/// <summary>
/// Every vote of a round, one line each, for the organizer to check signals by hand: when, which entry, which
/// account (and when it registered), which address and range. Times in UTC (ISO 8601), so sorting works anywhere.
/// </summary>
public sealed record ExportRoundVotesQuery(int RoundId) : IQuery<byte[]?>;

public sealed class ExportRoundVotesHandler(ContestDb db, ICurrentUser user) : IQueryHandler<ExportRoundVotesQuery, byte[]?>
{
    public async ValueTask<byte[]?> Handle(ExportRoundVotesQuery query, CancellationToken ct)
    {
        var round = await db.ManagedRoundAsync(user, query.RoundId, ct);
        if (round is null) return null;
        var votes = await db.Votes.AsNoTracking().Where(v => v.RoundId == round.Id)
            .Join(db.Users, v => v.VoterId, a => a.Id, (v, a) => new { v.Id, v.CreatedAt, v.EntryId, v.VoterId, a.Email, Registered = a.CreatedAt, v.IpAddress, v.VoidedAt, v.VoidReason })
            .Join(db.Entries, v => v.EntryId, e => e.Id, (v, e) => new { Vote = v, e.Number })
            .ToListAsync(ct);
        var sb = new StringBuilder();
        sb.AppendLine(Csv.Line(["vote_id", "cast_at_utc", "entry_number", "entry_id", "voter_id", "voter_email", "voter_registered_utc", "ip", "ip_range", "voided_at_utc", "void_reason"]));
        foreach (var x in votes.OrderBy(x => x.Vote.CreatedAt).ThenBy(x => x.Vote.Id))
        {
            var v = x.Vote;
            sb.AppendLine(Csv.Line([
                v.Id.ToString(CultureInfo.InvariantCulture), v.CreatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), x.Number,
                v.EntryId.ToString(CultureInfo.InvariantCulture), v.VoterId, v.Email, v.Registered.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                v.IpAddress, IpRange.Of(v.IpAddress), v.VoidedAt?.UtcDateTime.ToString("O", CultureInfo.InvariantCulture), v.VoidReason]));
        }
        return Csv.Utf8WithBom(sb);
    }
}
