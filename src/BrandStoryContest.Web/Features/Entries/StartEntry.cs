using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Entries;

public sealed record StartEntryCommand(int CategoryId) : ICommand<StartEntryResult>;

public sealed record StartEntryResult(int? EntryId, RuleViolation? Refusal);

/// <summary>Opens a draft in a category, within the window and the per-entrant quota.</summary>
public sealed class StartEntryHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<StartEntryCommand, StartEntryResult>
{
    public async ValueTask<StartEntryResult> Handle(StartEntryCommand cmd, CancellationToken ct)
    {
        var me = user.RequiredId();
        var category = await db.Categories.Include(c => c.Contest).SingleOrDefaultAsync(c => c.Id == cmd.CategoryId, ct);
        if (category is null) return new(null, new("", "This category does not exist."));
        var now = clock.GetUtcNow();
        if (now < category.Contest.SubmissionOpensAt) return new(null, EntryAccess.NotOpenYet(category.Contest));
        if (now >= category.Contest.SubmissionClosesAt) return new(null, EntryAccess.Closed(category.Contest));

        var mine = await db.Entries.CountAsync(e => e.CategoryId == category.Id && e.EntrantId == me
            && (e.State == EntryState.Draft || e.State == EntryState.Submitted), ct);
        if (mine >= category.MaxEntriesPerEntrant)
            return new(null, new("", "You already have {0} entries in this category, the most it allows.", mine));

        var entry = new Entry
        {
            ContestId = category.ContestId, CategoryId = category.Id, EntrantId = me, State = EntryState.Draft,
            CreatedAt = now, UpdatedAt = now,
        };
        db.Entries.Add(entry);
        await db.SaveChangesAsync(ct);
        return new(entry.Id, null);
    }
}
