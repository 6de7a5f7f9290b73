using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Entries;

/// <summary>The entry page: the form filled from the stored entry, and what the page shows around it.</summary>
public sealed record EntryContext(Entry Entry, Contest Contest, Category Category, RuleViolation? Locked)
{
    /// <summary>The contest's declaration documents in their current versions; empty for a contest with only the fixed checkboxes.</summary>
    public IReadOnlyList<Declarations.DeclarationOnForm> Declarations { get; init; } = [];
}

/// <param name="Fields">The category's active custom fields in order; the entry's answers (files too) are on <c>Context.Entry.FieldAnswers</c>.</param>
public sealed record EntryEditView(SaveEntryCommand Form, EntryContext Context, IReadOnlyList<CategoryField>? Fields = null);

public sealed record EditEntryQuery(int EntryId) : IQuery<Result<EntryEditView>>;

public sealed class EditEntryHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : IQueryHandler<EditEntryQuery, Result<EntryEditView>>
{
    public async ValueTask<Result<EntryEditView>> Handle(EditEntryQuery query, CancellationToken ct)
    {
        var entry = await db.OwnEntryAsync(query.EntryId, user.Id, ct);
        if (entry is null) return Result.NotFound;
        var form = new SaveEntryCommand
        {
            EntryId = entry.Id, Version = entry.Version, Title = entry.Title, Body = entry.Body, Synopsis = entry.Synopsis,
            Director = entry.Director, Credits = entry.Credits, BrandFeatured = entry.BrandFeatured,
            PledgedOriginality = entry.PledgedOriginality, DeclaredRights = entry.DeclaredRights,
            ConsentsToPublication = entry.ConsentsToPublication,
        };
        var declarations = await Declarations.EntryDeclarations.OnFormAsync(db, entry, ct);
        form.AcceptedDeclarations = declarations.Where(d => d.Accepted).Select(d => d.Current.Id).ToList();
        // Tracked, so the answers land on entry.FieldAnswers for the page.
        var fields = await db.ActiveFieldsAsync(entry.CategoryId, ct);
        form.Fields = EntryFields.ToInputs(fields, await db.EntryFieldAnswers.Where(a => a.EntryId == entry.Id).ToListAsync(ct));
        return new EntryEditView(form, new EntryContext(entry, entry.Contest, entry.Category, EntryAccess.WhyLocked(entry, clock.GetUtcNow()))
            { Declarations = declarations }, fields);
    }
}

