using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Entries;

public sealed record ConfirmCoAuthorCommand(string? Token) : ICommand<Result<int>>;

public sealed class ConfirmCoAuthorValidator : AbstractValidator<ConfirmCoAuthorCommand>
{
    public ConfirmCoAuthorValidator(IStringLocalizer<SharedResource> L) =>
        RuleFor(q => q.Token).MaximumLength(64).WithMessage(_ => L["This link is not valid."]);
}

/// <summary>The linked account confirms it is on the team; confirming twice changes nothing. Answers the entry id.</summary>
public sealed class ConfirmCoAuthorHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<ConfirmCoAuthorCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(ConfirmCoAuthorCommand cmd, CancellationToken ct)
    {
        var author = await db.EntryAuthors.FindLinkedAsync(cmd.Token, user.Id, ct);
        if (author is null) return Result.NotFound;
        if (author.ConfirmedAt is null)
        {
            author.ConfirmedAt = clock.GetUtcNow();
            db.Record(clock, user.RequiredId(), "ConfirmCoAuthor", "Entry", author.EntryId, newValue: $"{author.Role} {author.Name}");
            await db.SaveChangesAsync(ct);
        }
        return author.EntryId;
    }
}

internal static class CoAuthorLinks
{
    public static Task<EntryAuthor?> FindLinkedAsync(this IQueryable<EntryAuthor> authors, string? token, string? userId, CancellationToken ct) =>
        string.IsNullOrEmpty(token) || userId is null
            ? Task.FromResult<EntryAuthor?>(null)
            : authors.Include(a => a.Entry).ThenInclude(e => e.Entrant).Include(a => a.Entry).ThenInclude(e => e.Contest)
                .SingleOrDefaultAsync(a => a.ConfirmToken == token && a.AccountId == userId
                    && (a.Entry.State == EntryState.Draft || a.Entry.State == EntryState.Submitted), ct);
}
