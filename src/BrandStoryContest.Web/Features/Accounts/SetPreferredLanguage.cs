using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace BrandStoryContest.Web.Features.Accounts;

public sealed record SetPreferredLanguageCommand(string Language) : ICommand<Result<Result.Done>>;

public sealed class SetPreferredLanguageHandler(UserManager<Account> users, ICurrentUser user)
    : ICommandHandler<SetPreferredLanguageCommand, Result<Result.Done>>
{
    public async ValueTask<Result<Result.Done>> Handle(SetPreferredLanguageCommand cmd, CancellationToken ct)
    {
        // Signed in with an account that was deleted meanwhile: nothing to keep the choice on.
        if (await users.FindByIdAsync(user.RequiredId()) is not { } account) return Result.NotFound;
        account.PreferredLanguage = Languages.Normalize(cmd.Language);
        await users.UpdateAsync(account);
        return Result.Ok();
    }
}
