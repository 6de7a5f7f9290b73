using System.Buffers;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Media;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Storage;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Entries;

// The middle step of the chunked film upload (StartFilmUpload, UploadFilmChunk, CompleteFilmUpload); FilmUploads below
// holds what the three share.

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
