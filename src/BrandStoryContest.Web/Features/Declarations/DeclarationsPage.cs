using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Declarations;

/// <summary>The organizer's declarations page: every version of every document, newest first, and how many entries signed each.</summary>
public sealed record SignedEntry(int Id, string? Number, string Title);

public sealed record DeclarationsView(Contest Contest, IReadOnlyList<Declaration> Versions, IReadOnlyDictionary<int, int> Signed,
    IReadOnlyList<SignedEntry> SignedEntries)
{
    public IReadOnlyList<Declaration> Current => DeclarationRules.Current(Versions);
}

public sealed record DeclarationsPageQuery(int ContestId) : IQuery<Result<DeclarationsView>>;

public sealed class DeclarationsPageHandler(ContestDb db, ICurrentUser user) : IQueryHandler<DeclarationsPageQuery, Result<DeclarationsView>>
{
    public async ValueTask<Result<DeclarationsView>> Handle(DeclarationsPageQuery query, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.ContestId, ct);
        if (contest is null || !user.CanManage(contest)) return Result.NotFound;
        var versions = await db.Declarations.AsNoTracking().Where(d => d.ContestId == contest.Id).ToListAsync(ct);
        var signed = await db.DeclarationAcceptances.Where(a => a.Declaration.ContestId == contest.Id)
            .GroupBy(a => a.DeclarationId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var entries = await db.Entries.AsNoTracking()
            .Where(e => e.ContestId == contest.Id && e.State == EntryState.Submitted && db.DeclarationAcceptances.Any(a => a.EntryId == e.Id))
            .OrderBy(e => e.Number).Select(e => new SignedEntry(e.Id, e.Number, e.Title)).ToListAsync(ct);
        return new DeclarationsView(contest, versions.OrderBy(d => d.Kind).ThenByDescending(d => d.Version).ToList(), signed, entries);
    }
}
