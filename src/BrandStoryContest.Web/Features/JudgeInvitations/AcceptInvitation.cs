using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.JudgeInvitations;

/// <summary>Answers the id of the contest the person now judges. A refusal leaves the invitation as it was, so the
/// invited judge can still use it; the invitation page (<see cref="ReadInvitationQuery"/>) then says why.</summary>
public sealed record AcceptInvitationCommand(string Token) : ICommand<Result<int>>;

/// <summary>
/// Makes the signed-in person a judge of the inviting contest: only the account of the invited email, once, before
/// the invitation expires. The "once" holds under two clicks at the same moment: the invitation is taken by one
/// conditional update, and only the request that changed the row goes on.
/// </summary>
public sealed class AcceptInvitationHandler(ContestDb db, UserManager<Account> users, SignInManager<Account> signIn,
    ICurrentUser user, TimeProvider clock) : ICommandHandler<AcceptInvitationCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(AcceptInvitationCommand cmd, CancellationToken ct)
    {
        var invitation = await db.JudgeInvitations.AsNoTracking().Include(i => i.Contest).SingleOrDefaultAsync(i => i.Token == (cmd.Token ?? ""), ct);
        if (invitation is null) return Result.NotFound;
        var account = await users.FindByIdAsync(user.RequiredId());
        if (account is null) return Result.NotFound;
        var now = clock.GetUtcNow();
        if (invitation.WhyNotFor(account.Email, now, invitation.Contest.TimeZoneId) is { } refusal) return refusal;

        var taken = await db.JudgeInvitations.Where(i => i.Id == invitation.Id && i.AcceptedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now).SetProperty(i => i.AcceptedById, account.Id), ct);
        if (taken == 0)
        {
            invitation.AcceptedAt = now; // someone else's click won: say so, as for any used invitation
            return invitation.WhyNotFor(account.Email, now, invitation.Contest.TimeZoneId)!;
        }
        if (!await db.ContestJudges.AnyAsync(j => j.ContestId == invitation.ContestId && j.JudgeId == account.Id, ct))
            db.ContestJudges.Add(new ContestJudge { ContestId = invitation.ContestId, JudgeId = account.Id });
        db.Record(clock, account.Id, "AcceptJudgeInvitation", "Contest", invitation.ContestId);
        await db.SaveChangesAsync(ct);
        if (!await users.IsInRoleAsync(account, Roles.Judge)) await users.AddToRoleAsync(account, Roles.Judge);
        await signIn.RefreshSignInAsync(account);
        return invitation.ContestId;
    }

}
