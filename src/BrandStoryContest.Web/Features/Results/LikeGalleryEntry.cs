using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Awards;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Results;

/// <summary>
/// A Popular Choice like of a gallery entry; the result is the entry's likes afterwards. The unique index decides
/// "once per day / once per contest", also when two posts race; the count is always counted from the rows,
/// never kept in a counter that concurrent likes could lose.
/// </summary>
public sealed record LikeGalleryEntryCommand(int ContestId, int EntryId) : ICommand<Result<int>>;

public sealed class LikeGalleryEntryHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<LikeGalleryEntryCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(LikeGalleryEntryCommand cmd, CancellationToken ct)
    {
        var me = user.RequiredId();
        var now = clock.GetUtcNow();
        var entry = await db.PublicEntries(now).AsNoTracking().Include(e => e.Contest)
            .SingleOrDefaultAsync(e => e.Id == cmd.EntryId && e.ContestId == cmd.ContestId, ct);
        if (entry is null) return Result.NotFound;
        if (!entry.Contest.IsVotingOpen(now)) return Result.Refuse("Voting is not open.");
        var key = Vote.KeyFor(entry.Contest, now);
        db.Votes.Add(new Vote { EntryId = entry.Id, ContestId = entry.ContestId, VoterId = me, DayKey = key, CreatedAt = now });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseSetup.IsUniqueViolation(e))
        {
            db.ChangeTracker.Clear();
            return Result.Refuse(entry.Contest.VotePerDay ? "You have already liked this entry today." : "You have already liked this entry.");
        }
        return await db.Votes.CountAsync(v => v.EntryId == entry.Id && v.RoundId == null, ct);
    }
}
