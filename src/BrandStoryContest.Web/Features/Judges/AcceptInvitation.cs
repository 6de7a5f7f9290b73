using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Judges;

/// <summary>The invitation page: which contest, and, before anyone clicks, whether the signed-in account may accept it.</summary>
public sealed record InvitationView(string Token, string ContestTitleZh, string? ContestTitleEn, DateTimeOffset ExpiresAt, string TimeZoneId,
    RuleViolation? Refusal);

public sealed record InvitationQuery(string Token) : IQuery<InvitationView?>;

public sealed class InvitationHandler(ContestDb db, UserManager<Account> users, ICurrentUser user, TimeProvider clock)
    : IQueryHandler<InvitationQuery, InvitationView?>
{
    public async ValueTask<InvitationView?> Handle(InvitationQuery query, CancellationToken ct)
    {
        var invitation = await db.JudgeInvitations.AsNoTracking().Include(i => i.Contest).SingleOrDefaultAsync(i => i.Token == (query.Token ?? ""), ct);
        if (invitation is null) return null;
        var account = await users.FindByIdAsync(user.RequiredId());
        return new InvitationView(invitation.Token, invitation.Contest.TitleZh, invitation.Contest.TitleEn, invitation.ExpiresAt, invitation.Contest.TimeZoneId,
            invitation.WhyNotFor(account?.Email, clock.GetUtcNow(), invitation.Contest.TimeZoneId));
    }
}

public sealed record AcceptInvitationCommand(string Token) : ICommand<AcceptInvitationResult>;

/// <summary>Found false: no such link. A refusal leaves the invitation as it was, so the invited judge can still use it.</summary>
public sealed record AcceptInvitationResult(bool Found, int? ContestId, RuleViolation? Refusal, InvitationView? Page = null);

/// <summary>
/// Makes the signed-in person a judge of the inviting contest: only the account of the invited email, once, before
/// the invitation expires. The "once" holds under two clicks at the same moment: the invitation is taken by one
/// conditional update, and only the request that changed the row goes on.
/// </summary>
public sealed class AcceptInvitationHandler(ContestDb db, UserManager<Account> users, SignInManager<Account> signIn,
    ICurrentUser user, TimeProvider clock) : ICommandHandler<AcceptInvitationCommand, AcceptInvitationResult>
{
    public async ValueTask<AcceptInvitationResult> Handle(AcceptInvitationCommand cmd, CancellationToken ct)
    {
        var invitation = await db.JudgeInvitations.AsNoTracking().Include(i => i.Contest).SingleOrDefaultAsync(i => i.Token == (cmd.Token ?? ""), ct);
        if (invitation is null) return new(false, null, null);
        var account = await users.FindByIdAsync(user.RequiredId());
        if (account is null) return new(false, null, null);
        var now = clock.GetUtcNow();
        if (Refused(invitation, account, now) is { } refusal) return refusal;

        var taken = await db.JudgeInvitations.Where(i => i.Id == invitation.Id && i.AcceptedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AcceptedAt, now).SetProperty(i => i.AcceptedById, account.Id), ct);
        if (taken == 0)
        {
            invitation.AcceptedAt = now; // someone else's click won: say so, as for any used invitation
            return Refused(invitation, account, now)!;
        }
        if (!await db.ContestJudges.AnyAsync(j => j.ContestId == invitation.ContestId && j.JudgeId == account.Id, ct))
            db.ContestJudges.Add(new ContestJudge { ContestId = invitation.ContestId, JudgeId = account.Id });
        db.Record(clock, account.Id, "AcceptJudgeInvitation", "Contest", invitation.ContestId);
        await db.SaveChangesAsync(ct);
        if (!await users.IsInRoleAsync(account, Roles.Judge)) await users.AddToRoleAsync(account, Roles.Judge);
        await signIn.RefreshSignInAsync(account);
        return new(true, invitation.ContestId, null);
    }

    private static AcceptInvitationResult? Refused(JudgeInvitation invitation, Account account, DateTimeOffset now) =>
        invitation.WhyNotFor(account.Email, now, invitation.Contest.TimeZoneId) is { } why
            ? new(true, null, why, new InvitationView(invitation.Token, invitation.Contest.TitleZh, invitation.Contest.TitleEn, invitation.ExpiresAt,
                invitation.Contest.TimeZoneId, why))
            : null;
}
