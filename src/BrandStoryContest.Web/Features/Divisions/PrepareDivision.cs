using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Divisions;

/// <summary>The empty form for a final the caller runs.</summary>
public sealed record PrepareDivisionQuery(int FinalId) : IQuery<Result<CreateDivisionCommand>>;

public sealed class PrepareDivisionHandler(ContestDb db, ICurrentUser user) : IQueryHandler<PrepareDivisionQuery, Result<CreateDivisionCommand>>
{
    public async ValueTask<Result<CreateDivisionCommand>> Handle(PrepareDivisionQuery query, CancellationToken ct)
    {
        var final = await db.ManagedFinalAsync(user, query.FinalId, ct);
        if (final is null) return Result.NotFound;
        DateTime Local(DateTimeOffset t) => ContestTime.ToLocal(t, final.TimeZoneId).DateTime;
        return new CreateDivisionCommand { FinalId = final.Id, SubmissionOpensAt = Local(final.SubmissionOpensAt), SubmissionClosesAt = Local(final.SubmissionClosesAt) };
    }
}
