using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Storage;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Entries;

/// <summary>The file answer of a custom file field: sniffed by its content like attachments, never trusted by name or type.</summary>
public sealed record AttachFieldFileCommand(int EntryId, int FieldId, string FileName, long Length, Stream Content) : ICommand<Result<Result.Done>>;

public sealed class AttachFieldFileHandler(ContestDb db, ICurrentUser user, TimeProvider clock, IBlobStore blobs)
    : ICommandHandler<AttachFieldFileCommand, Result<Result.Done>>
{
    public async ValueTask<Result<Result.Done>> Handle(AttachFieldFileCommand cmd, CancellationToken ct)
    {
        var entry = await db.OwnEntryAsync(cmd.EntryId, user.Id, ct);
        if (entry is null) return Result.NotFound;
        var field = await db.CategoryFields.SingleOrDefaultAsync(f => f.Id == cmd.FieldId && f.CategoryId == entry.CategoryId && !f.Archived && f.Kind == FieldKind.File, ct);
        if (field is null) return Result.NotFound;
        if (EntryAccess.WhyLocked(entry, clock.GetUtcNow()) is { } locked) return locked;
        var label = field.Label(ReaderLanguage.Current);
        if (cmd.Length <= 0) return new RuleViolation($"Field{field.Id}", "{0}: the file is empty.", label);
        if (cmd.Length > FieldRules.MaxFileBytes)
            return new RuleViolation($"Field{field.Id}", "{0}: the file is {1} MB; at most {2} MB are allowed.", label, Mb(cmd.Length), Mb(FieldRules.MaxFileBytes));
        var type = DocumentSniffer.Detect(cmd.Content);
        if (type is null || !FieldRules.FileTypes.Contains(type))
            return new RuleViolation($"Field{field.Id}", "{0}: the file is not a PDF or Word (docx) document (checked by its content, not its name).", label);

        var answer = await db.EntryFieldAnswers.SingleOrDefaultAsync(a => a.EntryId == entry.Id && a.FieldId == field.Id, ct);
        var old = answer?.BlobName;
        if (answer is null) db.EntryFieldAnswers.Add(answer = new EntryFieldAnswer { EntryId = entry.Id, FieldId = field.Id });
        answer.BlobName = $"entries/{entry.Id}/field-{field.Id}-{Guid.NewGuid().ToString("N")[..12]}.{type}";
        answer.Value = Path.ChangeExtension(FileNames.Sanitize(cmd.FileName, "file"), type);
        await blobs.UploadAsync(answer.BlobName, cmd.Content, ContentTypes.Of(answer.BlobName), ct);
        entry.UpdatedAt = clock.GetUtcNow();
        entry.Version++;
        await db.SaveChangesAsync(ct);
        // As with attachments: the old blob goes only once nothing points at it; a crash leaves an orphan for the sweeper.
        if (old is not null) await blobs.DeleteAsync(old, ct);
        return Result.Ok();
    }

    private static string Mb(long bytes) => (bytes / 1024.0 / 1024.0).ToString("0.#");
}
