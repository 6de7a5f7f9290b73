using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;

namespace BrandStoryContest.Web.Features.Entries;

/// <summary>Moves a co-author (or instructor) one place up or down among those of the same role.</summary>
public sealed record MoveEntryAuthorCommand(int EntryId, int AuthorId, bool Up) : ICommand<Result<Result.Done>>;

public sealed class MoveEntryAuthorHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<MoveEntryAuthorCommand, Result<Result.Done>>
{
    public async ValueTask<Result<Result.Done>> Handle(MoveEntryAuthorCommand cmd, CancellationToken ct)
    {
        var entry = await db.OwnEntryAsync(cmd.EntryId, user.Id, ct);
        var author = entry?.Authors.SingleOrDefault(a => a.Id == cmd.AuthorId);
        if (entry is null || author is null) return Result.NotFound;
        if (EntryAccess.WhyLocked(entry, clock.GetUtcNow()) is { } locked) return locked;
        var sameRole = entry.Authors.Where(a => a.Role == author.Role).OrderBy(a => a.Order).ThenBy(a => a.Id).ToList();
        var at = sameRole.IndexOf(author);
        var to = cmd.Up ? at - 1 : at + 1;
        // Already first (after the entrant, who always leads) or last: nothing to move.
        if (to < 0 || to >= sameRole.Count) return Result.Ok();
        var other = sameRole[to];
        (author.Order, other.Order) = (other.Order, author.Order);
        // Orders may tie (two added at the same moment); make the swap tell them apart.
        if (author.Order == other.Order) author.Order += cmd.Up ? -1 : 1;
        db.Record(clock, user.RequiredId(), "MoveEntryAuthor", "Entry", entry.Id, newValue: $"{author.Name} {(cmd.Up ? "up" : "down")}");
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
