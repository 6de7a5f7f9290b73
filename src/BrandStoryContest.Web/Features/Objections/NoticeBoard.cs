using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Objections;

/// <summary><see cref="IsMine"/>: the caller's own entry, which they cannot object to.</summary>
public sealed record ProposedWinner(int EntryId, int CategoryId, int TierId, string Title, string? Number, string EntrantName, string? Organization, bool IsMine);

public sealed record MyObjection(int EntryId, string Title, string Reason, ObjectionState State, string? Decision, DateTimeOffset FiledAt);

public sealed record NoticeBoardView(Contest Contest, IReadOnlyList<Category> Categories, IReadOnlyList<AwardTier> Tiers,
    IReadOnlyList<ProposedWinner> Winners, IReadOnlyList<MyObjection> Mine, bool AcceptsObjections);

/// <summary>
/// The public notice (公示): every proposed winner with name and organization, consent to publication or not,
/// because a winner left off the notice could not be objected to. The works themselves stay private. Shown
/// from the opening of the notice period on; unknown before, like a contest that does not exist.
/// </summary>
public sealed record NoticeBoardQuery(int ContestId) : IQuery<Result<NoticeBoardView>>;

public sealed class NoticeBoardHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : IQueryHandler<NoticeBoardQuery, Result<NoticeBoardView>>
{
    public async ValueTask<Result<NoticeBoardView>> Handle(NoticeBoardQuery query, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().Include(c => c.Categories).SingleOrDefaultAsync(c => c.Id == query.ContestId, ct);
        if (contest is null || contest.NoticeStartedAt is null) return Result.NotFound;
        var categoryIds = contest.Categories.Select(c => c.Id).ToList();
        var tiers = await db.AwardTiers.AsNoTracking().Where(t => categoryIds.Contains(t.CategoryId))
            .OrderBy(t => t.IsSpecial).ThenBy(t => t.Order).ThenBy(t => t.Id).ToListAsync(ct);
        var me = user.Id;
        var winners = await db.Awards.AsNoTracking().Where(a => categoryIds.Contains(a.CategoryId) && a.Entry.State == EntryState.Submitted)
            .OrderBy(a => a.Rank ?? int.MaxValue).ThenBy(a => a.EntryId)
            .Select(a => new ProposedWinner(a.EntryId, a.CategoryId, a.TierId, a.Entry.Title, a.Entry.Number, a.Entry.EntrantName ?? a.Entry.Entrant.RealName,
                a.Entry.EntrantName != null ? a.Entry.EntrantOrganization : a.Entry.Entrant.Organization,
                a.Entry.EntrantId == me))
            .ToListAsync(ct);
        IReadOnlyList<MyObjection> mine = [];
        if (me is not null)
            mine = await db.Objections.AsNoTracking().Where(o => o.ContestId == contest.Id && o.FiledById == me).OrderBy(o => o.Id)
                .Select(o => new MyObjection(o.EntryId, o.Entry.Title, o.Reason, o.State, o.Decision, o.FiledAt)).ToListAsync(ct);
        return new NoticeBoardView(contest, contest.Categories.OrderBy(c => c.Id).ToList(), tiers, winners, mine,
            contest.AcceptsObjections(clock.GetUtcNow()));
    }
}
