using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Reminders;
using BrandStoryContest.Web.Infrastructure.Mail;
using BrandStoryContest.Web.Infrastructure.Media;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Storage;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Media;

/// <summary>
/// Sent by the film worker, never by a person. It answers <see cref="Result{T}"/> like every handler, always ok: a
/// rejected film is the job done (the reasons are on the entry, for its entrant) and a stale job is one to drop, so
/// the outcome says which, for the worker's log and for tests.
/// </summary>
public sealed record ProcessFilmCommand(int EntryId, string BlobName) : ICommand<Result<ProcessFilmOutcome>>;

public enum ProcessFilmOutcome { Ready, Rejected, Stale }

/// <summary>To the contest's organizer when a film fails its checks (Mails/FilmRejected.*); the entrant sees the reasons on the entry.</summary>
public sealed record FilmRejectedMail(string EntryTitle, Bilingual Category, string Link, string OptOutLink) : IMail;

/// <summary>
/// Checks an uploaded film with ffprobe (over a short-lived read-only URL: the film is never copied to the
/// app) and makes its poster, frame strip and judging copy: the only film anyone but its entrant and the
/// contest's organizer gets, stripped of every tag, chapter and extra stream that could name the author.
/// Running it twice for the same upload does the same thing once: a job whose upload is no longer the entry's
/// current film, or was already decided, is stale. A film accepted before judging copies existed gets one.
/// </summary>
public sealed class ProcessFilmHandler(ContestDb db, IBlobStore blobs, IMediaProbe probe, TimeProvider clock, ILogger<ProcessFilmHandler> log,
    ReminderOutbox reminders, AppLinks links)
    : ICommandHandler<ProcessFilmCommand, Result<ProcessFilmOutcome>>
{
    public async ValueTask<Result<ProcessFilmOutcome>> Handle(ProcessFilmCommand cmd, CancellationToken ct)
    {
        var entry = await db.Entries.Include(e => e.Category).SingleOrDefaultAsync(e => e.Id == cmd.EntryId, ct);
        if (entry is null || entry.FilmBlob != cmd.BlobName) return ProcessFilmOutcome.Stale;
        if (entry.FilmStatus == FilmStatus.Ready && entry.JudgingFilmBlob is null) return await BackfillAsync(entry, cmd.BlobName, ct);
        if (entry.FilmStatus != FilmStatus.Processing) return ProcessFilmOutcome.Stale;

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
        var probed = await probe.ProbeAsync(url, ct);
        if (probed.Film is not { } info) return [Refusal(probed.Why)];

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

            entry.JudgingFilmBlob = await WriteJudgingCopyAsync(entry.Id, url, info, folder.FullName, ct);
        }
        finally { folder.Delete(recursive: true); }
        return [];
    }

    private async Task<ProcessFilmOutcome> BackfillAsync(Entry entry, string blobName, CancellationToken ct)
    {
        var url = blobs.GetReadUri(blobName, TimeSpan.FromHours(2)).ToString();
        // It was accepted once; if it cannot be read now, judges keep getting "not available yet" and the job is retried.
        var info = (await probe.ProbeAsync(url, ct)).Film ?? throw new InvalidDataException($"The accepted film of entry {entry.Id} no longer probes.");
        var folder = Directory.CreateTempSubdirectory("bsc-film-");
        try { entry.JudgingFilmBlob = await WriteJudgingCopyAsync(entry.Id, url, info, folder.FullName, ct); }
        finally { folder.Delete(recursive: true); }
        await db.SaveChangesAsync(ct);
        log.LogInformation("Film of entry {Entry} got its judging copy", entry.Id);
        return ProcessFilmOutcome.Ready;
    }

    /// <summary>Stream copy when browsers play the picture as it is, so judges see exactly what was filmed; otherwise a transcode.</summary>
    private async Task<string> WriteJudgingCopyAsync(int entryId, string url, FilmProbe info, string folder, CancellationToken ct)
    {
        var copy = Path.Combine(folder, "judging.mp4");
        await probe.WriteJudgingCopyAsync(url, info.PlaysInBrowsers, copy, ct);
        return await StoreAsync(entryId, "judging.mp4", copy, "video/mp4", ct);
    }

    private static RuleViolation Refusal(NotAFilm why) => why switch
    {
        NotAFilm.NoVideoStream => new("Film", "The file has no video stream: it holds only sound. Please upload the film itself."),
        NotAFilm.StillImage => new("Film", "The file holds a single still picture, not a moving film."),
        _ => new("Film", "The file could not be read as a video. It may be damaged or not a video at all."),
    };

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
