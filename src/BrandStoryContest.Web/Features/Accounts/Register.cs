using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Mail;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using FluentValidation.Results;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Localization;
using System.Text;

namespace BrandStoryContest.Web.Features.Accounts;

public sealed class RegisterCommand : ICommand<RegisterResult>
{
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
    public string ConfirmPassword { get; set; } = "";
    public string RealName { get; set; } = "";
    public string? Organization { get; set; }
    public string? Phone { get; set; }
    public string PreferredLanguage { get; set; } = Languages.Chinese;
}

public sealed record RegisterResult(string UserId);

public sealed class RegisterValidator : AbstractValidator<RegisterCommand>
{
    public RegisterValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(c => c.Email).NotEmpty().EmailAddress().MaximumLength(200).WithMessage(_ => L["Enter a valid email address."]);
        RuleFor(c => c.RealName).NotEmpty().MaximumLength(50).WithMessage(_ => L["Enter your real name (at most 50 characters)."]);
        RuleFor(c => c.Organization).MaximumLength(100).WithMessage(_ => L["At most 100 characters."]);
        RuleFor(c => c.Phone).MaximumLength(30).Matches(@"^[0-9+\-() ]*$").WithMessage(_ => L["Enter a valid phone number."]);
        RuleFor(c => c.Password).NotEmpty().MinimumLength(8).WithMessage(_ => L["The password needs at least 8 characters."]);
        RuleFor(c => c.ConfirmPassword).Equal(c => c.Password).WithMessage(_ => L["The two passwords do not match."]);
        RuleFor(c => c.PreferredLanguage).Must(l => Languages.All.Contains(l)).WithMessage(_ => L["Choose a language."]);
    }
}

/// <summary>The confirmation link sent after registering (Mails/ConfirmEmail.*).</summary>
public sealed record ConfirmEmailMail(string Name, string Link) : IMail;

public sealed class RegisterHandler(UserManager<Account> users, ContestDb db, Outbox outbox, AppLinks links, TimeProvider clock,
    IStringLocalizer<SharedResource> L) : ICommandHandler<RegisterCommand, RegisterResult>
{
    public async ValueTask<RegisterResult> Handle(RegisterCommand cmd, CancellationToken ct)
    {
        var account = new Account
        {
            UserName = cmd.Email.Trim(), Email = cmd.Email.Trim(), RealName = cmd.RealName.Trim(),
            Organization = string.IsNullOrWhiteSpace(cmd.Organization) ? null : cmd.Organization.Trim(),
            PhoneNumber = cmd.Phone, PreferredLanguage = cmd.PreferredLanguage, CreatedAt = clock.GetUtcNow(),
        };
        var created = await users.CreateAsync(account, cmd.Password);
        if (!created.Succeeded)
            throw new ValidationException(created.Errors.Select(e => new ValidationFailure(
                e.Code.Contains("Password") ? nameof(cmd.Password) : nameof(cmd.Email), IdentityMessage(e))));
        await users.AddToRoleAsync(account, Roles.Entrant);
        var token = WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(await users.GenerateEmailConfirmationTokenAsync(account)));
        outbox.Queue(MailRecipient.Of(account), new ConfirmEmailMail(account.RealName, links.Absolute($"/account/confirm?userId={account.Id}&token={token}")));
        await db.SaveChangesAsync(ct);
        return new RegisterResult(account.Id);
    }

    private string IdentityMessage(IdentityError e) => e.Code switch
    {
        "DuplicateUserName" or "DuplicateEmail" => L["An account with this email already exists."],
        "PasswordTooShort" => L["The password needs at least 8 characters."],
        "PasswordRequiresDigit" => L["The password needs a digit."],
        "PasswordRequiresLower" => L["The password needs a lower-case letter."],
        "PasswordRequiresUpper" => L["The password needs an upper-case letter."],
        "PasswordRequiresNonAlphanumeric" => L["The password needs a symbol."],
        _ => e.Description,
    };
}
