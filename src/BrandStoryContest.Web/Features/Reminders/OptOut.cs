using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Reminders;

/// <summary>
/// Switches reminders and broadcasts off for the account the signed token names, without signing in: the token
/// is the proof, and it can do nothing else. Transactional mail is not affected. A link that names nobody is refused.
/// </summary>
public sealed record OptOutCommand(string? Token) : ICommand<Result<OptOutPage>>;

public sealed class OptOutHandler(ContestDb db, OptOutTokens tokens, TimeProvider clock) : ICommandHandler<OptOutCommand, Result<OptOutPage>>
{
    public async ValueTask<Result<OptOutPage>> Handle(OptOutCommand cmd, CancellationToken ct)
    {
        var id = tokens.AccountOf(cmd.Token);
        var account = id is null ? null : await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (account is null) return Result.Refuse("This opt-out link is not valid.");
        if (!account.RemindersOptedOut)
        {
            account.RemindersOptedOut = true;
            db.Record(clock, account.Id, "OptOutReminders", "Account", account.Id, "in", "out", "opt-out link");
            await db.SaveChangesAsync(ct);
        }
        return new OptOutPage(cmd.Token ?? "", true, true, Done: true);
    }
}
