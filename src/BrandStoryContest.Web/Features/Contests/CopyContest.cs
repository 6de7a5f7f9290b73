using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Contests;

/// <summary>The next edition of a contest: a new code and new dates (wall-clock times in the source contest's time zone).</summary>
public sealed class CopyContestCommand : ICommand<Result<int>>
{
    public int SourceId { get; set; }
    public string Code { get; set; } = "";
    public string TitleZh { get; set; } = "";
    public string? TitleEn { get; set; }
    public DateTime SubmissionOpensAt { get; set; }
    public DateTime SubmissionClosesAt { get; set; }
    public DateTime? JudgingStartsAt { get; set; }
    public DateTime? JudgingEndsAt { get; set; }
}

public sealed class CopyContestValidator : AbstractValidator<CopyContestCommand>
{
    public CopyContestValidator(IStringLocalizer<SharedResource> L, ContestDb db)
    {
        RuleFor(c => c.Code).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => L["The code is 1–16 capital letters or digits, e.g. BSC2026."])
            .MaximumLength(16).WithMessage(_ => L["The code is 1–16 capital letters or digits, e.g. BSC2026."])
            .Matches("^[A-Z0-9]+$").WithMessage(_ => L["The code is 1–16 capital letters or digits, e.g. BSC2026."])
            .MustAsync(async (code, ct) => !await db.Contests.AnyAsync(c => c.Code == code, ct)).WithMessage(_ => L["Another contest already uses this code."]);
        RuleFor(c => c.TitleZh).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => L["Enter a Chinese title (at most 200 characters)."])
            .MaximumLength(200).WithMessage(_ => L["Enter a Chinese title (at most 200 characters)."]);
        RuleFor(c => c.TitleEn).MaximumLength(200).WithMessage(_ => L["At most 200 characters."]);
        RuleFor(c => c.SubmissionOpensAt).NotEqual(default(DateTime)).WithMessage(_ => L["Give the new edition's dates."]);
        RuleFor(c => c.SubmissionClosesAt).GreaterThan(c => c.SubmissionOpensAt).WithMessage(_ => L["Submissions must close after they open."]);
        RuleFor(c => c.JudgingStartsAt).GreaterThanOrEqualTo(c => c.SubmissionClosesAt).When(c => c.JudgingStartsAt is not null)
            .WithMessage(_ => L["Judging starts after submissions close."]);
        RuleFor(c => c.JudgingEndsAt).GreaterThan(c => c.JudgingStartsAt).When(c => c.JudgingEndsAt is not null && c.JudgingStartsAt is not null)
            .WithMessage(_ => L["Judging must end after it starts."]);
    }
}

