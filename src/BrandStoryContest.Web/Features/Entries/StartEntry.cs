using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Entries;

/// <summary>Answers the new draft's id.</summary>
public sealed record StartEntryCommand(int CategoryId) : ICommand<Result<int>>;

/// <summary>
/// Opens a draft in a category, within the window and the per-entrant quota. The quota holds under parallel
/// requests: the draft takes the lowest free <see cref="Entry.QuotaSlot"/>, and the unique index lets only one
/// of two requests that picked the same place in; the other counts again and is refused or takes the next place.
/// </summary>
public sealed class StartEntryHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<StartEntryCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(StartEntryCommand cmd, CancellationToken ct)
    {
        var me = user.RequiredId();
        var category = await db.Categories.AsNoTracking().Include(c => c.Contest).SingleOrDefaultAsync(c => c.Id == cmd.CategoryId, ct);
        if (category is null) return Result.NotFound;
        var now = clock.GetUtcNow();
        if (now < category.Contest.SubmissionOpensAt) return EntryAccess.NotOpenYet(category.Contest);
        if (now >= category.Contest.SubmissionClosesAt) return EntryAccess.Closed(category.Contest);

        // Each lost race means another request took a place, so more tries than places can never be needed.
        for (var attempt = 0; attempt <= category.MaxEntriesPerEntrant; attempt++)
        {
            var held = await db.Entries.Where(e => e.CategoryId == category.Id && e.EntrantId == me
                && (e.State == EntryState.Draft || e.State == EntryState.Submitted || e.State == EntryState.Returned)).Select(e => e.QuotaSlot).ToListAsync(ct);
            if (held.Count >= category.MaxEntriesPerEntrant)
                return Result.Refuse("You already have {0} entries in this category, the most it allows.", held.Count);
            var slot = Enumerable.Range(1, category.MaxEntriesPerEntrant).First(s => !held.Contains(s));
            var entry = new Entry
            {
                ContestId = category.ContestId, CategoryId = category.Id, EntrantId = me, State = EntryState.Draft, QuotaSlot = slot,
                CreatedAt = now, UpdatedAt = now,
            };
            db.Entries.Add(entry);
            try
            {
                await db.SaveChangesAsync(ct);
                return entry.Id;
            }
            catch (DbUpdateException)
            {
                // Most likely the unique (category, entrant, place) index: another request took this place first.
                db.ChangeTracker.Clear();
            }
        }
        return Result.Refuse("Several entries were started at the same moment. Reload the page and try again.");
    }
}
