using System.Text;
using BrandStoryContest.Web.Domain;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace BrandStoryContest.Web.Features.Accounts;

public sealed record ConfirmEmailCommand(string UserId, string Token) : ICommand<bool>;

public sealed class ConfirmEmailHandler(UserManager<Account> users) : ICommandHandler<ConfirmEmailCommand, bool>
{
    public async ValueTask<bool> Handle(ConfirmEmailCommand cmd, CancellationToken ct)
    {
        var account = await users.FindByIdAsync(cmd.UserId);
        if (account is null) return false;
        string token;
        try { token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cmd.Token)); }
        catch (FormatException) { return false; }
        return (await users.ConfirmEmailAsync(account, token)).Succeeded;
    }
}
