using System.Globalization;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Entries;
using BrandStoryContest.Web.Features.Reminders;
using BrandStoryContest.Web.Infrastructure.Mail;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Broadcasts;

/// <summary>The organizer's message (Markdown body) to one audience of a contest (Mails/Broadcast.*).</summary>
public sealed record BroadcastMail(string Subject, string BodyText, string BodyHtml, string OptOutLink) : IMail
{
    public static BroadcastMail Of(string subject, string markdown, string optOutLink) =>
        new(subject.Trim(), markdown.Trim(), StoryMarkdown.ToSafeHtml(markdown), optOutLink);
}

/// <summary>The broadcast page: the form as typed, and after "Preview" the mail as it will look and whom it reaches.</summary>
public sealed class BroadcastForm
{
    public int ContestId { get; set; }
    public BroadcastAudience Audience { get; set; }
    public string Subject { get; set; } = "";
    public string Body { get; set; } = "";
    /// <summary>The count the organizer saw in the preview; the send refuses when the audience changed since.</summary>
    public int? ExpectedCount { get; set; }
    [BindNever] public string ContestTitle { get; set; } = "";
    [BindNever] public BroadcastPreview? Preview { get; set; }
}

public sealed record BroadcastPreview(int Recipients, int OptedOut, string Subject, string Html, RuleViolation? Refusal);

public sealed record PreviewBroadcastQuery(int ContestId, BroadcastAudience Audience, string Subject, string Body)
    : IQuery<Result<BroadcastForm>>, IBroadcastMessage;

/// <summary>What the preview and the send both carry, so one set of rules checks both.</summary>
public interface IBroadcastMessage
{
    BroadcastAudience Audience { get; }
    string Subject { get; }
    string Body { get; }
}

/// <summary>The rules of a broadcast's text and audience, for the preview and again for the send (a direct POST
/// must not skip them).</summary>
public abstract class BroadcastMessageValidator<T> : AbstractValidator<T> where T : IBroadcastMessage
{
    protected BroadcastMessageValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(c => c.Subject).Must(s => !string.IsNullOrWhiteSpace(s) && s.Trim().Length <= 200)
            .WithMessage(_ => L["Enter a subject (at most 200 characters)."]);
        RuleFor(c => c.Body).Must(b => !string.IsNullOrWhiteSpace(b) && b.Length <= 20000)
            .WithMessage(_ => L["Write the message (at most 20000 characters)."]);
        RuleFor(c => c.Audience).IsInEnum().WithMessage(_ => L["Choose who receives the message."]);
    }
}

public sealed class PreviewBroadcastValidator(IStringLocalizer<SharedResource> L) : BroadcastMessageValidator<PreviewBroadcastQuery>(L);

/// <summary>
/// Renders the broadcast exactly as the outbox will (the organizer's language frame; each recipient gets theirs) and
/// counts who it reaches. Only the contest's own organizer: any other contest id is "not found".
/// </summary>
public sealed class PreviewBroadcastHandler(ContestDb db, ICurrentUser user, MailTemplates templates, ReminderOutbox reminders, AppLinks links)
    : IQueryHandler<PreviewBroadcastQuery, Result<BroadcastForm>>
{
    public async ValueTask<Result<BroadcastForm>> Handle(PreviewBroadcastQuery query, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.ContestId, ct);
        if (contest is null || !user.CanManage(contest)) return Result.NotFound;
        var language = Languages.Normalize(CultureInfo.CurrentUICulture.Name);
        var audience = await BroadcastRecipients.ForAsync(db, contest, query.Audience, ct);
        var rendered = templates.Render(BroadcastMail.Of(query.Subject, query.Body, reminders.OptOutLink(user.RequiredId())), language, contest, links.Absolute(""));
        return new BroadcastForm
        {
            ContestId = contest.Id, Audience = query.Audience, Subject = query.Subject, Body = query.Body, ContestTitle = contest.Title(language),
            ExpectedCount = audience.Recipients.Count,
            Preview = new(audience.Recipients.Count, audience.OptedOut, rendered.Subject, rendered.Html, Refusal(contest, query.Audience, audience)),
        };
    }

    public static RuleViolation? Refusal(Contest contest, BroadcastAudience kind, BroadcastRecipients.Audience audience) =>
        kind == BroadcastAudience.Winners && contest.Stage == ResultsStage.Draft
            ? new("Audience", "Winners can be written to once the awards are on the notice board or published.")
            : audience.Recipients.Count == 0 ? new("Audience", "Nobody is in this audience yet.") : null;
}
