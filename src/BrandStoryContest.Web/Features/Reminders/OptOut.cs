using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Reminders;

/// <summary>What the opt-out page shows: whether the link is good, and whether reminders are already off.</summary>
public sealed record OptOutPage(string Token, bool Valid, bool AlreadyOut, bool Done = false);

/// <summary>The page a reminder's link opens. Reading it changes nothing (mail scanners follow links); the button posts.</summary>
public sealed record ReadOptOutQuery(string? Token) : IQuery<OptOutPage>;

public sealed class ReadOptOutHandler(ContestDb db, OptOutTokens tokens) : IQueryHandler<ReadOptOutQuery, OptOutPage>
{
    public async ValueTask<OptOutPage> Handle(ReadOptOutQuery query, CancellationToken ct)
    {
        var id = tokens.AccountOf(query.Token);
        var optedOut = id is null ? null : await db.Users.Where(u => u.Id == id).Select(u => (bool?)u.RemindersOptedOut).SingleOrDefaultAsync(ct);
        return new(query.Token ?? "", optedOut is not null, optedOut == true);
    }
}

/// <summary>
/// Switches reminders and broadcasts off for the account the signed token names, without signing in: the token
/// is the proof, and it can do nothing else. Transactional mail is not affected.
/// </summary>
public sealed record OptOutCommand(string? Token) : ICommand<OptOutPage>;

public sealed class OptOutHandler(ContestDb db, OptOutTokens tokens, TimeProvider clock) : ICommandHandler<OptOutCommand, OptOutPage>
{
    public async ValueTask<OptOutPage> Handle(OptOutCommand cmd, CancellationToken ct)
    {
        var id = tokens.AccountOf(cmd.Token);
        var account = id is null ? null : await db.Users.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (account is null) return new(cmd.Token ?? "", false, false);
        if (!account.RemindersOptedOut)
        {
            account.RemindersOptedOut = true;
            db.Record(clock, account.Id, "OptOutReminders", "Account", account.Id, "in", "out", "opt-out link");
            await db.SaveChangesAsync(ct);
        }
        return new(cmd.Token ?? "", true, true, Done: true);
    }
}
