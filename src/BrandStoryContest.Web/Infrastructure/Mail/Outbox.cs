using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;

namespace BrandStoryContest.Web.Infrastructure.Mail;

/// <summary>Who a mail goes to: the address, the account when there is one, and the language to write in.</summary>
public sealed record MailRecipient(string Email, string? AccountId, string Language)
{
    public static MailRecipient Of(Account account) => new(account.Email!, account.Id, account.PreferredLanguage);
}

/// <summary>
/// The one way a feature sends mail: <see cref="Queue"/> renders the mail in the recipient's language and adds the
/// row to the handler's own DbContext, so it is saved in the same SaveChanges as the change that causes it (both
/// or neither). Nothing leaves here: <see cref="MailDispatcher"/> delivers saved rows.
/// </summary>
public sealed class Outbox(ContestDb db, MailTemplates templates, AppLinks links, TimeProvider clock)
{
    public OutboxMessage Queue(MailRecipient to, IMail mail, Contest? contest = null)
    {
        var site = links.Absolute("");
        var rendered = templates.Render(mail, to.Language, contest, site);
        var now = clock.GetUtcNow();
        var message = new OutboxMessage
        {
            Kind = MailTemplates.KindOf(mail), To = to.Email, RecipientId = to.AccountId, Language = Languages.Normalize(to.Language),
            ContestId = contest?.Id, Subject = rendered.Subject, Text = rendered.Text, Html = rendered.Html,
            Link = mail.GetType().GetProperty("Link")?.GetValue(mail) as string,
            MessageId = NewMessageId(site), CreatedAt = now, NextAttemptAt = now,
        };
        db.Outbox.Add(message);
        return message;
    }

    /// <summary>Unique and fixed per row, under the public host so it reads as this site's message.</summary>
    public static string NewMessageId(string siteUrl)
    {
        var host = Uri.TryCreate(siteUrl, UriKind.Absolute, out var uri) && uri.Host.Length > 0 ? uri.Host : "brandstorycontest.local";
        return $"{Guid.NewGuid():N}@{host}";
    }
}
