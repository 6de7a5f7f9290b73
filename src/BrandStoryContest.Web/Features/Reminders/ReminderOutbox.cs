using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Mail;
using BrandStoryContest.Web.Infrastructure.Web;
using Microsoft.AspNetCore.DataProtection;

namespace BrandStoryContest.Web.Features.Reminders;

/// <summary>
/// The signed token in each reminder's opt-out link: the account id, protected with the app's shared data-protection
/// keys (so any instance reads it). It does not expire: a reminder read weeks later must still let its reader opt out,
/// and all it can ever do is switch reminders off for that one account.
/// </summary>
public sealed class OptOutTokens(IDataProtectionProvider protection)
{
    private readonly IDataProtector protector = protection.CreateProtector("BrandStoryContest.ReminderOptOut.v1");

    public string For(string accountId) => protector.Protect(accountId);

    public string? AccountOf(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000) return null;
        try { return protector.Unprotect(token); }
        catch (System.Security.Cryptography.CryptographicException) { return null; }
    }
}

/// <summary>
/// Queues mail that an account may opt out of (reminders, organizers' event notices, broadcasts) through the one
/// <see cref="Outbox"/>, with the account's own opt-out link; an opted-out account gets nothing. Transactional mail
/// never comes here.
/// </summary>
public sealed class ReminderOutbox(Outbox outbox, OptOutTokens tokens, AppLinks links)
{
    /// <summary>Null when the account opted out (or has no address).</summary>
    public OutboxMessage? Queue(Account to, Func<string, IMail> mail, Contest? contest)
    {
        if (to.RemindersOptedOut || string.IsNullOrWhiteSpace(to.Email)) return null;
        return outbox.Queue(MailRecipient.Of(to), mail(OptOutLink(to.Id)), contest);
    }

    public string OptOutLink(string accountId) => links.Absolute($"/reminders/opt-out?token={Uri.EscapeDataString(tokens.For(accountId))}");
}
