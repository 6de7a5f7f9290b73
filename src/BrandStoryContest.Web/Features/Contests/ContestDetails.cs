using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Contests;

public sealed record CategorySummary(Category Category, int SubmittedEntries);

/// <summary>A round whose entries the public may vote on right now.</summary>
public sealed record OpenPublicVote(int RoundId, string RoundName, string CategoryNameZh, string? CategoryNameEn, DateTimeOffset ClosesAt);

public sealed record ContestView(Contest Contest, IReadOnlyList<CategorySummary> Categories, bool CanManage, bool IsOpen,
    IReadOnlyList<string> JudgeNames, IReadOnlyList<OpenPublicVote> OpenVotes);

public sealed record ContestDetailsQuery(int Id) : IQuery<Result<ContestView>>;

public sealed class ContestDetailsHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : IQueryHandler<ContestDetailsQuery, Result<ContestView>>
{
    public async ValueTask<Result<ContestView>> Handle(ContestDetailsQuery query, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().Include(c => c.Categories).SingleOrDefaultAsync(c => c.Id == query.Id, ct);
        if (contest is null) return Result.NotFound;
        var canManage = user.CanManage(contest);
        // Unlisted contests are reachable by link, like a draft call shared with the jury.
        var counts = await db.Entries.Where(e => e.ContestId == contest.Id && e.State == EntryState.Submitted)
            .GroupBy(e => e.CategoryId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var judges = canManage
            ? await db.ContestJudges.Where(j => j.ContestId == contest.Id).Select(j => j.Judge.RealName).ToListAsync(ct)
            : [];
        var now = clock.GetUtcNow();
        var votes = await db.Rounds.Where(r => r.Category.ContestId == contest.Id).Where(Round.PublicVotingOpenAt(now))
            .OrderBy(r => r.VotingClosesAt)
            .Select(r => new OpenPublicVote(r.Id, r.Name, r.Category.NameZh, r.Category.NameEn, r.VotingClosesAt!.Value)).ToListAsync(ct);
        return new ContestView(contest,
            contest.Categories.OrderBy(c => c.Id).Select(c => new CategorySummary(c, counts.FirstOrDefault(x => x.Key == c.Id)?.Count ?? 0)).ToList(),
            canManage, contest.IsOpenForSubmissions(now), judges, votes);
    }
}
