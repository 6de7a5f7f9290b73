using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace BrandStoryContest.Web.Features.Accounts;

public sealed record LogoutCommand : ICommand<Result<Result.Done>>;

public sealed class LogoutHandler(SignInManager<Account> signIn) : ICommandHandler<LogoutCommand, Result<Result.Done>>
{
    public async ValueTask<Result<Result.Done>> Handle(LogoutCommand cmd, CancellationToken ct)
    {
        await signIn.SignOutAsync();
        return Result.Ok();
    }
}
