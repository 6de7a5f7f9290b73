using System.Globalization;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Contests;

/// <summary>An export of the filtered entries: the rows are read one by one while the file is written.</summary>
/// <param name="Fields">One column each, archived fields too (marked), so no answer is left out of the file.</param>
public sealed record EntriesExport(Contest Contest, IAsyncEnumerable<EntryListRow> Rows, IReadOnlyList<ExportField>? Fields = null);

public sealed record ExportField(int Id, string CategoryCode, string Label, bool Archived);

public sealed record ExportEntriesQuery(int ContestId, EntryFilter Filter) : IQuery<Result<EntriesExport>>;

public sealed class ExportEntriesHandler(ContestDb db, ICurrentUser user) : IQueryHandler<ExportEntriesQuery, Result<EntriesExport>>
{
    public async ValueTask<Result<EntriesExport>> Handle(ExportEntriesQuery q, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == q.ContestId, ct);
        if (contest is null || !user.CanManage(contest)) return Result.NotFound;
        var fields = await db.CategoryFields.AsNoTracking().Where(f => f.Category.ContestId == contest.Id && (q.Filter.CategoryId == null || f.CategoryId == q.Filter.CategoryId))
            .OrderBy(f => f.Category.Code).ThenBy(f => f.Archived).ThenBy(f => f.Order)
            .Select(f => new ExportField(f.Id, f.Category.Code, f.LabelZh, f.Archived)).ToListAsync(ct);
        return new EntriesExport(contest, ToRows(EntryList.Rows(db, contest.Id, q.Filter).AsAsyncEnumerable()), fields);

        static async IAsyncEnumerable<EntryListRow> ToRows(IAsyncEnumerable<EntryListData> rows)
        {
            await foreach (var r in rows) yield return r.ToRow();
        }
    }
}
