using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Awards;

public sealed record AwardLine(int AwardId, int EntryId, string? EntryNumber, string Title, string EntrantName, int TierId, int? Rank,
    bool IsManual, string? Reason, bool ConsentsToPublication, string? CertificateNumber, bool CertificateRevoked, int Votes,
    bool CertificatePerPerson = false, int TeamSize = 1);

public sealed record TieLine(AwardTie Tie, IReadOnlyList<(int EntryId, string? Number, string Title)> Entries);

public sealed record CategoryAwards(Category Category, IReadOnlyList<AwardTier> Tiers, IReadOnlyList<AwardLine> Awards,
    IReadOnlyList<TieLine> Ties, IReadOnlyList<(int Id, string? Number, string Title)> Entries, bool HasFinalizedRound);

public sealed record AwardsPageView(Contest Contest, IReadOnlyList<CategoryAwards> Categories, CertificateProgress? Progress, int PendingObjections = 0);

public sealed record AwardsPageQuery(int ContestId) : IQuery<Result<AwardsPageView>>;

public sealed class AwardsPageHandler(ContestDb db, ICurrentUser user) : IQueryHandler<AwardsPageQuery, Result<AwardsPageView>>
{
    public async ValueTask<Result<AwardsPageView>> Handle(AwardsPageQuery query, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().Include(c => c.Categories).SingleOrDefaultAsync(c => c.Id == query.ContestId, ct);
        if (contest is null || !user.CanManage(contest)) return Result.NotFound;
        var ids = contest.Categories.Select(c => c.Id).ToList();
        var tiers = await db.AwardTiers.AsNoTracking().Where(t => ids.Contains(t.CategoryId)).OrderBy(t => t.Order).ThenBy(t => t.Id).ToListAsync(ct);
        var awards = await db.Awards.AsNoTracking().Where(a => ids.Contains(a.CategoryId))
            .Select(a => new
            {
                a.CategoryId, Line = new AwardLine(a.Id, a.EntryId, a.Entry.Number, a.Entry.Title, a.Entry.Entrant.RealName, a.TierId, a.Rank,
                    a.IsManual, a.Reason, a.Entry.ConsentsToPublication,
                    db.Certificates.Where(c => c.AwardId == a.Id).OrderBy(c => c.Holder).Select(c => c.Number).FirstOrDefault(),
                    db.Certificates.Any(c => c.AwardId == a.Id && c.RevokedAt != null),
                    db.Votes.Count(v => v.EntryId == a.EntryId && v.RoundId == null),
                    a.CertificatePerPerson, 1 + a.Entry.Authors.Count),
            }).ToListAsync(ct);
        var ties = await db.AwardTies.AsNoTracking().Include(t => t.Tier).Where(t => ids.Contains(t.CategoryId)).ToListAsync(ct);
        var entries = await db.Entries.AsNoTracking().Where(e => ids.Contains(e.CategoryId) && e.State == EntryState.Submitted)
            .OrderBy(e => e.Number).Select(e => new { e.Id, e.CategoryId, e.Number, e.Title }).ToListAsync(ct);
        var finalized = await db.Rounds.Where(r => ids.Contains(r.CategoryId) && r.State == RoundState.Finalized).Select(r => r.CategoryId).Distinct().ToListAsync(ct);
        var byId = entries.ToDictionary(e => e.Id);
        var categories = contest.Categories.OrderBy(c => c.Id).Select(c => new CategoryAwards(c,
            tiers.Where(t => t.CategoryId == c.Id).ToList(),
            awards.Where(a => a.CategoryId == c.Id).Select(a => a.Line).OrderBy(a => a.Rank ?? int.MaxValue).ThenBy(a => a.EntryId).ToList(),
            ties.Where(t => t.CategoryId == c.Id).Select(t => new TieLine(t, t.EntryIdList.Select(id => byId.TryGetValue(id, out var e)
                ? (id, e.Number, e.Title) : (id, (string?)null, "")).ToList())).ToList(),
            entries.Where(e => e.CategoryId == c.Id).Select(e => (e.Id, e.Number, e.Title)).ToList(),
            finalized.Contains(c.Id))).ToList();
        var job = await db.CertificateJobs.AsNoTracking().Where(j => j.ContestId == contest.Id).OrderByDescending(j => j.Id).FirstOrDefaultAsync(ct);
        var pending = await db.Objections.CountAsync(o => o.ContestId == contest.Id && o.State == ObjectionState.Pending, ct);
        return new AwardsPageView(contest, categories,
            job is null ? null : new CertificateProgress(job.Id, job.State.ToString(), job.Done, job.Total, job.Error), pending);
    }
}
