using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Entries;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Organizations;

/// <summary>The entrant sends their draft on behalf of one of the contest's units, or (null) on their own.</summary>
public sealed record SetEntryOrganizationCommand(int EntryId, int? OrganizationId) : ICommand<Result<Result.Done>>;

public sealed class SetEntryOrganizationHandler(ContestDb db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<SetEntryOrganizationCommand, Result<Result.Done>>
{
    public async ValueTask<Result<Result.Done>> Handle(SetEntryOrganizationCommand cmd, CancellationToken ct)
    {
        var entry = await db.OwnEntryAsync(cmd.EntryId, user.Id, ct);
        if (entry is null) return Result.NotFound;
        var now = clock.GetUtcNow();
        if (EntryAccess.WhyLocked(entry, now) is { } locked) return locked;
        // The organization of record is fixed at submission (conflicts and the leak check rest on it), so is the unit.
        if (entry.State != EntryState.Draft) return new RuleViolation("", "The organization is fixed once the entry is submitted.");
        string? name = null;
        if (cmd.OrganizationId is { } id)
        {
            name = await db.Organizations.Where(o => o.Id == id && o.ContestId == entry.ContestId).Select(o => o.Name).SingleOrDefaultAsync(ct);
            if (name is null) return new RuleViolation("", "Choose one of the organizations registered for this contest.");
        }
        if (entry.OrganizationId == cmd.OrganizationId) return Result.Ok();
        var before = await EntryOrganization.NameAsync(db, entry.OrganizationId, ct);
        entry.OrganizationId = cmd.OrganizationId;
        // Version is left alone: the unit is its own small form, and an open edit form of the text stays valid.
        entry.UpdatedAt = now;
        db.Record(clock, user.RequiredId(), "SetEntryOrganization", "Entry", entry.Id, before, name);
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
