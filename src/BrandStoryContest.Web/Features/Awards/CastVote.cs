using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Awards;

public sealed record CastVoteResult(bool Found, RuleViolation? Refusal, int Votes);

/// <summary>
/// A Popular Choice like. The unique index decides "once per day / once per contest", also when two posts
/// race; the count is always counted from the rows, never kept in a counter that concurrent votes could lose.
/// </summary>
public sealed record CastVoteCommand(int ContestId, int EntryId) : ICommand<CastVoteResult>;

public sealed class CastVoteHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<CastVoteCommand, CastVoteResult>
{
    public async ValueTask<CastVoteResult> Handle(CastVoteCommand cmd, CancellationToken ct)
    {
        var me = user.RequiredId();
        var now = clock.GetUtcNow();
        var entry = await db.PublicEntries(now).AsNoTracking().Include(e => e.Contest)
            .SingleOrDefaultAsync(e => e.Id == cmd.EntryId && e.ContestId == cmd.ContestId, ct);
        if (entry is null) return new(false, null, 0);
        if (!entry.Contest.IsVotingOpen(now)) return new(true, new("", "Voting is not open."), await CountAsync(entry.Id, ct));
        var key = Vote.KeyFor(entry.Contest, now);
        db.Votes.Add(new Vote { EntryId = entry.Id, ContestId = entry.ContestId, VoterId = me, DayKey = key, CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseSetup.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            var why = entry.Contest.VotePerDay ? "You have already liked this entry today." : "You have already liked this entry.";
            return new(true, new("", why), await CountAsync(entry.Id, ct));
        }
        return new(true, null, await CountAsync(entry.Id, ct));
    }

    private Task<int> CountAsync(int entryId, CancellationToken ct) => db.Votes.CountAsync(v => v.EntryId == entryId && v.RoundId == null, ct);
}
