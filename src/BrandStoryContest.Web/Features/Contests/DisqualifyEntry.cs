using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Mail;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Contests;

public sealed record DisqualifyEntryCommand(int EntryId, string Reason) : ICommand<Result<int>>;

public sealed class DisqualifyEntryValidator : AbstractValidator<DisqualifyEntryCommand>
{
    public DisqualifyEntryValidator(IStringLocalizer<SharedResource> L) =>
        RuleFor(c => c.Reason).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => L["Give the reason (at most 1000 characters): the entrant will read it."])
            .MaximumLength(1000).WithMessage(_ => L["Give the reason (at most 1000 characters): the entrant will read it."]);
}

/// <summary>The organizer removes an entry from the contest with a reason the entrant sees; audit-logged.</summary>
public sealed record EntryDisqualifiedMail(string Entry, string Reason, string Link) : IMail;

public sealed class DisqualifyEntryHandler(ContestDb db, ICurrentUser user, TimeProvider clock, Outbox outbox, AppLinks links)
    : ICommandHandler<DisqualifyEntryCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(DisqualifyEntryCommand cmd, CancellationToken ct)
    {
        var entry = await db.Entries.Include(e => e.Contest).Include(e => e.Entrant).SingleOrDefaultAsync(e => e.Id == cmd.EntryId, ct);
        if (entry is null || !user.CanManage(entry.Contest) || entry.State is not (EntryState.Submitted or EntryState.Returned)) return Result.NotFound;
        var was = entry.State.ToString();
        entry.Disqualify(cmd.Reason.Trim(), clock.GetUtcNow());
        db.Record(clock, user.RequiredId(), "DisqualifyEntry", "Entry", entry.Id, was, "Disqualified", cmd.Reason.Trim());
        outbox.Queue(MailRecipient.Of(entry.Entrant), new EntryDisqualifiedMail(entry.Number ?? entry.Title, cmd.Reason.Trim(), links.Absolute("/entries")), entry.Contest);
        await db.SaveChangesAsync(ct);
        return entry.ContestId;
    }
}
