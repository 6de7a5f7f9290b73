using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Contests;

public sealed record ContestCard(int Id, string Code, string TitleZh, string? TitleEn, string OrganizerName, string TimeZoneId,
    DateTimeOffset OpensAt, DateTimeOffset ClosesAt, bool IsPublic, bool CanManage, int EntryCount);

/// <summary>Public contests for everyone, plus the organizer's own unlisted ones.</summary>
public sealed record ListContestsQuery : IQuery<Result<IReadOnlyList<ContestCard>>>;

public sealed class ListContestsHandler(ContestDb db, ICurrentUser user) : IQueryHandler<ListContestsQuery, Result<IReadOnlyList<ContestCard>>>
{
    public async ValueTask<Result<IReadOnlyList<ContestCard>>> Handle(ListContestsQuery query, CancellationToken ct)
    {
        var admin = user.IsAdmin();
        var me = user.Id;
        var judgeOf = me is null ? [] : await db.ContestJudges.Where(j => j.JudgeId == me).Select(j => j.ContestId).ToListAsync(ct);
        var contests = await db.Contests.AsNoTracking()
            .Where(c => c.IsPublic || admin || c.OwnerId == me || judgeOf.Contains(c.Id))
            .OrderByDescending(c => c.SubmissionClosesAt)
            .Select(c => new
            {
                Contest = c,
                Entries = db.Entries.Count(e => e.ContestId == c.Id && e.State == EntryState.Submitted),
            })
            .ToListAsync(ct);
        return Result.Ok<IReadOnlyList<ContestCard>>(contests.Select(x => new ContestCard(x.Contest.Id, x.Contest.Code, x.Contest.TitleZh, x.Contest.TitleEn,
            x.Contest.OrganizerName, x.Contest.TimeZoneId, x.Contest.SubmissionOpensAt, x.Contest.SubmissionClosesAt,
            x.Contest.IsPublic, user.CanManage(x.Contest), x.Entries)).ToList());
    }
}
