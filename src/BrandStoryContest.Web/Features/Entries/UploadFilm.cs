using System.Buffers;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Media;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Storage;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.Extensions.Localization;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Entries;

// A film arrives in chunks staged as uncommitted blocks of one block blob. Storage, not server memory,
// remembers which chunks arrived, so a reload or a dropped connection resumes where it stopped and the
// server holds at most one chunk per request whatever the film's size.

// Posted as JSON by upload.js: every field may be missing from a hand-made request, and says so instead of defaulting.
public sealed record StartFilmUploadCommand(int EntryId, string? FileName, long? TotalBytes, long? LastModified) : ICommand<Result<FilmUploadStarted>>;

public sealed class StartFilmUploadValidator : AbstractValidator<StartFilmUploadCommand>
{
    public StartFilmUploadValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(c => c.FileName).NotEmpty().WithMessage(_ => L["The upload must name the file (at most 255 characters)."])
            .MaximumLength(255).WithMessage(_ => L["The upload must name the file (at most 255 characters)."]);
        RuleFor(c => c.TotalBytes).NotNull().WithMessage(_ => L["The upload must give the file's size."]);
    }
}

public sealed record FilmUploadStarted(string UploadId, int ChunkBytes, int ChunkCount, IReadOnlyList<int> Received);

public sealed class StartFilmUploadHandler(ContestDb db, ICurrentUser user, TimeProvider clock, IBlobStore blobs)
    : ICommandHandler<StartFilmUploadCommand, Result<FilmUploadStarted>>
{
    public const int ChunkBytes = 4 * 1024 * 1024;

    public async ValueTask<Result<FilmUploadStarted>> Handle(StartFilmUploadCommand cmd, CancellationToken ct)
    {
        var entry = await db.OwnEntryAsync(cmd.EntryId, user.Id, ct);
        // Refused, not "not found": upload.js shows the entrant the message (FilmSubmissionTests pins the 422 and its text).
        if (entry is null) return new RuleViolation("", "This entry does not exist.");
        if (EntryAccess.WhyLocked(entry, clock.GetUtcNow()) is { } locked) return locked;
        if (entry.Category.Kind != CategoryKind.Film) return new RuleViolation("Film", "This category takes stories, not films.");
        var totalBytes = cmd.TotalBytes!.Value;
        if (totalBytes > entry.Category.MaxFileBytes)
            return new RuleViolation("Film", "The file is {0} MB; at most {1} MB are allowed.", totalBytes / 1024 / 1024, entry.Category.MaxFileBytes / 1024 / 1024);
        if (totalBytes <= 0) return new RuleViolation("Film", "The file is empty.");
        var ext = FileNames.Extension(cmd.FileName!);
        if (!entry.Category.ContainerList.Contains(ext) && !(ext == "m4v" && entry.Category.ContainerList.Contains("mp4")))
            return new RuleViolation("Film", "The file is {0}; allowed formats are {1}.", ext.ToUpperInvariant(), entry.Category.AllowedContainers);

        var name = FileNames.Sanitize(cmd.FileName!, "film");
        var fingerprint = $"{name}|{totalBytes}|{cmd.LastModified ?? 0}";
        var upload = await db.FilmUploads.Where(u => u.EntryId == entry.Id && u.Fingerprint == fingerprint && u.CompletedAt == null)
            .OrderByDescending(u => u.StartedAt).FirstOrDefaultAsync(ct);
        if (upload is null)
        {
            var id = Guid.NewGuid().ToString("N");
            upload = new FilmUpload
            {
                Id = id, EntryId = entry.Id, BlobName = $"entries/{entry.Id}/film/{id}", FileName = name, Fingerprint = fingerprint,
                TotalBytes = totalBytes, ChunkBytes = ChunkBytes, StartedAt = clock.GetUtcNow(),
            };
            db.FilmUploads.Add(upload);
            await db.SaveChangesAsync(ct);
        }
        // A first film (or one replacing a rejected one) shows as Uploading; a ready film stays playable until its
        // replacement is checked. Only a display state: it leaves the form's version alone, and losing it to a
        // concurrent save costs nothing.
        if (entry.FilmStatus is FilmStatus.None or FilmStatus.Rejected)
        {
            entry.FilmStatus = FilmStatus.Uploading;
            try { await db.SaveChangesAsync(ct); }
            catch (DbUpdateConcurrencyException) { db.ChangeTracker.Clear(); }
        }
        var staged = await blobs.GetStagedBlockIdsAsync(upload.BlobName, ct);
        var received = Enumerable.Range(0, upload.ChunkCount).Where(i => staged.Contains(FilmUpload.BlockId(i))).ToList();
        return new FilmUploadStarted(upload.Id, upload.ChunkBytes, upload.ChunkCount, received);
    }
}

public sealed record UploadFilmChunkCommand(string UploadId, int Index, long? Length, Stream Body) : ICommand<Result<Result.Done>>;

