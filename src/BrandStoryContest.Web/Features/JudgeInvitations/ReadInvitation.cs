using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.JudgeInvitations;

/// <summary>The invitation page: which contest, and, before anyone clicks, whether the signed-in account may accept it.</summary>
public sealed record InvitationView(string Token, string ContestTitleZh, string? ContestTitleEn, DateTimeOffset ExpiresAt, string TimeZoneId,
    RuleViolation? Refusal);

public sealed record ReadInvitationQuery(string Token) : IQuery<Result<InvitationView>>;

public sealed class ReadInvitationHandler(ContestDb db, UserManager<Account> users, ICurrentUser user, TimeProvider clock)
    : IQueryHandler<ReadInvitationQuery, Result<InvitationView>>
{
    public async ValueTask<Result<InvitationView>> Handle(ReadInvitationQuery query, CancellationToken ct)
    {
        var invitation = await db.JudgeInvitations.AsNoTracking().Include(i => i.Contest).SingleOrDefaultAsync(i => i.Token == (query.Token ?? ""), ct);
        if (invitation is null) return Result.NotFound;
        var account = await users.FindByIdAsync(user.RequiredId());
        return new InvitationView(invitation.Token, invitation.Contest.TitleZh, invitation.Contest.TitleEn, invitation.ExpiresAt, invitation.Contest.TimeZoneId,
            invitation.WhyNotFor(account?.Email, clock.GetUtcNow(), invitation.Contest.TimeZoneId));
    }
}
