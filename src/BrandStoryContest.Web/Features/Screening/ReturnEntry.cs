using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Mail;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Screening;

/// <param name="CorrectionDue">A wall-clock time in the contest's time zone, as the form's datetime-local field sends it.</param>
public sealed record ReturnEntryCommand(int EntryId, string Reason, DateTime? CorrectionDue) : ICommand<Result<int>>;

public sealed class ReturnEntryValidator : AbstractValidator<ReturnEntryCommand>
{
    public const int MaxReason = 1000;

    public ReturnEntryValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(c => c.Reason).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => L["Say what the entrant must correct (at most 1000 characters)."])
            .MaximumLength(MaxReason).WithMessage(_ => L["Say what the entrant must correct (at most 1000 characters)."]);
        // A year the contest's zone cannot turn into an instant (9999 west of Greenwich) is no deadline either.
        RuleFor(c => c.CorrectionDue).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage(_ => L["Give the correction deadline."])
            .Must(d => d!.Value.Year is >= 2000 and < 3000).WithMessage(_ => L["Give the correction deadline."]);
    }
}

/// <summary>The entrant's notice (Mails/EntryReturned.*): what to correct and by when, in the contest's time zone.</summary>
public sealed record EntryReturnedMail(string Entry, string Number, string Reason, DateTimeOffset CorrectionDue, string Link) : IMail;

/// <summary>
/// The organizer or a screener sends a submitted entry back for correction. It leaves judging and the counts until it
/// is resubmitted; returning an entry that is already returned sets a new reason and deadline (for one that ran out).
/// </summary>
public sealed class ReturnEntryHandler(ContestDb db, ICurrentUser user, TimeProvider clock, Outbox outbox, AppLinks links)
    : ICommandHandler<ReturnEntryCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(ReturnEntryCommand cmd, CancellationToken ct)
    {
        var entry = await db.Entries.Include(e => e.Contest).Include(e => e.Entrant).SingleOrDefaultAsync(e => e.Id == cmd.EntryId, ct);
        if (entry is null || entry.State is not (EntryState.Submitted or EntryState.Returned)
            || !await db.CanScreenAsync(user, entry.Contest, ct)) return Result.NotFound;
        // A division entry recommended to a final and the final's copy share their files: a correction would replace (delete) them under the other.
        if (entry.CarriedOver || await db.Recommendations.AnyAsync(r => r.SourceEntryId == entry.Id && r.WithdrawnAt == null, ct))
            return new RuleViolation("", "This entry is recommended to a final and shares its files with it, so it cannot be returned for correction (its division can withdraw the recommendation first).");
        var now = clock.GetUtcNow();
        var due = ContestTime.FromLocal(cmd.CorrectionDue!.Value, entry.Contest.TimeZoneId);
        if (due <= now)
            return new RuleViolation("CorrectionDue", "The correction deadline must be in the future (it is now {0}).",
                ContestTime.Format(now, entry.Contest.TimeZoneId));
        var reason = cmd.Reason.Trim();
        var was = entry.State.ToString();
        entry.ReturnForCorrection(reason, due, now);
        db.Record(clock, user.RequiredId(), "ReturnEntry", "Entry", entry.Id, was, $"Returned until {due:O}", reason);
        outbox.Queue(MailRecipient.Of(entry.Entrant), new EntryReturnedMail(entry.Title, entry.Number ?? "", reason, due,
            links.Absolute($"/entries/{entry.Id}/edit")), entry.Contest);
        await db.SaveChangesAsync(ct);
        return entry.ContestId;
    }
}
