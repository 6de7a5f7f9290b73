using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Contests;

/// <summary>One field of the entry's form with its answer: unmasked, as only the contest's organizer reads it here.</summary>
public sealed record AnswerRow(CategoryField Field, string? Value, bool HasFile);

public sealed record EntryAnswersView(Entry Entry, IReadOnlyList<AnswerRow> Answers);

public sealed record EntryAnswersQuery(int EntryId) : IQuery<Result<EntryAnswersView>>;

/// <summary>
/// The organizer's view of an entry's custom fields: every field of the category, active ones in order, then archived
/// ones that this entry answered (marked archived). ID and phone numbers in full: the organizer needs them.
/// </summary>
public sealed class EntryAnswersHandler(ContestDb db, ICurrentUser user) : IQueryHandler<EntryAnswersQuery, Result<EntryAnswersView>>
{
    public async ValueTask<Result<EntryAnswersView>> Handle(EntryAnswersQuery query, CancellationToken ct)
    {
        var entry = await db.Entries.AsNoTracking().Include(e => e.Contest).Include(e => e.Category).Include(e => e.FieldAnswers)
            .SingleOrDefaultAsync(e => e.Id == query.EntryId, ct);
        // Drafts are the entrant's own business, as on the entry list.
        if (entry is null || entry.State == EntryState.Draft || !user.CanManage(entry.Contest)) return Result.NotFound;
        var fields = await db.CategoryFields.AsNoTracking().Where(f => f.CategoryId == entry.CategoryId).ToListAsync(ct);
        var rows = fields
            .Select(f => (Field: f, Answer: entry.FieldAnswers.FirstOrDefault(a => a.FieldId == f.Id)))
            .Where(x => !x.Field.Archived || x.Answer is not null)
            .OrderBy(x => x.Field.Archived).ThenBy(x => x.Field.Order)
            .Select(x => new AnswerRow(x.Field, x.Answer?.Value, x.Answer?.BlobName is not null)).ToList();
        return new EntryAnswersView(entry, rows);
    }
}
