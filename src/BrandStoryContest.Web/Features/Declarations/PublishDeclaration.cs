using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Declarations;

/// <summary>Publishes a declaration's text as its next version; the first publication makes the document required at submission.</summary>
public sealed class PublishDeclarationCommand : ICommand<Result<int>>
{
    public int ContestId { get; set; }
    /// <summary>Nullable so that a value that does not bind is refused by the validator instead of becoming the first kind.</summary>
    public DeclarationKind? Kind { get; set; }
    public string TextZh { get; set; } = "";
    public string? TextEn { get; set; }
}

public sealed class PublishDeclarationValidator : AbstractValidator<PublishDeclarationCommand>
{
    public PublishDeclarationValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(c => c.Kind).NotNull().WithMessage(_ => L["Choose which declaration this text is."])
            .IsInEnum().WithMessage(_ => L["Choose which declaration this text is."]);
        RuleFor(c => c.TextZh).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => L["Write the Chinese text (at most {0} characters).", Declaration.MaxTextChars])
            .MaximumLength(Declaration.MaxTextChars).WithMessage(_ => L["Write the Chinese text (at most {0} characters).", Declaration.MaxTextChars]);
        RuleFor(c => c.TextEn).MaximumLength(Declaration.MaxTextChars).WithMessage(_ => L["At most {0} characters.", Declaration.MaxTextChars]);
    }
}

public sealed class PublishDeclarationHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<PublishDeclarationCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(PublishDeclarationCommand cmd, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cmd.ContestId, ct);
        if (contest is null || !user.CanManage(contest)) return Result.NotFound;
        var kind = cmd.Kind ?? throw new InvalidOperationException("The validator requires a kind.");
        var textZh = cmd.TextZh.Replace("\r\n", "\n").Trim();
        var textEn = string.IsNullOrWhiteSpace(cmd.TextEn) ? null : cmd.TextEn.Replace("\r\n", "\n").Trim();
        var latest = await db.Declarations.AsNoTracking().Where(d => d.ContestId == contest.Id && d.Kind == kind)
            .OrderByDescending(d => d.Version).FirstOrDefaultAsync(ct);
        // A new version asks every submitted entry to accept again: never make one for nothing.
        if (latest is not null && latest.TextZh == textZh && latest.TextEn == textEn)
            return Result.Refuse("The text is the same as the current version: nothing was published.");
        var declaration = new Declaration
        {
            ContestId = contest.Id, Kind = kind, Version = (latest?.Version ?? 0) + 1, TextZh = textZh, TextEn = textEn,
            PublishedAt = clock.GetUtcNow(), PublishedById = user.RequiredId(),
        };
        db.Declarations.Add(declaration);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique (contest, kind, version) index: someone published the same document at the same moment.
            return Result.Refuse("Someone else published a new version at the same time: reload the page and check it.");
        }
        db.Record(clock, user.RequiredId(), "PublishDeclaration", "Contest", contest.Id, latest is null ? null : $"{kind} v{latest.Version}",
            $"{kind} v{declaration.Version}");
        await db.SaveChangesAsync(ct);
        return declaration.Id;
    }
}
