using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Accounts;

public sealed class LoginCommand : ICommand<LoginResult>
{
    public string Email { get; set; } = "";
    public string Password { get; set; } = "";
    public bool RememberMe { get; set; }
    public string? ReturnUrl { get; set; }
}

public enum LoginOutcome { SignedIn, Failed, LockedOut, NotConfirmed }

public sealed record LoginResult(LoginOutcome Outcome, string? PreferredLanguage = null);

public sealed class LoginValidator : AbstractValidator<LoginCommand>
{
    public LoginValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(c => c.Email).NotEmpty().WithMessage(_ => L["Enter your email address."]);
        RuleFor(c => c.Password).NotEmpty().WithMessage(_ => L["Enter your password."]);
    }
}

public sealed class LoginHandler(SignInManager<Account> signIn, UserManager<Account> users) : ICommandHandler<LoginCommand, LoginResult>
{
    public async ValueTask<LoginResult> Handle(LoginCommand cmd, CancellationToken ct)
    {
        var account = await users.FindByEmailAsync(cmd.Email.Trim());
        if (account is null) return new LoginResult(LoginOutcome.Failed);
        // Failures count towards lockout even when the email is unconfirmed, so guessing is never free.
        var result = await signIn.PasswordSignInAsync(account, cmd.Password, cmd.RememberMe, lockoutOnFailure: true);
        if (result.IsLockedOut) return new LoginResult(LoginOutcome.LockedOut);
        if (result.IsNotAllowed) return new LoginResult(LoginOutcome.NotConfirmed);
        return result.Succeeded
            ? new LoginResult(LoginOutcome.SignedIn, account.PreferredLanguage)
            : new LoginResult(LoginOutcome.Failed);
    }
}

public sealed record LogoutCommand : ICommand;

public sealed class LogoutHandler(SignInManager<Account> signIn) : ICommandHandler<LogoutCommand>
{
    public async ValueTask<Unit> Handle(LogoutCommand cmd, CancellationToken ct)
    {
        await signIn.SignOutAsync();
        return Unit.Value;
    }
}
