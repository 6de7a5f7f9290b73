using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Entries;

/// <summary>What the confirm page shows the linked account: whose entry, which role, and whether it is confirmed already.</summary>
public sealed record CoAuthorInvitation(string Token, string Entrant, string EntryTitle, string ContestTitleZh, string? ContestTitleEn,
    AuthorRole Role, string Name, DateTimeOffset? ConfirmedAt);

/// <summary>
/// The page a co-author's confirm link opens. Only the account the author is linked to, signed in, sees it: any other
/// account (and a wrong token) gets "not found", so the link is of no use to whoever else gets hold of it. Reading changes nothing.
/// </summary>
public sealed record ReadCoAuthorInvitationQuery(string? Token) : IQuery<Result<CoAuthorInvitation>>;

public sealed class ReadCoAuthorInvitationValidator : AbstractValidator<ReadCoAuthorInvitationQuery>
{
    public ReadCoAuthorInvitationValidator(IStringLocalizer<SharedResource> L) =>
        RuleFor(q => q.Token).MaximumLength(64).WithMessage(_ => L["This link is not valid."]);
}

public sealed class ReadCoAuthorInvitationHandler(ContestDb db, ICurrentUser user) : IQueryHandler<ReadCoAuthorInvitationQuery, Result<CoAuthorInvitation>>
{
    public async ValueTask<Result<CoAuthorInvitation>> Handle(ReadCoAuthorInvitationQuery query, CancellationToken ct)
    {
        var author = await db.EntryAuthors.AsNoTracking().FindLinkedAsync(query.Token, user.Id, ct);
        if (author is null) return Result.NotFound;
        return new CoAuthorInvitation(query.Token!, author.Entry.NameOfRecord, author.Entry.Title, author.Entry.Contest.TitleZh, author.Entry.Contest.TitleEn,
            author.Role, author.Name, author.ConfirmedAt);
    }
}
