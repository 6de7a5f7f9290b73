using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Awards;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Results;

public sealed record GalleryItem(int EntryId, string Title, string EntrantName, int CategoryId, CategoryKind Kind, bool HasPoster,
    IReadOnlyList<string> TiersZh, IReadOnlyList<string?> TiersEn, int Votes);

public sealed record GalleryView(Contest Contest, IReadOnlyList<Category> Categories, IReadOnlyList<GalleryItem> Items);

/// <summary>Awarded works whose entrants consented to publication, once results are out. Nothing else is ever listed.</summary>
public sealed record GalleryQuery(int ContestId) : IQuery<Result<GalleryView>>;

public sealed class GalleryHandler(ContestDb db, TimeProvider clock) : IQueryHandler<GalleryQuery, Result<GalleryView>>
{
    public async ValueTask<Result<GalleryView>> Handle(GalleryQuery query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var contest = await db.Contests.AsNoTracking().Include(c => c.Categories).SingleOrDefaultAsync(c => c.Id == query.ContestId, ct);
        if (contest is null || !contest.ResultsVisible(now)) return Result.NotFound;
        var rows = await db.PublicEntries(now).Where(e => e.ContestId == contest.Id).OrderBy(e => e.CategoryId).ThenBy(e => e.Number)
            .Select(e => new
            {
                e.Id, e.Title, RealName = e.EntrantName ?? e.Entrant.RealName, e.CategoryId, e.Category.Kind, HasPoster = e.PosterBlob != null || e.CoverBlob != null,
                Tiers = db.Awards.Where(a => a.EntryId == e.Id).OrderBy(a => a.Tier.IsSpecial).ThenBy(a => a.Tier.Order).Select(a => new { a.Tier.NameZh, a.Tier.NameEn }).ToList(),
                Votes = db.Votes.Count(v => v.EntryId == e.Id && v.RoundId == null),
            }).ToListAsync(ct);
        return new GalleryView(contest, contest.Categories.OrderBy(c => c.Id).ToList(), rows.Select(r => new GalleryItem(r.Id, r.Title, r.RealName,
            r.CategoryId, r.Kind, r.HasPoster, r.Tiers.Select(t => t.NameZh).ToList(), r.Tiers.Select(t => t.NameEn).ToList(), r.Votes)).ToList());
    }
}