/// <summary>
/// Copies a contest into a new, not yet public edition: its settings, categories with their rules, each category's
/// rounds with their criteria (the rubric, as a draft round), award tiers, certificate wording, reminder hours and the
/// current declaration texts. Nothing that belongs to last year's people comes along: no entries, judges, panels,
/// conflicts, scores, votes, awards or certificates, and no images (a replaced cover or seal deletes its blob, which
/// would take the other edition's with it).
/// </summary>
public sealed class CopyContestHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<CopyContestCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(CopyContestCommand cmd, CancellationToken ct)
    {
        var source = await db.Contests.Include(c => c.Categories).SingleOrDefaultAsync(c => c.Id == cmd.SourceId, ct);
        if (source is null || !user.CanManage(source)) return Result.NotFound;
        var now = clock.GetUtcNow();
        var zone = source.TimeZoneId;

        // Every stored setting comes along (so a setting added later is copied too); then what must not.
        var edition = Copy(source);
        edition.Code = cmd.Code.Trim();
        edition.TitleZh = cmd.TitleZh.Trim();
        edition.TitleEn = string.IsNullOrWhiteSpace(cmd.TitleEn) ? null : cmd.TitleEn.Trim();
        edition.SubmissionOpensAt = ContestTime.FromLocal(cmd.SubmissionOpensAt, zone);
        edition.SubmissionClosesAt = ContestTime.FromLocal(cmd.SubmissionClosesAt, zone);
        edition.JudgingStartsAt = cmd.JudgingStartsAt is { } js ? ContestTime.FromLocal(js, zone) : null;
        edition.JudgingEndsAt = cmd.JudgingEndsAt is { } je ? ContestTime.FromLocal(je, zone) : null;
        edition.IsPublic = false;
        edition.CreatedAt = now;
        edition.PreviousEditionId = source.Id;
        edition.CoverBlob = null;
        edition.SealBlob = null;
        edition.ResultsPublishAt = edition.ResultsPublishedAt = null;
        edition.VotingOpensAt = edition.VotingClosesAt = null;
        edition.NoticeStartedAt = edition.NoticeEndsAt = null;
        db.Contests.Add(edition);

        var categoryIds = source.Categories.Select(c => c.Id).ToList();
        var rounds = await db.Rounds.Include(r => r.Criteria).Where(r => categoryIds.Contains(r.CategoryId)).ToListAsync(ct);
        var tiers = await db.AwardTiers.Where(t => categoryIds.Contains(t.CategoryId)).ToListAsync(ct);
        var fields = await db.CategoryFields.Where(f => categoryIds.Contains(f.CategoryId) && !f.Archived).ToListAsync(ct);
        foreach (var category in source.Categories.OrderBy(c => c.Id))
        {
            var copy = Copy(category);
            copy.ContestId = 0;
            copy.Contest = edition;
            edition.Categories.Add(copy);

            // The rubric: each round as a draft with its criteria; its state, votes and dates were last year's.
            foreach (var round in rounds.Where(r => r.CategoryId == category.Id).OrderBy(r => r.Sequence))
            {
                var r = Copy(round);
                r.CategoryId = 0;
                r.Category = copy;
                r.State = RoundState.Draft;
                r.Version = 0;
                r.VotingOpensAt = r.VotingClosesAt = null;
                r.Criteria = round.Criteria.OrderBy(c => c.Order).Select(c => { var k = Copy(c); k.RoundId = 0; return k; }).ToList();
                db.Rounds.Add(r);
            }

            // Award tiers.
            foreach (var tier in tiers.Where(t => t.CategoryId == category.Id))
            {
                var t = Copy(tier);
                t.CategoryId = 0;
                t.Category = copy;
                db.AwardTiers.Add(t);
            }

            // The entry form's custom fields; archived ones stay with last year's answers.
            foreach (var field in fields.Where(f => f.CategoryId == category.Id).OrderBy(f => f.Order))
            {
                var f = Copy(field);
                f.CategoryId = 0;
                f.Category = copy;
                db.CategoryFields.Add(f);
            }
        }

        // Declarations: the current text of each, as version 1 of the new edition.
        var declarations = DeclarationRules.Current(await db.Declarations.AsNoTracking().Where(d => d.ContestId == source.Id).ToListAsync(ct));
        var me = user.RequiredId();
        foreach (var d in declarations)
            db.Declarations.Add(new Declaration { Contest = edition, Kind = d.Kind, Version = 1, TextZh = d.TextZh, TextEn = d.TextEn, PublishedAt = now, PublishedById = me });

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // The unique code index: another contest took the code between the validator's check and now.
            return new RuleViolation("Code", "Another contest already uses this code.");
        }
        db.Record(clock, me, "CopyContest", "Contest", edition.Id, source.Code, edition.Code);
        await db.SaveChangesAsync(ct);
        return edition.Id;
    }

    /// <summary>A new object with every stored value of <paramref name="source"/> but its key; navigations are left empty.</summary>
    private T Copy<T>(T source) where T : class
    {
        var values = db.Entry(source).CurrentValues.Clone();
        values["Id"] = 0;
        return (T)values.ToObject();
    }
}
