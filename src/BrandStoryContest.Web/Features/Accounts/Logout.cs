using BrandStoryContest.Web.Domain;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace BrandStoryContest.Web.Features.Accounts;

public sealed record LogoutCommand : ICommand;

public sealed class LogoutHandler(SignInManager<Account> signIn) : ICommandHandler<LogoutCommand>
{
    public async ValueTask<Unit> Handle(LogoutCommand cmd, CancellationToken ct)
    {
        await signIn.SignOutAsync();
        return Unit.Value;
    }
}
