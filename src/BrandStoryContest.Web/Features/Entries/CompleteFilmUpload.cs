using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Media;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Storage;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Entries;

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
