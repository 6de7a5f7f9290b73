using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Awards;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Results;

public sealed record PublicAward(int EntryId, int CategoryId, int TierId, string Title, string? Number, string EntrantName, CategoryKind Kind, bool HasPoster);

public sealed record ResultsView(Contest Contest, IReadOnlyList<Category> Categories, IReadOnlyList<AwardTier> Tiers,
    IReadOnlyList<PublicAward> Awards, IReadOnlyList<(PublicAward Entry, int Votes)> Popular);

/// <summary>
/// The announced results, from the publication time on (null before, like an unknown contest). Only entries
/// whose entrant consented to publication are listed.
/// </summary>
public sealed record ResultsQuery(int ContestId) : IQuery<Result<ResultsView>>;

public sealed class ResultsHandler(ContestDb db, TimeProvider clock) : IQueryHandler<ResultsQuery, Result<ResultsView>>
{
    public async ValueTask<Result<ResultsView>> Handle(ResultsQuery query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var contest = await db.Contests.AsNoTracking().Include(c => c.Categories).SingleOrDefaultAsync(c => c.Id == query.ContestId, ct);
        if (contest is null || !contest.ResultsVisible(now)) return Result.NotFound;
        var publicIds = db.PublicEntries(now).Where(e => e.ContestId == contest.Id).Select(e => e.Id);
        var awards = await db.Awards.AsNoTracking().Where(a => publicIds.Contains(a.EntryId))
            .Select(a => new PublicAward(a.EntryId, a.CategoryId, a.TierId, a.Entry.Title, a.Entry.Number, a.Entry.EntrantName ?? a.Entry.Entrant.RealName,
                a.Entry.Category.Kind, a.Entry.PosterBlob != null)).ToListAsync(ct);
        var categoryIds = contest.Categories.Select(c => c.Id).ToList();
        var tiers = await db.AwardTiers.AsNoTracking().Where(t => categoryIds.Contains(t.CategoryId)).OrderBy(t => t.IsSpecial).ThenBy(t => t.Order).ToListAsync(ct);
        var votes = await db.Votes.AsNoTracking().Where(v => publicIds.Contains(v.EntryId) && v.RoundId == null).GroupBy(v => v.EntryId)
            .Select(g => new { EntryId = g.Key, Count = g.Count() }).ToListAsync(ct);
        var popular = votes.OrderByDescending(v => v.Count).ThenBy(v => v.EntryId).Take(10)
            .Select(v => (awards.First(a => a.EntryId == v.EntryId), v.Count)).ToList();
        return new ResultsView(contest, contest.Categories.OrderBy(c => c.Id).ToList(), tiers, awards, popular);
    }
}
