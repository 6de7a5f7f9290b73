using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Mail;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using System.Text;

namespace BrandStoryContest.Web.Features.Accounts;

public sealed class RegisterCommand : ICommand<Result<RegisterResult>>
{
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
    public string ConfirmPassword { get; set; } = "";
    public string RealName { get; set; } = "";
    public string? Organization { get; set; }
    public string? Phone { get; set; }
    public string PreferredLanguage { get; set; } = Languages.Chinese;
}

/// <summary>The new account's id; null when the email already had one (the owner was mailed instead).</summary>
public sealed record RegisterResult(string? UserId);

public sealed class RegisterValidator : AbstractValidator<RegisterCommand>
{
    public RegisterValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(c => c.Email).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => L["Enter a valid email address."])
            .EmailAddress().WithMessage(_ => L["Enter a valid email address."])
            .MaximumLength(200).WithMessage(_ => L["Enter a valid email address."]);
        RuleFor(c => c.RealName).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => L["Enter your real name (at most 50 characters)."])
            .MaximumLength(50).WithMessage(_ => L["Enter your real name (at most 50 characters)."]);
        RuleFor(c => c.Organization).MaximumLength(100).WithMessage(_ => L["At most 100 characters."]);
        RuleFor(c => c.Phone).Cascade(CascadeMode.Stop)
            .MaximumLength(30).WithMessage(_ => L["Enter a valid phone number."])
            .Matches(@"^[0-9+\-() ]*$").WithMessage(_ => L["Enter a valid phone number."]);
        RuleFor(c => c.Password).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => L["The password needs at least 8 characters."])
            .MinimumLength(8).WithMessage(_ => L["The password needs at least 8 characters."])
            .MaximumLength(Account.MaxPasswordLength).WithMessage(_ => L["At most {0} characters.", Account.MaxPasswordLength]);
        RuleFor(c => c.ConfirmPassword).Equal(c => c.Password).WithMessage(_ => L["The two passwords do not match."]);
        RuleFor(c => c.PreferredLanguage).Must(l => Languages.All.Contains(l)).WithMessage(_ => L["Choose a language."]);
    }
}

/// <summary>The confirmation link sent after registering (Mails/ConfirmEmail.*).</summary>
public sealed record ConfirmEmailMail(string Name, string Link) : IMail;

/// <summary>To the owner of an email someone tried to register again (Mails/RegisterAttempt.*): the form itself tells nobody.</summary>
public sealed record RegisterAttemptMail(string Name, string Link) : IMail;

public sealed class RegisterHandler(UserManager<Account> users, ContestDb db, Outbox outbox, AppLinks links, TimeProvider clock, PasswordChecks passwords)
    : ICommandHandler<RegisterCommand, Result<RegisterResult>>
{
    public async ValueTask<Result<RegisterResult>> Handle(RegisterCommand cmd, CancellationToken ct)
    {
        var account = new Account
        {
            UserName = cmd.Email.Trim(), Email = cmd.Email.Trim(), RealName = cmd.RealName.Trim(),
            Organization = string.IsNullOrWhiteSpace(cmd.Organization) ? null : cmd.Organization.Trim(),
            PhoneNumber = cmd.Phone, PreferredLanguage = cmd.PreferredLanguage, CreatedAt = clock.GetUtcNow(),
        };
        // The password rules first, for every email alike: a weak password must not be refused only for new ones.
        var weak = new List<IdentityError>();
        foreach (var rule in users.PasswordValidators)
            if (await rule.ValidateAsync(users, account, cmd.Password) is { Succeeded: false } refused) weak.AddRange(refused.Errors);
        if (weak.Count > 0) return Result.Refuse(weak.Select(e => new RuleViolation(nameof(cmd.Password), IdentityMessage(e))));

        // An email that already has an account gets the same "check your mail" answer as a new one, so the
        // form tells nobody who is registered; the owner is told by mail instead.
        if (await users.FindByEmailAsync(account.Email) is { } existing)
        {
            var login = links.Absolute("/account/login");
            outbox.Queue(MailRecipient.Of(existing), new RegisterAttemptMail(existing.RealName, login));
            await db.SaveChangesAsync(ct);
            return new RegisterResult(null);
        }
        // The hash is taken through the password gate like a sign-in's check, and before the transaction: on SQLite the
        // transaction holds the one write lock, which every other save would wait for during the hash.
        account.PasswordHash = await passwords.RunAsync(() => Task.FromResult(users.PasswordHasher.HashPassword(account, cmd.Password)), ct);
        // Identity saves the account itself; one transaction around it and the outbox row, so an account never
        // exists without its confirmation mail (or the mail without the account).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var created = await users.CreateAsync(account);
        // Refused here, the transaction is disposed without a commit: nothing of the account is kept.
        if (!created.Succeeded)
            return Result.Refuse(created.Errors.Select(e => new RuleViolation(
                e.Code.Contains("Password") ? nameof(cmd.Password) : nameof(cmd.Email), IdentityMessage(e))));
        await users.AddToRoleAsync(account, Roles.Entrant);
        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(account)));
        outbox.Queue(MailRecipient.Of(account), new ConfirmEmailMail(account.RealName, links.Absolute($"/account/confirm?userId={account.Id}&token={token}")));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return new RegisterResult(account.Id);
    }

    /// <summary>The key of Identity's refusal (translated where results become responses); one we have no words for keeps Identity's.</summary>
    private static string IdentityMessage(IdentityError e) => e.Code switch
    {
        "DuplicateUserName" or "DuplicateEmail" => "An account with this email already exists.",
        "PasswordTooShort" => "The password needs at least 8 characters.",
        "PasswordRequiresDigit" => "The password needs a digit.",
        "PasswordRequiresLower" => "The password needs a lower-case letter.",
        "PasswordRequiresUpper" => "The password needs an upper-case letter.",
        "PasswordRequiresNonAlphanumeric" => "The password needs a symbol.",
        _ => e.Description,
    };
}
