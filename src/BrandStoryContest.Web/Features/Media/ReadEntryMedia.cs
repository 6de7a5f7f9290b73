using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Awards;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Features.PublicVote;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Storage;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Media;

public enum EntryMediaKind { Poster, Strip, Film, Cover, Attachment, Subtitles, Original }

/// <summary>A file to send, or (<see cref="Content"/> null) "not available yet": there is no copy a judge may have yet.</summary>
public sealed record EntryMedia(Stream? Content, string ContentType, string? DownloadName)
{
    public static readonly EntryMedia NotAvailableYet = new(null, "", null);
}

public sealed record ReadEntryMediaQuery(int EntryId, EntryMediaKind Kind) : IQuery<Result<EntryMedia>>;

/// <summary>
/// Media leaves the private container only through here, after the check: the entrant, the contest's
/// organizer, admins, and judges the entry is assigned to; and, for the gallery, anyone for the poster, cover,
/// film and subtitles of an awarded work of a published contest whose entrant consented to publication
/// (<see cref="AwardsAccess.PublicEntries"/>). Anyone else gets "not found", never a blob URL.
/// Everyone but the entrant and the organizer gets neutral copies only: the film's judging copy, subtitles
/// rewritten as bare WebVTT, an attachment without its document properties. Where there is no neutral copy
/// (not written yet, or the document cannot be read) they get "not available yet", never the original.
/// </summary>
public sealed class ReadEntryMediaHandler(ContestDb db, ICurrentUser user, IBlobStore blobs, TimeProvider clock, ILogger<ReadEntryMediaHandler> log)
    : IQueryHandler<ReadEntryMediaQuery, Result<EntryMedia>>
{
    public async ValueTask<Result<EntryMedia>> Handle(ReadEntryMediaQuery query, CancellationToken ct)
    {
        var entry = await db.Entries.AsNoTracking().Include(e => e.Contest).SingleOrDefaultAsync(e => e.Id == query.EntryId, ct);
        if (entry is null) return Result.NotFound;
        var owner = entry.EntrantId == user.Id || user.CanManage(entry.Contest);
        if (query.Kind == EntryMediaKind.Original && !owner) return Result.NotFound;
        if (!owner && !await IsAssignedJudgeAsync(entry.Id, ct) && !await IsPublicAsync(entry, query.Kind, ct)) return Result.NotFound;
        var (blob, type, name) = query.Kind switch
        {
            EntryMediaKind.Poster => (entry.PosterBlob, "image/jpeg", null),
            EntryMediaKind.Strip => (entry.StripBlob, "image/jpeg", null),
            // The entrant plays what the jury will see; while that is not written yet, their own upload.
            EntryMediaKind.Film => (owner ? entry.JudgingFilmBlob ?? entry.FilmBlob : entry.JudgingFilmBlob, "video/mp4", null),
            EntryMediaKind.Original => (entry.FilmBlob, entry.FilmBlob is { } f ? ContentTypes.Of(f) : "", entry.FilmFileName),
            EntryMediaKind.Cover => (entry.CoverBlob, "image/jpeg", null),
            EntryMediaKind.Attachment => (entry.AttachmentBlob, entry.AttachmentBlob is { } a ? ContentTypes.Of(a) : "", entry.AttachmentFileName),
            EntryMediaKind.Subtitles => (entry.SubtitleBlob, owner ? entry.SubtitleBlob?.EndsWith(".vtt") == true ? "text/vtt" : "text/plain" : "text/vtt", null),
            _ => ((string?)null, "", (string?)null),
        };
        // A film still uploading or rejected is not served as a film; its poster may still be shown.
        if (query.Kind == EntryMediaKind.Film && entry.FilmStatus != FilmStatus.Ready && entry.EntrantId != user.Id) return Result.NotFound;
        if (blob is null)
            return query.Kind == EntryMediaKind.Film && !owner && entry.FilmStatus == FilmStatus.Ready ? EntryMedia.NotAvailableYet : Result<EntryMedia>.NotFound;
        var stream = await blobs.OpenReadAsync(blob, ct);
        if (stream is null) return Result.NotFound;
        if (owner) return new EntryMedia(stream, type, name);

        if (query.Kind == EntryMediaKind.Subtitles)
        {
            await using (stream)
            {
                var text = await new StreamReader(stream, System.Text.Encoding.UTF8).ReadToEndAsync(ct);
                return new EntryMedia(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(NeutralSubtitles.WebVtt(text))), "text/vtt; charset=utf-8", null);
            }
        }
        if (query.Kind == EntryMediaKind.Attachment && name is not null)
        {
            // A judge's copy must not carry the author's file name or document properties, which often hold their name.
            var extension = Path.GetExtension(name);
            await using (stream)
            {
                var neutral = await NeutralDocument.CopyAsync(stream, extension, ct);
                if (neutral is not null) return new EntryMedia(neutral, type, "attachment" + extension);
            }
            // Fail closed: the original may name its author where the scrubber could not look. The organizer sees a warning.
            log.LogWarning("Attachment of entry {EntryId} could not be neutralized; judges are told it is not available", entry.Id);
            return EntryMedia.NotAvailableYet;
        }
        return new EntryMedia(stream, type, name);
    }

    /// <summary>
    /// The attachment (which may carry the author's details) and the frame strip are never public. The rest is,
    /// for consenting entrants: in the gallery of published awards, and while a round's public vote has opened
    /// (until the round is finalized), so that voters can watch what they vote for.
    /// </summary>
    private async Task<bool> IsPublicAsync(Entry entry, EntryMediaKind kind, CancellationToken ct)
    {
        if (kind is not (EntryMediaKind.Poster or EntryMediaKind.Cover or EntryMediaKind.Film or EntryMediaKind.Subtitles)) return false;
        var now = clock.GetUtcNow();
        return await db.PublicEntries(now).AnyAsync(e => e.Id == entry.Id, ct) || await db.IsShownInAPublicVoteAsync(entry, now, ct);
    }

    /// <summary>Judges see an entry's media only as the judging rule allows (<see cref="JudgingAccess.JudgeSeesEntryAsync"/>).</summary>
    private Task<bool> IsAssignedJudgeAsync(int entryId, CancellationToken ct) =>
        user.Id is { } me ? db.JudgeSeesEntryAsync(me, entryId, ct) : Task.FromResult(false);
}
