using System.Text;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace BrandStoryContest.Web.Features.Accounts;

public sealed record ConfirmEmailCommand(string UserId, string Token) : ICommand<Result<Result.Done>>;

/// <summary>
/// The button on the confirmation link. An unknown account, a token that is not Base64 and a token Identity does not
/// accept are refused alike: the reader learns only that this link does not work, not which part of it is wrong.
/// </summary>
public sealed class ConfirmEmailHandler(UserManager<Account> users) : ICommandHandler<ConfirmEmailCommand, Result<Result.Done>>
{
    private static readonly Result.Refusal NotValid = Result.Refuse("This confirmation link is not valid.");

    public async ValueTask<Result<Result.Done>> Handle(ConfirmEmailCommand cmd, CancellationToken ct)
    {
        var account = await users.FindByIdAsync(cmd.UserId);
        if (account is null) return NotValid;
        string token;
        try { token = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(cmd.Token)); }
        catch (FormatException) { return NotValid; }
        return (await users.ConfirmEmailAsync(account, token)).Succeeded ? Result.Ok() : NotValid;
    }
}
