using System.Globalization;
using System.Security.Cryptography;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Mail;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.JudgeInvitations;

public sealed class InviteJudgeCommand : ICommand<Result<Result.Done>>
{
    public int ContestId { get; set; }
    public string Email { get; set; } = "";
}

public sealed class InviteJudgeValidator : AbstractValidator<InviteJudgeCommand>
{
    public InviteJudgeValidator(IStringLocalizer<SharedResource> L) =>
        RuleFor(c => c.Email).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => L["Enter a valid email address."])
            .EmailAddress().WithMessage(_ => L["Enter a valid email address."])
            .MaximumLength(200).WithMessage(_ => L["Enter a valid email address."]);
}

/// <summary>The invitation link (Mails/JudgeInvitation.*).</summary>
public sealed record JudgeInvitationMail(string Link, DateTimeOffset ExpiresAt) : IMail;

public sealed class InviteJudgeHandler(ContestDb db, ICurrentUser user, AppLinks links, TimeProvider clock, Outbox outbox) : ICommandHandler<InviteJudgeCommand, Result<Result.Done>>
{
    public async ValueTask<Result<Result.Done>> Handle(InviteJudgeCommand cmd, CancellationToken ct)
    {
        var contest = await db.Contests.SingleOrDefaultAsync(c => c.Id == cmd.ContestId, ct);
        if (contest is null || !user.CanManage(contest)) return Result.NotFound;
        // The token is the only secret in the link, so it must not be guessable.
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(24));
        var now = clock.GetUtcNow();
        var expires = now.AddDays(JudgeInvitation.ValidDays);
        db.JudgeInvitations.Add(new JudgeInvitation
        {
            Token = token, ContestId = contest.Id, Email = cmd.Email.Trim(), InvitedById = user.RequiredId(), CreatedAt = now, ExpiresAt = expires,
        });
        var email = cmd.Email.Trim();
        // An address with an account gets its owner's language; a new one the inviting organizer's.
        var existing = await db.Users.Where(u => u.NormalizedEmail == email.ToUpperInvariant())
            .Select(u => new { u.Id, u.PreferredLanguage }).FirstOrDefaultAsync(ct);
        var to = new MailRecipient(email, existing?.Id, existing?.PreferredLanguage ?? Languages.Normalize(CultureInfo.CurrentUICulture.Name));
        outbox.Queue(to, new JudgeInvitationMail(links.Absolute($"/judges/accept?token={token}"), expires), contest);
        db.Record(clock, user.RequiredId(), "InviteJudge", "Contest", contest.Id, newValue: cmd.Email.Trim());
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }
}
