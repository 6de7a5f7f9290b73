using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Entries;
using BrandStoryContest.Web.Infrastructure.Web;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Awards;

public sealed record GalleryEntryView(Contest Contest, int EntryId, string Title, string EntrantName, string CategoryZh, string? CategoryEn,
    CategoryKind Kind, string StoryHtml, bool HasPoster, bool HasCover, bool HasFilm, bool HasSubtitles, string? Synopsis, string? Director,
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
        return new GalleryEntryView(entry.Contest, entry.Id, entry.Title, entry.NameOfRecord, entry.Category.NameZh, entry.Category.NameEn,
            entry.Category.Kind, entry.Category.Kind == CategoryKind.Story ? StoryMarkdown.ToSafeHtml(entry.Body) : "",
            entry.PosterBlob is not null, entry.CoverBlob is not null, entry.FilmStatus == FilmStatus.Ready && entry.JudgingFilmBlob is not null,
            entry.SubtitleBlob is not null, entry.Synopsis, entry.Director,
            tiers.Select(t => t.NameZh).ToList(), tiers.Select(t => t.NameEn).ToList(), votes, entry.Contest.IsVotingOpen(now), voted);
    }
}
