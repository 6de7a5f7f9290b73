using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Divisions;

public static class DivisionAccess
{
    /// <summary>
    /// The division whose own contest the caller runs (its organizer, or an admin); otherwise null ("not found").
    /// Running the final does not make one a division's organizer: the final's organizer reads the dashboard only.
    /// </summary>
    public static async Task<Division?> ManagedDivisionAsync(this ContestDb db, ICurrentUser user, int divisionContestId, CancellationToken ct)
    {
        var division = await db.Divisions.Include(d => d.Contest).Include(d => d.Final).Include(d => d.Quotas)
            .SingleOrDefaultAsync(d => d.ContestId == divisionContestId, ct);
        return division is not null && user.CanManage(division.Contest) ? division : null;
    }

    /// <summary>The final the caller runs; a contest that is itself a division is not a final.</summary>
    public static async Task<Contest?> ManagedFinalAsync(this ContestDb db, ICurrentUser user, int finalId, CancellationToken ct)
    {
        var final = await db.Contests.Include(c => c.Categories).SingleOrDefaultAsync(c => c.Id == finalId, ct);
        if (final is null || !user.CanManage(final)) return null;
        return await db.Divisions.AnyAsync(d => d.ContestId == finalId, ct) ? null : final;
    }
}
