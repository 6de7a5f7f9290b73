using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Awards;
using BrandStoryContest.Web.Features.Entries;
using BrandStoryContest.Web.Infrastructure.Web;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Results;

public sealed record GalleryEntryView(Contest Contest, PublicEntry Work, string EntrantName, string CategoryZh, string? CategoryEn,
    IReadOnlyList<string> TiersZh, IReadOnlyList<string?> TiersEn, int Votes, bool VotingOpen, bool VotedAlready);

/// <summary>One public work: the story to read, or the film to watch (streamed through the app).</summary>
public sealed record GalleryEntryQuery(int ContestId, int EntryId) : IQuery<Result<GalleryEntryView>>;

public sealed class GalleryEntryHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : IQueryHandler<GalleryEntryQuery, Result<GalleryEntryView>>
{
    public async ValueTask<Result<GalleryEntryView>> Handle(GalleryEntryQuery query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var entry = await db.PublicEntries(now).AsNoTracking().Include(e => e.Contest).Include(e => e.Category).Include(e => e.Entrant)
            .SingleOrDefaultAsync(e => e.Id == query.EntryId && e.ContestId == query.ContestId, ct);
        if (entry is null) return Result.NotFound;
        var tiers = await db.Awards.Where(a => a.EntryId == entry.Id).OrderBy(a => a.Tier.IsSpecial).ThenBy(a => a.Tier.Order)
            .Select(a => new { a.Tier.NameZh, a.Tier.NameEn }).ToListAsync(ct);
        var votes = await db.Votes.CountAsync(v => v.EntryId == entry.Id && v.RoundId == null, ct);
        var key = Vote.KeyFor(entry.Contest, now);
        var voted = user.Id is { } me && await db.Votes.AnyAsync(v => v.EntryId == entry.Id && v.VoterId == me && v.DayKey == key, ct);
        return new GalleryEntryView(entry.Contest, PublicEntry.Of(entry, entry.Category.Kind, entry.Body, entry.Director),
            entry.NameOfRecord, entry.Category.NameZh, entry.Category.NameEn,
            tiers.Select(t => t.NameZh).ToList(), tiers.Select(t => t.NameEn).ToList(), votes, entry.Contest.IsVotingOpen(now), voted);
    }
}
