using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Entries;

/// <summary>
/// Answers the new draft's id. <paramref name="StartKey"/> is the form's one-time key (docs/reliability.md,
/// "Starting an entry is idempotent"): the same key again answers the draft it opened.
/// </summary>
public sealed record StartEntryCommand(int CategoryId, Guid? StartKey = null) : ICommand<Result<int>>;

/// <summary>
/// Opens a draft in a category, within the window and the per-entrant quota. The quota holds under parallel
/// requests: the draft takes the lowest free <see cref="Entry.QuotaSlot"/>, and the unique index lets only one
/// of two requests that picked the same place in; the other counts again and is refused or takes the next place.
/// A start sent again with the same key (a client that never heard back, a double click, a retry on another
/// instance) is recognised before anything else, even after the deadline or with the quota full, and answers the
/// draft the first try opened; when both tries race, the unique (category, entrant, key) index lets one in and the
/// other finds it on its next round.
/// </summary>
public sealed class StartEntryHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<StartEntryCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(StartEntryCommand cmd, CancellationToken ct)
    {
        var me = user.RequiredId();
        var category = await db.Categories.AsNoTracking().Include(c => c.Contest).SingleOrDefaultAsync(c => c.Id == cmd.CategoryId, ct);
        if (category is null) return Result.NotFound;
        if (await StartedAsync(category.Id, me, cmd.StartKey, ct) is { } again) return again;
        var now = clock.GetUtcNow();
        if (now < category.Contest.SubmissionOpensAt) return EntryAccess.NotOpenYet(category.Contest);
        if (now >= category.Contest.SubmissionClosesAt) return EntryAccess.Closed(category.Contest);

        // Each lost race means another request took a place (or the same start got in first), so more tries than
        // places can never be needed.
        for (var attempt = 0; attempt <= category.MaxEntriesPerEntrant; attempt++)
        {
            if (attempt > 0 && await StartedAsync(category.Id, me, cmd.StartKey, ct) is { } raced) return raced;
            var held = await db.Entries.Where(e => e.CategoryId == category.Id && e.EntrantId == me
                && (e.State == EntryState.Draft || e.State == EntryState.Submitted || e.State == EntryState.Returned)).Select(e => e.QuotaSlot).ToListAsync(ct);
            if (held.Count >= category.MaxEntriesPerEntrant)
                return Result.Refuse("You already have {0} entries in this category, the most it allows.", held.Count);
            var slot = Enumerable.Range(1, category.MaxEntriesPerEntrant).First(s => !held.Contains(s));
            var entry = new Entry
            {
                ContestId = category.ContestId, CategoryId = category.Id, EntrantId = me, State = EntryState.Draft, QuotaSlot = slot,
                StartKey = cmd.StartKey, CreatedAt = now, UpdatedAt = now,
            };
            db.Entries.Add(entry);
            try
            {
                await db.SaveChangesAsync(ct);
                return entry.Id;
            }
            catch (DbUpdateException)
            {
                // Most likely a unique index: another request took this place first, or the same start is in.
                db.ChangeTracker.Clear();
            }
        }
        return Result.Refuse("Several entries were started at the same moment. Reload the page and try again.");
    }

    private async Task<int?> StartedAsync(int categoryId, string entrantId, Guid? key, CancellationToken ct) =>
        key is null ? null
            : await db.Entries.Where(e => e.CategoryId == categoryId && e.EntrantId == entrantId && e.StartKey == key)
                .Select(e => (int?)e.Id).SingleOrDefaultAsync(ct);
}
