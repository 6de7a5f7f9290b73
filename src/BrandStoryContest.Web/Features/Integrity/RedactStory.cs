using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Integrity;

/// <summary>
/// The organizer keeps a redacted copy of a story that names its author; the original stays untouched
/// (it is what the entrant submitted), judges read the copy. An empty text removes the copy.
/// </summary>
public sealed record RedactStoryCommand(int EntryId, string? Text) : ICommand<Result<Result.Done>>;

public sealed class RedactStoryHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<RedactStoryCommand, Result<Result.Done>>
{
    public async ValueTask<Result<Result.Done>> Handle(RedactStoryCommand cmd, CancellationToken ct)
    {
        var entry = await db.Entries.Include(e => e.Contest).Include(e => e.Entrant).Include(e => e.Authors).SingleOrDefaultAsync(e => e.Id == cmd.EntryId, ct);
        if (entry is null || !user.CanManage(entry.Contest)) return Result.NotFound;
        var text = string.IsNullOrWhiteSpace(cmd.Text) ? null : cmd.Text.Replace("\r\n", "\n");
        if (text is not null && text.Length > Entries.SaveEntryHandler.MaxBodyChars)
            return new RuleViolation("Text", "The text is far longer than any category allows ({0} characters at most).", Entries.SaveEntryHandler.MaxBodyChars);
        // What identifying custom fields say about the author must be gone from the copy too.
        var identifying = text is null ? [] : await db.EntryFieldAnswers.AsNoTracking()
            .Where(a => a.EntryId == entry.Id && a.Field.Identifying && a.Field.Kind != FieldKind.File).Select(a => a.Value).ToListAsync(ct);
        if (text is not null && BlindLeaks.Find(text, [entry.NameOfRecord, .. entry.Authors.Select(a => a.Name)],
                [entry.OrganizationOfRecord, .. entry.Authors.Select(a => a.Organization)], identifying).Count > 0)
            return new RuleViolation("Text", "The redacted copy still names the author or their organization.");
        db.Record(clock, user.RequiredId(), "RedactStory", "Entry", entry.Id, entry.RedactedBody is null ? null : "redacted", text is null ? null : "redacted");
        entry.RedactedBody = text;
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
