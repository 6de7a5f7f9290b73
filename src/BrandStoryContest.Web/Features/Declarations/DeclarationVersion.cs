using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Declarations;

/// <summary>One version as it was published, for the organizer (older versions stay readable).</summary>
public sealed record DeclarationVersionQuery(int DeclarationId) : IQuery<Result<DeclarationVersionView>>;

public sealed record DeclarationVersionView(Contest Contest, Declaration Declaration);

public sealed class DeclarationVersionHandler(ContestDb db, ICurrentUser user) : IQueryHandler<DeclarationVersionQuery, Result<DeclarationVersionView>>
{
    public async ValueTask<Result<DeclarationVersionView>> Handle(DeclarationVersionQuery query, CancellationToken ct)
    {
        var declaration = await db.Declarations.AsNoTracking().SingleOrDefaultAsync(d => d.Id == query.DeclarationId, ct);
        if (declaration is null) return Result.NotFound;
        var contest = await db.Contests.AsNoTracking().SingleAsync(c => c.Id == declaration.ContestId, ct);
        if (!user.CanManage(contest)) return Result.NotFound;
        return new DeclarationVersionView(contest, declaration);
    }
}
