using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;

namespace BrandStoryContest.Web.Features.Entries;

public sealed record WithdrawEntryCommand(int EntryId) : ICommand<Result<Result.Done>>;

/// <summary>Takes an entry out of the contest before the deadline; it keeps its number and frees the quota.</summary>
public sealed class WithdrawEntryHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<WithdrawEntryCommand, Result<Result.Done>>
{
    public async ValueTask<Result<Result.Done>> Handle(WithdrawEntryCommand cmd, CancellationToken ct)
    {
        var entry = await db.OwnEntryAsync(cmd.EntryId, user.Id, ct);
        if (entry is null) return Result.NotFound;
        if (EntryAccess.WhyLocked(entry, clock.GetUtcNow()) is { } locked) return locked;
        entry.Withdraw(clock.GetUtcNow());
        db.Record(clock, user.RequiredId(), "WithdrawEntry", "Entry", entry.Id, oldValue: "Submitted/Draft", newValue: "Withdrawn");
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
