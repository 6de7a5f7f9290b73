using System.Security.Claims;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Accounts;

/// <summary>Answers the account's preferred language, for the language cookie.</summary>
public sealed class LoginCommand : ICommand<Result<string>>
{
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
    public bool RememberMe { get; set; }
    public string? ReturnUrl { get; set; }
}

public sealed class LoginValidator : AbstractValidator<LoginCommand>
{
    public LoginValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(c => c.Email).NotEmpty().WithMessage(_ => L["Enter your email address."])
            .MaximumLength(200).WithMessage(_ => L["At most {0} characters.", 200]);
        RuleFor(c => c.Password).NotEmpty().WithMessage(_ => L["Enter your password."])
            .MaximumLength(Account.MaxPasswordLength).WithMessage(_ => L["At most {0} characters.", Account.MaxPasswordLength]);
        RuleFor(c => c.ReturnUrl).MaximumLength(2000).WithMessage(_ => L["At most {0} characters.", 2000]);
    }
}

public sealed class LoginHandler(SignInManager<Account> signIn, UserManager<Account> users, SignInThrottle throttle, PasswordChecks passwords,
    IHttpContextAccessor http) : ICommandHandler<LoginCommand, Result<string>>
{
    private const string WrongPassword = "The email or password is not correct.";

    public async ValueTask<Result<string>> Handle(LoginCommand cmd, CancellationToken ct)
    {
        var email = cmd.Email.Trim();
        var address = http.HttpContext is { } context ? ClientAddress.Of(context) : "unknown";
        if (throttle.IsThrottled(email, address)) return Result.Refuse("Too many failed attempts from here: try again in 15 minutes.");
        var account = await users.FindByEmailAsync(email);
        // The password is checked before anything else about the account (confirmed, locked), so an unknown
        // email, an unconfirmed account and a wrong password all look the same to someone without the password.
        if (account is null || !await passwords.RunAsync(() => users.CheckPasswordAsync(account, cmd.Password), ct))
        {
            throttle.Failed(email, address);
            return Result.Refuse(WrongPassword);
        }
        // Then what PasswordSignInAsync checks after its own password check, without hashing the password a second
        // time (that hash is nearly all of a sign-in's cost, and it doubled the sign-in's CPU in the surge bench).
        if (!await signIn.CanSignInAsync(account)) return Result.Refuse("Please confirm your email address first: open the link we sent you.");
        if (await users.IsLockedOutAsync(account)) return Result.Refuse("This account is locked. Please contact the organizers.");
        // The "amr" claim PasswordSignInAsync adds: the session was opened with a password.
        await signIn.SignInWithClaimsAsync(account, cmd.RememberMe, [new Claim("amr", "pwd")]);
        throttle.Succeeded(email, address);
        return account.PreferredLanguage;
    }
}