public sealed class UploadFilmChunkHandler(ContestDb db, ICurrentUser user, TimeProvider clock, IBlobStore blobs)
    : ICommandHandler<UploadFilmChunkCommand, Result<Result.Done>>
{
    // A pool of its own, holding at most a few chunk buffers. ArrayPool.Shared keeps one array per thread that returned
    // one, and every thread-pool thread ends up holding a 4 MiB chunk: tens of MiB that the process never gives back.
    // Chunks beyond these in flight at once get a fresh array that the GC takes back afterwards.
    private static readonly ArrayPool<byte> Buffers = ArrayPool<byte>.Create(StartFilmUploadHandler.ChunkBytes, maxArraysPerBucket: 4);

    public async ValueTask<Result<Result.Done>> Handle(UploadFilmChunkCommand cmd, CancellationToken ct)
    {
        var open = await FilmUploads.OwnOpenUploadAsync(db, user, clock, cmd.UploadId, ct);
        if (!open.IsOk) return open.Map(_ => default(Result.Done));
        var (upload, entry) = open.Value;
        if (cmd.Index < 0 || cmd.Index >= upload.ChunkCount) return new RuleViolation("Film", "This chunk is not part of the upload.");
        var expected = upload.ChunkLength(cmd.Index);
        if (cmd.Length != expected) return new RuleViolation("Film", "Chunk {0} must be {1} bytes.", cmd.Index, expected);

        var buffer = Buffers.Rent((int)expected);
        try
        {
            var read = await cmd.Body.ReadAtLeastAsync(buffer.AsMemory(0, (int)expected), (int)expected, throwOnEndOfStream: false, ct);
            if (read != expected) return new RuleViolation("Film", "Chunk {0} arrived incomplete. It will be sent again.", cmd.Index);
            // The first bytes decide early whether this is a video at all, before gigabytes follow.
            if (cmd.Index == 0 && VideoSniffer.DetectContainer(buffer.AsSpan(0, (int)Math.Min(expected, 4096))) is null)
            {
                // Back to what the entry had before this upload started: nothing, or its earlier rejected film.
                if (entry.FilmStatus == FilmStatus.Uploading)
                {
                    entry.FilmStatus = entry.FilmBlob is null ? FilmStatus.None : FilmStatus.Rejected;
                    await db.SaveChangesAsync(ct);
                }
                return new RuleViolation("Film", "This file is not a video (checked by its content, not its name).");
            }
            await blobs.StageBlockAsync(upload.BlobName, FilmUpload.BlockId(cmd.Index), new MemoryStream(buffer, 0, (int)expected, false), ct);
            return Result.Ok();
        }
        finally { Buffers.Return(buffer); }
    }
}

public sealed record CompleteFilmUploadCommand(string UploadId) : ICommand<Result<Result.Done>>;

public sealed class CompleteFilmUploadHandler(ContestDb db, ICurrentUser user, TimeProvider clock, IBlobStore blobs, MediaQueue queue)
    : ICommandHandler<CompleteFilmUploadCommand, Result<Result.Done>>
{
    public async ValueTask<Result<Result.Done>> Handle(CompleteFilmUploadCommand cmd, CancellationToken ct)
    {
        var open = await FilmUploads.OwnOpenUploadAsync(db, user, clock, cmd.UploadId, ct);
        if (!open.IsOk) return open.Map(_ => default(Result.Done));
        var (upload, entry) = open.Value;
        var ids = Enumerable.Range(0, upload.ChunkCount).Select(FilmUpload.BlockId).ToList();
        var staged = (await blobs.GetStagedBlockIdsAsync(upload.BlobName, ct)).ToHashSet();
        var missing = Enumerable.Range(0, upload.ChunkCount).Where(i => !staged.Contains(ids[i])).ToList();
        if (missing.Count > 0) return new RuleViolation("Film", "{0} chunks have not arrived yet.", missing.Count);

        await blobs.CommitBlocksAsync(upload.BlobName, ids, "video/mp4", ct);
        var stored = await blobs.GetDetailsAsync(upload.BlobName, ct);
        if (stored?.Length != upload.TotalBytes) return new RuleViolation("Film", "The stored film has the wrong size. Please upload it again.");

        var now = clock.GetUtcNow();
        upload.CompletedAt = now;
        var previous = entry.FilmBlob;
        entry.FilmBlob = upload.BlobName;
        entry.FilmFileName = upload.FileName;
        entry.FilmBytes = upload.TotalBytes;
        entry.FilmStatus = FilmStatus.Processing;
        entry.FilmRejectionReason = null;
        entry.UpdatedAt = now;
        entry.Version++;
        await db.SaveChangesAsync(ct);
        // Saved first, queued second: a crash in between leaves an entry in Processing, which the worker re-queues at start-up.
        await queue.EnqueueAsync(new FilmJob(entry.Id, upload.BlobName), ct);
        if (previous is not null && previous != upload.BlobName) await blobs.DeleteAsync(previous, ct);
        return Result.Ok();
    }
}

internal static class FilmUploads
{
    public static async Task<Result<(FilmUpload Upload, Entry Entry)>> OwnOpenUploadAsync(
        ContestDb db, ICurrentUser user, TimeProvider clock, string uploadId, CancellationToken ct)
    {
        var upload = await db.FilmUploads.SingleOrDefaultAsync(u => u.Id == uploadId, ct);
        var entry = upload is null ? null : await db.OwnEntryAsync(upload.EntryId, user.Id, ct);
        // Refused, not "not found": upload.js shows the message, as for every other refused chunk (422, FilmSubmissionTests).
        if (upload is null || entry is null) return new RuleViolation("", "This upload does not exist.");
        if (upload.CompletedAt is not null) return new RuleViolation("Film", "This upload is already complete.");
        if (EntryAccess.WhyLocked(entry, clock.GetUtcNow()) is { } locked) return locked;
        return (upload, entry);
    }
}
