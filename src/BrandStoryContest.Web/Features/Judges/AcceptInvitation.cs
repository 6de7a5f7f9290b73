using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Judges;

public sealed record AcceptInvitationCommand(string Token) : ICommand<int?>;

/// <summary>Makes the signed-in person a judge of the inviting contest. Each link works once.</summary>
public sealed class AcceptInvitationHandler(ContestDb db, UserManager<Account> users, SignInManager<Account> signIn,
    ICurrentUser user, TimeProvider clock) : ICommandHandler<AcceptInvitationCommand, int?>
{
    public async ValueTask<int?> Handle(AcceptInvitationCommand cmd, CancellationToken ct)
    {
        var invitation = await db.JudgeInvitations.SingleOrDefaultAsync(i => i.Token == cmd.Token, ct);
        if (invitation is null || invitation.AcceptedAt is not null) return null;
        var account = await users.FindByIdAsync(user.RequiredId());
        if (account is null) return null;

        invitation.AcceptedAt = clock.GetUtcNow();
        invitation.AcceptedById = account.Id;
        if (!await db.ContestJudges.AnyAsync(j => j.ContestId == invitation.ContestId && j.JudgeId == account.Id, ct))
            db.ContestJudges.Add(new ContestJudge { ContestId = invitation.ContestId, JudgeId = account.Id });
        db.Record(clock, account.Id, "AcceptJudgeInvitation", "Contest", invitation.ContestId);
        await db.SaveChangesAsync(ct);
        if (!await users.IsInRoleAsync(account, Roles.Judge)) await users.AddToRoleAsync(account, Roles.Judge);
        await signIn.RefreshSignInAsync(account);
        return invitation.ContestId;
    }
}
