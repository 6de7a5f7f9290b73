using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;

namespace BrandStoryContest.Web.Features.Entries;

public sealed record RemoveEntryAuthorCommand(int EntryId, int AuthorId) : ICommand<Result<Result.Done>>;

/// <summary>Takes a co-author or instructor off the entry while it is editable; the entrant, author #1, cannot be removed.</summary>
public sealed class RemoveEntryAuthorHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<RemoveEntryAuthorCommand, Result<Result.Done>>
{
    public async ValueTask<Result<Result.Done>> Handle(RemoveEntryAuthorCommand cmd, CancellationToken ct)
    {
        var entry = await db.OwnEntryAsync(cmd.EntryId, user.Id, ct);
        var author = entry?.Authors.SingleOrDefault(a => a.Id == cmd.AuthorId);
        if (entry is null || author is null) return Result.NotFound;
        if (EntryAccess.WhyLocked(entry, clock.GetUtcNow()) is { } locked) return locked;
        db.EntryAuthors.Remove(author);
        db.Record(clock, user.RequiredId(), "RemoveEntryAuthor", "Entry", entry.Id, oldValue: $"{author.Role} {author.Name}");
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
