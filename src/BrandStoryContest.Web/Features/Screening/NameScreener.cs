using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Mail;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Screening;

public sealed record NameScreenerCommand(int ContestId, string Email) : ICommand<Result<int>>;

public sealed class NameScreenerValidator : AbstractValidator<NameScreenerCommand>
{
    public NameScreenerValidator(IStringLocalizer<SharedResource> L) =>
        RuleFor(c => c.Email).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => L["Enter a valid email address."])
            .EmailAddress().WithMessage(_ => L["Enter a valid email address."])
            .MaximumLength(200).WithMessage(_ => L["Enter a valid email address."]);
}

/// <summary>Tells the new screener where the contest's screening list is (Mails/ScreenerNamed.*).</summary>
public sealed record ScreenerNamedMail(string Link) : IMail;

/// <summary>The organizer names an existing account as a screener of one of their contests; audit-logged.</summary>
public sealed class NameScreenerHandler(ContestDb db, ICurrentUser user, TimeProvider clock, Outbox outbox, AppLinks links)
    : ICommandHandler<NameScreenerCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(NameScreenerCommand cmd, CancellationToken ct)
    {
        var contest = await db.Contests.SingleOrDefaultAsync(c => c.Id == cmd.ContestId, ct);
        if (contest is null || !user.CanManage(contest)) return Result.NotFound;
        var email = JudgeInvitation.NormalizeEmail(cmd.Email);
        var account = await db.Users.Where(u => u.NormalizedEmail == email).FirstOrDefaultAsync(ct);
        if (account is null)
            return new RuleViolation("Email", "No account uses {0}. Ask the screener to register first, then name them again.", cmd.Email.Trim());
        if (await db.ContestScreeners.AnyAsync(s => s.ContestId == contest.Id && s.ScreenerId == account.Id, ct)) return contest.Id;
        db.ContestScreeners.Add(new ContestScreener { ContestId = contest.Id, ScreenerId = account.Id, NamedById = user.RequiredId(), NamedAt = clock.GetUtcNow() });
        db.Record(clock, user.RequiredId(), "NameScreener", "Contest", contest.Id, newValue: account.Id);
        outbox.Queue(MailRecipient.Of(account), new ScreenerNamedMail(links.Absolute($"/screening/contests/{contest.Id}")), contest);
        await db.SaveChangesAsync(ct);
        return contest.Id;
    }
}
