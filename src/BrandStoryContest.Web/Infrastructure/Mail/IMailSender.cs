using BrandStoryContest.Web.Domain;

namespace BrandStoryContest.Web.Infrastructure.Mail;

/// <summary>
/// The one seam to the outside for messages: SMTP today (<see cref="SmtpMailSender"/>); an SMS gateway or a mail
/// API would be another implementation. The dispatcher owns claiming, retries and marking; a sender only sends.
/// </summary>
public interface IMailSender
{
    /// <summary>
    /// Sends the batch in order and says, per message, null (accepted by the server) or why not. A failure to reach
    /// the server at all is an error for every message not yet sent, never an exception that hides which were.
    /// </summary>
    Task<IReadOnlyList<string?>> SendAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken ct);
}
