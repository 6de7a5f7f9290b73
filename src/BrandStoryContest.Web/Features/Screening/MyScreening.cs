using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Screening;

public sealed record ScreenedContest(int Id, string TitleZh, string? TitleEn, int Submitted, int Returned);

public sealed record MyScreeningQuery : IQuery<Result<IReadOnlyList<ScreenedContest>>>;

/// <summary>The contests the signed-in person was named to screen.</summary>
public sealed class MyScreeningHandler(ContestDb db, ICurrentUser user) : IQueryHandler<MyScreeningQuery, Result<IReadOnlyList<ScreenedContest>>>
{
    public async ValueTask<Result<IReadOnlyList<ScreenedContest>>> Handle(MyScreeningQuery q, CancellationToken ct)
    {
        var me = user.RequiredId();
        var ids = db.ContestScreeners.Where(s => s.ScreenerId == me).Select(s => s.ContestId);
        var contests = await db.Contests.AsNoTracking().Where(c => ids.Contains(c.Id)).OrderByDescending(c => c.Id)
            .Select(c => new ScreenedContest(c.Id, c.TitleZh, c.TitleEn,
                db.Entries.Count(e => e.ContestId == c.Id && e.State == EntryState.Submitted),
                db.Entries.Count(e => e.ContestId == c.Id && e.State == EntryState.Returned))).ToListAsync(ct);
        return Result.Ok<IReadOnlyList<ScreenedContest>>(contests);
    }
}
