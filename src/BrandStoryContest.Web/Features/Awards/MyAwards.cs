using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Awards;

public sealed record MyAward(int EntryId, string TierZh, string? TierEn, string? CertificateNumber, bool Revoked);

/// <summary>The signed-in entrant's awards, once the contest's results are out, with their certificate numbers.</summary>
public sealed record MyAwardsQuery : IQuery<Result<IReadOnlyList<MyAward>>>;

public sealed class MyAwardsHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : IQueryHandler<MyAwardsQuery, Result<IReadOnlyList<MyAward>>>
{
    public async ValueTask<Result<IReadOnlyList<MyAward>>> Handle(MyAwardsQuery query, CancellationToken ct)
    {
        var me = user.RequiredId();
        var now = clock.GetUtcNow();
        return Result.Ok<IReadOnlyList<MyAward>>(await db.Awards.AsNoTracking()
            .Where(a => a.Entry.EntrantId == me && a.Entry.Contest.ResultsPublishedAt != null && a.Entry.Contest.ResultsPublishAt <= now)
            .Select(a => new MyAward(a.EntryId, a.Tier.NameZh, a.Tier.NameEn,
                // Holder 0: the team's certificate, or the entrant's own when the award gives one each.
                db.Certificates.Where(c => c.AwardId == a.Id && c.Holder == 0).Select(c => c.Number).FirstOrDefault(),
                db.Certificates.Any(c => c.AwardId == a.Id && c.Holder == 0 && c.RevokedAt != null)))
            .ToListAsync(ct));
    }
}
