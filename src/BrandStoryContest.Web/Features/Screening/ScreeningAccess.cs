using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Screening;

/// <summary>
/// The one reach rule of screening: the contest's organizer (or an admin), or a screener the organizer named for that
/// contest. Every screening handler asks it; a contest one may not screen is "not found".
/// </summary>
public static class ScreeningAccess
{
    public static async Task<bool> CanScreenAsync(this ContestDb db, ICurrentUser user, Contest contest, CancellationToken ct) =>
        user.CanManage(contest)
        || (user.Id is { } me && await db.ContestScreeners.AnyAsync(s => s.ContestId == contest.Id && s.ScreenerId == me, ct));

    /// <summary>Entries a screener deals with: submitted ones and those already returned. Drafts stay the entrant's business.</summary>
    public static IQueryable<Entry> Screenable(this IQueryable<Entry> entries, int contestId) =>
        entries.Where(e => e.ContestId == contestId && (e.State == EntryState.Submitted || e.State == EntryState.Returned));
}
