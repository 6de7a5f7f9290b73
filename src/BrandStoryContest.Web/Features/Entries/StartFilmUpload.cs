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
