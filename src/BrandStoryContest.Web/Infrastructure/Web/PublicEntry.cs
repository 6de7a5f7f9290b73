using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Entries;

namespace BrandStoryContest.Web.Infrastructure.Web;

/// <summary>
/// What a visitor reads or watches of one entry, shown by Views/Shared/_PublicEntry.cshtml on both public entry pages
/// (the awards gallery and a round's public vote): the film player with its poster and subtitles, or the cover and story.
/// </summary>
public sealed record PublicEntry(int EntryId, string Title, CategoryKind Kind, string StoryHtml, string? Synopsis, string? Director,
    bool HasPoster, bool HasCover, bool HasFilm, bool HasSubtitles)
{
    /// <param name="story">The text to show: the entry's own, or the redacted copy where the page must not name the entrant.</param>
    /// <param name="director">Null where the page must not name who made the film.</param>
    public static PublicEntry Of(Entry entry, CategoryKind kind, string? story, string? director) =>
        new(entry.Id, entry.Title, kind, kind == CategoryKind.Story ? StoryMarkdown.ToSafeHtml(story) : "", entry.Synopsis, director,
            entry.PosterBlob is not null, entry.CoverBlob is not null, entry.FilmStatus == FilmStatus.Ready && entry.JudgingFilmBlob is not null,
            entry.SubtitleBlob is not null);
}
