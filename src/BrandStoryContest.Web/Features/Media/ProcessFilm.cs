using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Reminders;
using BrandStoryContest.Web.Infrastructure.Mail;
using BrandStoryContest.Web.Infrastructure.Media;
using BrandStoryContest.Web.Infrastructure.Storage;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Media;

public sealed record ProcessFilmCommand(int EntryId, string BlobName) : ICommand<ProcessFilmOutcome>;

public enum ProcessFilmOutcome { Ready, Rejected, Stale }

/// <summary>To the contest's organizer when a film fails its checks (Mails/FilmRejected.*); the entrant sees the reasons on the entry.</summary>
public sealed record FilmRejectedMail(string EntryTitle, Bilingual Category, string Link, string OptOutLink) : IMail;

/// <summary>
/// Checks an uploaded film with ffprobe (over a short-lived read-only URL: the film is never copied to the
/// app) and makes its poster and preview strip. Running it twice for the same upload does the same thing
/// once: a job whose upload is no longer the entry's current film, or was already decided, is stale.
/// </summary>
public sealed class ProcessFilmHandler(ContestDb db, IBlobStore blobs, IMediaProbe probe, TimeProvider clock, ILogger<ProcessFilmHandler> log,
    ReminderOutbox reminders, AppLinks links)
    : ICommandHandler<ProcessFilmCommand, ProcessFilmOutcome>
{
    public async ValueTask<ProcessFilmOutcome> Handle(ProcessFilmCommand cmd, CancellationToken ct)
    {
        var entry = await db.Entries.Include(e => e.Category).SingleOrDefaultAsync(e => e.Id == cmd.EntryId, ct);
        if (entry is null || entry.FilmBlob != cmd.BlobName || entry.FilmStatus != FilmStatus.Processing) return ProcessFilmOutcome.Stale;

        var violations = await CheckAsync(entry, cmd.BlobName, ct);
        if (violations.Count > 0)
        {
            entry.FilmStatus = FilmStatus.Rejected;
            entry.FilmRejectionReason = string.Join('\n', violations.Select(v => v.Encode()));
            log.LogInformation("Film of entry {Entry} rejected: {Reason}", entry.Id, entry.FilmRejectionReason);
            await TellOrganizerAsync(db, reminders, links, entry, ct);
        }
        else
        {
            entry.FilmStatus = FilmStatus.Ready;
        }
        entry.UpdatedAt = clock.GetUtcNow();
        entry.Version++;
        await db.SaveChangesAsync(ct);
        return entry.FilmStatus == FilmStatus.Ready ? ProcessFilmOutcome.Ready : ProcessFilmOutcome.Rejected;
    }

    /// <summary>
    /// Queued in the same SaveChanges as the rejection (here, or the worker's giving up); a repeated job is stale
    /// before it gets here, so one mail per upload. The entry's category must be loaded.
    /// </summary>
    internal static async Task TellOrganizerAsync(ContestDb db, ReminderOutbox reminders, AppLinks links, Entry entry, CancellationToken ct)
    {
        var contest = await db.Contests.SingleAsync(c => c.Id == entry.ContestId, ct);
        if (await db.Users.AsNoTracking().SingleOrDefaultAsync(u => u.Id == contest.OwnerId, ct) is { } owner)
            reminders.Queue(owner, optOut => new FilmRejectedMail(entry.Title, new Bilingual(entry.Category.NameZh, entry.Category.NameEn),
                links.Absolute($"/manage/contests/{contest.Id}"), optOut), contest);
    }

    private async Task<List<RuleViolation>> CheckAsync(Entry entry, string blobName, CancellationToken ct)
    {
        await using (var head = await blobs.OpenReadAsync(blobName, ct))
        {
            if (head is null) return [new("Film", "The uploaded film is missing from storage. Please upload it again.")];
            var bytes = new byte[4096];
            var n = await head.ReadAtLeastAsync(bytes, bytes.Length, throwOnEndOfStream: false, ct);
            if (VideoSniffer.DetectContainer(bytes.AsSpan(0, n)) is null)
                return [new("Film", "This file is not a video (checked by its content, not its name).")];
        }

        var url = blobs.GetReadUri(blobName, TimeSpan.FromHours(2)).ToString();
        var info = await probe.ProbeAsync(url, ct);
        if (info is null) return [new("Film", "The file could not be read as a video. It may be damaged or not a video at all.")];

        var container = ContainerOf(info.FormatName, entry.FilmFileName);
        entry.DurationSeconds = info.Duration.TotalSeconds;
        entry.Width = info.Width;
        entry.Height = info.Height;
        entry.VideoCodec = info.VideoCodec;
        entry.Container = container;
        var broken = EntryRules.CheckFilm(container, info.Duration, info.Width, info.Height, info.VideoCodec, entry.Category).ToList();
        if (broken.Count > 0) return broken;

        var folder = Directory.CreateTempSubdirectory("bsc-film-");
        try
        {
            var poster = Path.Combine(folder.FullName, "poster.jpg");
            await probe.ExtractPosterAsync(url, info.Duration, poster, ct);
            entry.PosterBlob = await StoreAsync(entry.Id, "poster.jpg", poster, "image/jpeg", ct);

            var strip = Path.Combine(folder.FullName, "strip.jpg");
            await probe.ExtractStripAsync(url, info.Duration, 6, strip, ct);
            entry.StripBlob = await StoreAsync(entry.Id, "strip.jpg", strip, "image/jpeg", ct);

            // Browsers play H.264 in MP4 directly; anything else gets a web preview.
            if (container != "mp4" || info.VideoCodec != "h264")
            {
                var preview = Path.Combine(folder.FullName, "preview.mp4");
                await probe.TranscodePreviewAsync(url, preview, ct);
                entry.PreviewBlob = await StoreAsync(entry.Id, "preview.mp4", preview, "video/mp4", ct);
            }
            else entry.PreviewBlob = null;
        }
        finally { folder.Delete(recursive: true); }
        return [];
    }

    /// <summary>Fixed names per entry, so a repeated job overwrites rather than piles up.</summary>
    private async Task<string> StoreAsync(int entryId, string name, string path, string contentType, CancellationToken ct)
    {
        var blob = $"entries/{entryId}/{name}";
        await using var file = File.OpenRead(path);
        await blobs.UploadAsync(blob, file, contentType, ct);
        return blob;
    }

    /// <summary>ffprobe names the MP4 family "mov,mp4,m4a,3gp,3g2,mj2"; the brand in the file decides, the name only breaks the tie.</summary>
    private static string ContainerOf(string formatName, string? fileName)
    {
        if (formatName.Contains("mp4") || formatName.Contains("mov"))
            return FileNames.Extension(fileName ?? "") == "mov" ? "mov" : "mp4";
        if (formatName.Contains("matroska")) return formatName.Contains("webm") && FileNames.Extension(fileName ?? "") == "webm" ? "webm" : "mkv";
        return formatName.Split(',')[0];
    }
}
