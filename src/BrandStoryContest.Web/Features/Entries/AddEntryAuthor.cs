using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Mail;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Entries;

/// <summary>Adds a co-author or an instructor after the ones already listed.</summary>
public sealed class AddEntryAuthorCommand : ICommand<Result<int>>
{
    public int EntryId { get; set; }
    public string Name { get; set; } = "";
    public string? Organization { get; set; }
    public AuthorRole Role { get; set; }
    /// <summary>Optional: when it belongs to an account, that account is linked and asked to confirm.</summary>
    public string? Email { get; set; }
}

public sealed class AddEntryAuthorValidator : AbstractValidator<AddEntryAuthorCommand>
{
    public AddEntryAuthorValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(c => c.Name).Cascade(CascadeMode.Stop)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(_ => L["Enter the author's name (at most 50 characters)."])
            .MaximumLength(50).WithMessage(_ => L["Enter the author's name (at most 50 characters)."]);
        RuleFor(c => c.Organization).MaximumLength(100).WithMessage(_ => L["At most {0} characters.", 100]);
        RuleFor(c => c.Role).IsInEnum().WithMessage(_ => L["Choose author or instructor."]);
        RuleFor(c => c.Email).Cascade(CascadeMode.Stop)
            .MaximumLength(200).WithMessage(_ => L["Enter a valid email address."])
            .EmailAddress().When(c => !string.IsNullOrWhiteSpace(c.Email)).WithMessage(_ => L["Enter a valid email address."]);
    }
}

/// <summary>The confirm link for a co-author who has an account (Mails/CoAuthorInvitation.*).</summary>
public sealed record CoAuthorInvitationMail(string Entrant, string Entry, Bilingual Role, string Link) : IMail;

/// <summary>
/// The entrant adds someone to the entry's team while it is editable, within the category's limits. An email that
/// belongs to an account links it: that account is mailed a confirm link, and from now on counts in conflict checks.
/// </summary>
public sealed class AddEntryAuthorHandler(ContestDb db, ICurrentUser user, TimeProvider clock, AppLinks links, Outbox outbox,
    IStringLocalizer<SharedResource> L)
    : ICommandHandler<AddEntryAuthorCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(AddEntryAuthorCommand cmd, CancellationToken ct)
    {
        var entry = await db.OwnEntryAsync(cmd.EntryId, user.Id, ct);
        if (entry is null) return Result.NotFound;
        var now = clock.GetUtcNow();
        if (EntryAccess.WhyLocked(entry, now) is { } locked) return locked;

        var author = new EntryAuthor
        {
            EntryId = entry.Id, Role = cmd.Role, Name = cmd.Name.Trim(),
            Organization = string.IsNullOrWhiteSpace(cmd.Organization) ? null : cmd.Organization.Trim(),
            Email = string.IsNullOrWhiteSpace(cmd.Email) ? null : cmd.Email.Trim(),
            Order = entry.Authors.Select(a => a.Order).DefaultIfEmpty(0).Max() + 1,
        };
        if (EntryTeam.CheckLimits([.. entry.Authors, author], entry.Category).ToList() is { Count: > 0 } over) return Result.Refuse(over);

        Account? account = null;
        if (author.Email is { } email)
        {
            account = await db.Users.SingleOrDefaultAsync(u => u.NormalizedEmail == email.ToUpperInvariant(), ct);
            if (account?.Id == entry.EntrantId) return Result.Refuse("You are already the first author: add the others here.");
            if (account is not null && entry.Authors.Any(a => a.AccountId == account.Id)) return Result.Refuse("This person is already on the list.");
        }
        if (account is not null)
        {
            author.AccountId = account.Id;
            author.ConfirmToken = EntryAuthor.NewToken();
            var entrant = await db.Users.SingleAsync(u => u.Id == entry.EntrantId, ct);
            outbox.Queue(MailRecipient.Of(account), new CoAuthorInvitationMail(entrant.RealName, entry.Title,
                L.ForMail(author.Role == AuthorRole.Instructor ? "instructor" : "co-author"),
                links.Absolute($"/co-authors/confirm?token={author.ConfirmToken}")), entry.Contest);
        }
        db.EntryAuthors.Add(author);
        db.Record(clock, user.RequiredId(), "AddEntryAuthor", "Entry", entry.Id, newValue: $"{author.Role} {author.Name}");
        await db.SaveChangesAsync(ct);
        return author.Id;
    }
}
