using System.Text;
using System.Text.RegularExpressions;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Media;
using BrandStoryContest.Web.Infrastructure.Storage;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;

namespace BrandStoryContest.Web.Features.Entries;

public enum EntryFileKind { Attachment, Cover, Subtitles }

/// <summary>The body is a temp-file-backed stream from the form; it is sniffed, never trusted by name or type.</summary>
public sealed record AttachFileCommand(int EntryId, EntryFileKind Kind, string FileName, long Length, Stream Content) : ICommand<Result<Result.Done>>;

public sealed partial class AttachFileHandler(ContestDb db, ICurrentUser user, TimeProvider clock, IBlobStore blobs, IMediaProbe media)
    : ICommandHandler<AttachFileCommand, Result<Result.Done>>
{
    public const long MaxSubtitleBytes = 1024 * 1024;

    public async ValueTask<Result<Result.Done>> Handle(AttachFileCommand cmd, CancellationToken ct)
    {
        var entry = await db.OwnEntryAsync(cmd.EntryId, user.Id, ct);
        if (entry is null) return Result.NotFound;
        if (EntryAccess.WhyLocked(entry, clock.GetUtcNow()) is { } locked) return locked;
        if (cmd.Length <= 0) return new RuleViolation("File", "The file is empty.");

        var id = Guid.NewGuid().ToString("N")[..12];
        string? old;
        switch (cmd.Kind)
        {
            case EntryFileKind.Attachment:
                if (entry.Category.Kind != CategoryKind.Story || entry.Category.AttachmentExtensions.Count == 0)
                    return new RuleViolation("File", "This category takes no attachments.");
                if (cmd.Length > entry.Category.MaxAttachmentBytes)
                    return new RuleViolation("File", "The file is {0} MB; at most {1} MB are allowed.", Mb(cmd.Length), Mb(entry.Category.MaxAttachmentBytes));
                var type = DocumentSniffer.Detect(cmd.Content);
                if (type is null || !entry.Category.AttachmentExtensions.Contains(type))
                    return new RuleViolation("File", "The file is not a {0} document (checked by its content, not its name).", entry.Category.AttachmentTypes);
                var name = Path.ChangeExtension(FileNames.Sanitize(cmd.FileName, "attachment"), type);
                old = entry.AttachmentBlob;
                entry.AttachmentBlob = $"entries/{entry.Id}/attachment-{id}.{type}";
                entry.AttachmentFileName = name;
                // Judges only ever get a copy without the author's details; if none can be made, the organizer must know.
                entry.AttachmentUnreadable = !await Media.NeutralDocument.CanNeutralizeAsync(cmd.Content, "." + type, ct);
                await blobs.UploadAsync(entry.AttachmentBlob, cmd.Content, ContentTypes.Of(entry.AttachmentBlob), ct);
                break;

            case EntryFileKind.Cover:
                if (cmd.Length > ImageUpload.MaxBytes) return new RuleViolation("File", "The image is {0} MB; at most {1} MB are allowed.", Mb(cmd.Length), Mb(ImageUpload.MaxBytes));
                var cover = $"entries/{entry.Id}/cover-{id}.jpg";
                if (!await ImageUpload.StoreAsync(cmd.Content, 1600, cover, media, blobs, ct))
                    return new RuleViolation("File", "The file is not an image we can read (JPEG, PNG or WebP).");
                old = entry.CoverBlob;
                entry.CoverBlob = cover;
                break;

            case EntryFileKind.Subtitles:
                if (entry.Category.Kind != CategoryKind.Film) return new RuleViolation("File", "Only films take subtitles.");
                if (cmd.Length > MaxSubtitleBytes) return new RuleViolation("File", "Subtitle files may be at most 1 MB.");
                var text = await ReadUtf8Async(cmd.Content, ct);
                if (text is null || !LooksLikeSubtitles(text)) return new RuleViolation("File", "The file is not an SRT or WebVTT subtitle file in UTF-8.");
                old = entry.SubtitleBlob;
                entry.SubtitleBlob = $"entries/{entry.Id}/subtitles-{id}.{(text.StartsWith("WEBVTT") ? "vtt" : "srt")}";
                await blobs.UploadAsync(entry.SubtitleBlob, new MemoryStream(Encoding.UTF8.GetBytes(text)), "text/plain; charset=utf-8", ct);
                break;

            default:
                return new RuleViolation("File", "Unknown file kind.");
        }

        entry.UpdatedAt = clock.GetUtcNow();
        entry.Version++;
        await db.SaveChangesAsync(ct);
        // Only after the entry points at the new blob may the old one go; a crash here leaves an orphan for the sweeper, never a dangling entry.
        if (old is not null) await blobs.DeleteAsync(old, ct);
        return Result.Ok();
    }

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.#");

    private static async Task<string?> ReadUtf8Async(Stream content, CancellationToken ct)
    {
        using var ms = new MemoryStream();
        await content.CopyToAsync(ms, ct);
        try { return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(ms.ToArray()).TrimStart('\uFEFF'); }
        catch (DecoderFallbackException) { return null; }
    }

    private static bool LooksLikeSubtitles(string text) => text.StartsWith("WEBVTT") || SrtCue().IsMatch(text);

    [GeneratedRegex(@"^\s*\d+\s*\r?\n\d{2}:\d{2}:\d{2},\d{3} --> \d{2}:\d{2}:\d{2},\d{3}")]
    private static partial Regex SrtCue();
}
