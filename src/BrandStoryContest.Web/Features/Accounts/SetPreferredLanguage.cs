using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace BrandStoryContest.Web.Features.Accounts;

public sealed record SetPreferredLanguageCommand(string Language) : ICommand;

public sealed class SetPreferredLanguageHandler(UserManager<Account> users, ICurrentUser user) : ICommandHandler<SetPreferredLanguageCommand>
{
    public async ValueTask<Unit> Handle(SetPreferredLanguageCommand cmd, CancellationToken ct)
    {
        if (await users.FindByIdAsync(user.RequiredId()) is { } account)
        {
            account.PreferredLanguage = Languages.Normalize(cmd.Language);
            await users.UpdateAsync(account);
        }
        return Unit.Value;
    }
}
