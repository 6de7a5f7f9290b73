using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Contests;

public sealed record EditContestQuery(int Id) : IQuery<Result<SaveContestCommand>>;

public sealed class EditContestHandler(ContestDb db, ICurrentUser user) : IQueryHandler<EditContestQuery, Result<SaveContestCommand>>
{
    public async ValueTask<Result<SaveContestCommand>> Handle(EditContestQuery query, CancellationToken ct)
    {
        var c = await db.Contests.AsNoTracking().SingleOrDefaultAsync(x => x.Id == query.Id, ct);
        if (c is null || !user.CanManage(c)) return Result.NotFound;
        DateTime Local(DateTimeOffset t) => ContestTime.ToLocal(t, c.TimeZoneId).DateTime;
        return new SaveContestCommand
        {
            Id = c.Id, Code = c.Code, TitleZh = c.TitleZh, TitleEn = c.TitleEn, DescriptionZh = c.DescriptionZh, DescriptionEn = c.DescriptionEn,
            Theme = c.Theme, OrganizerName = c.OrganizerName, TimeZoneId = c.TimeZoneId, IsPublic = c.IsPublic, ReminderHours = c.ReminderHours,
            SubmissionOpensAt = Local(c.SubmissionOpensAt), SubmissionClosesAt = Local(c.SubmissionClosesAt),
            JudgingStartsAt = c.JudgingStartsAt is { } js ? Local(js) : null, JudgingEndsAt = c.JudgingEndsAt is { } je ? Local(je) : null,
        };
    }
}
