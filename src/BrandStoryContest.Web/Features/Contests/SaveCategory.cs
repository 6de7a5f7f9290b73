using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Contests;

/// <summary>Create (Id = 0) or edit a category and its rules. Sizes are typed in MB.</summary>
public sealed class SaveCategoryCommand : ICommand<Result<int>>
{
    public int Id { get; set; }
    public int ContestId { get; set; }
    public CategoryKind Kind { get; set; }
    public string Code { get; set; } = "S";
    public string NameZh { get; set; } = "";
    public string? NameEn { get; set; }
    public int MaxEntriesPerEntrant { get; set; } = 1;
    public bool RequireOriginalityPledge { get; set; } = true;
    public bool RequireRightsDeclaration { get; set; } = true;
    public bool RequirePublicationConsent { get; set; }
    public int MaxAuthors { get; set; } = EntryTeam.DefaultMaxAuthors;
    public int MaxInstructors { get; set; } = EntryTeam.DefaultMaxInstructors;
    public int MinLength { get; set; } = 1000;
    public int MaxLength { get; set; } = 3000;
    public string? AttachmentTypes { get; set; } = "pdf,docx";
    public int MaxAttachmentMb { get; set; } = 10;
    public string? AllowedContainers { get; set; } = "mp4,mov";
    /// <summary>Empty: any codec ffprobe can read.</summary>
    public string? AllowedVideoCodecs { get; set; } = "h264,hevc";
    public int MaxFileMb { get; set; } = 2048;
    public int MinDurationSeconds { get; set; } = 30;
    public int MaxDurationSeconds { get; set; } = 600;
    public int MinWidth { get; set; }
    public int MinHeight { get; set; }
    /// <summary>Shown on the edit page, never posted: the category's custom fields (active in order, then archived) and their answer counts.</summary>
    [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever]
    public IReadOnlyList<CategoryFieldRow> Fields { get; set; } = [];
}

public sealed record CategoryFieldRow(CategoryField Field, int Answers);

public sealed class SaveCategoryValidator : AbstractValidator<SaveCategoryCommand>
{
    private static readonly string[] Containers = ["mp4", "mov", "mkv", "webm", "avi"];
    private static readonly string[] Documents = ["pdf", "docx"];

    public SaveCategoryValidator(IStringLocalizer<SharedResource> L, ContestDb db)
    {
        RuleFor(c => c.Code).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => L["The code is 1–4 capital letters, e.g. S or F."])
            .MaximumLength(4).WithMessage(_ => L["The code is 1–4 capital letters, e.g. S or F."])
            .Matches("^[A-Z]+$").WithMessage(_ => L["The code is 1–4 capital letters, e.g. S or F."]);
        RuleFor(c => c.Code).MustAsync(async (f, code, ct) => !await db.Categories.AnyAsync(c => c.ContestId == f.ContestId && c.Code == code && c.Id != f.Id, ct))
            .WithMessage(_ => L["Another category of this contest already uses this code."]);
        RuleFor(c => c.NameZh).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => L["Enter a Chinese name (at most 100 characters)."])
            .MaximumLength(100).WithMessage(_ => L["Enter a Chinese name (at most 100 characters)."]);
        RuleFor(c => c.NameEn).MaximumLength(100).WithMessage(_ => L["At most 100 characters."]);
        RuleFor(c => c.AttachmentTypes).MaximumLength(100).WithMessage(_ => L["At most 100 characters."]);
        RuleFor(c => c.AllowedContainers).MaximumLength(100).WithMessage(_ => L["At most 100 characters."]);
        RuleFor(c => c.AllowedVideoCodecs).Cascade(CascadeMode.Stop)
            .MaximumLength(100).WithMessage(_ => L["Codecs are ffprobe names separated by commas, e.g. h264,hevc (at most 100 characters)."])
            .Matches("^[A-Za-z0-9_, ]*$").WithMessage(_ => L["Codecs are ffprobe names separated by commas, e.g. h264,hevc (at most 100 characters)."]);
        RuleFor(c => c.MaxEntriesPerEntrant).InclusiveBetween(1, 50).WithMessage(_ => L["Between 1 and 50 entries per entrant."]);
        RuleFor(c => c.MaxAuthors).InclusiveBetween(1, 20).WithMessage(_ => L["Between 1 and 20 authors per entry."]);
        RuleFor(c => c.MaxInstructors).InclusiveBetween(0, 10).WithMessage(_ => L["Between 0 and 10 instructors per entry."]);
        When(c => c.Kind == CategoryKind.Story, () =>
        {
            RuleFor(c => c.MinLength).InclusiveBetween(0, 100000).WithMessage(_ => L["Lengths are between 0 and 100000."]);
            RuleFor(c => c.MaxLength).Cascade(CascadeMode.Stop)
                .GreaterThanOrEqualTo(c => c.MinLength).WithMessage(_ => L["The maximum length must be at least the minimum and at most 100000."])
                .LessThanOrEqualTo(100000).WithMessage(_ => L["The maximum length must be at least the minimum and at most 100000."]);
            RuleFor(c => c.AttachmentTypes).Must(t => Split(t).All(Documents.Contains)).WithMessage(_ => L["Attachments may be pdf and/or docx."]);
            RuleFor(c => c.MaxAttachmentMb).InclusiveBetween(1, 50).WithMessage(_ => L["Attachments may be 1 to 50 MB."]);
        });
        When(c => c.Kind == CategoryKind.Film, () =>
        {
            RuleFor(c => c.AllowedContainers).Must(t => Split(t).Length > 0 && Split(t).All(Containers.Contains))
                .WithMessage(_ => L["Formats are some of mp4, mov, mkv, webm, avi."]);
            RuleFor(c => c.MaxFileMb).InclusiveBetween(1, 20480).WithMessage(_ => L["The maximum file size is 1 MB to 20 GB."]);
            RuleFor(c => c.MinDurationSeconds).InclusiveBetween(0, 36000).WithMessage(_ => L["Durations are between 0 and 36000 seconds."]);
            RuleFor(c => c.MaxDurationSeconds).Cascade(CascadeMode.Stop)
                .GreaterThan(c => c.MinDurationSeconds).WithMessage(_ => L["The maximum duration must be longer than the minimum."])
                .LessThanOrEqualTo(36000).WithMessage(_ => L["The maximum duration must be longer than the minimum."]);
            RuleFor(c => c.MinWidth).InclusiveBetween(0, 8192).WithMessage(_ => L["Resolution is between 0 and 8192."]);
            RuleFor(c => c.MinHeight).InclusiveBetween(0, 8192).WithMessage(_ => L["Resolution is between 0 and 8192."]);
        });
    }

    private static string[] Split(string? value) =>
        (value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => v.ToLowerInvariant()).ToArray();
}

public sealed class SaveCategoryHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<SaveCategoryCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(SaveCategoryCommand form, CancellationToken ct)
    {
        var contest = await db.Contests.SingleOrDefaultAsync(c => c.Id == form.ContestId, ct);
        if (contest is null || !user.CanManage(contest)) return Result.NotFound;
        Category? category;
        if (form.Id == 0)
        {
            category = new Category { ContestId = contest.Id, Kind = form.Kind };
            db.Categories.Add(category);
        }
        else
        {
            category = await db.Categories.SingleOrDefaultAsync(c => c.Id == form.Id && c.ContestId == contest.Id, ct);
            if (category is null) return Result.NotFound;
        }
        category.Code = form.Code;
        category.NameZh = form.NameZh.Trim();
        category.NameEn = form.NameEn?.Trim();
        category.MaxEntriesPerEntrant = form.MaxEntriesPerEntrant;
        category.RequireOriginalityPledge = form.RequireOriginalityPledge;
        category.RequireRightsDeclaration = form.RequireRightsDeclaration;
        category.RequirePublicationConsent = form.RequirePublicationConsent;
        category.MaxAuthors = form.MaxAuthors;
        category.MaxInstructors = form.MaxInstructors;
        category.MinLength = form.MinLength;
        category.MaxLength = form.MaxLength;
        // An emptied list field arrives as null: no attachment types, any codec.
        category.AttachmentTypes = (form.AttachmentTypes ?? "").ToLowerInvariant();
        category.MaxAttachmentBytes = form.MaxAttachmentMb * 1024L * 1024;
        category.AllowedContainers = (form.AllowedContainers ?? "").ToLowerInvariant();
        category.AllowedVideoCodecs = (form.AllowedVideoCodecs ?? "").ToLowerInvariant();
        category.MaxFileBytes = form.MaxFileMb * 1024L * 1024;
        category.MinDurationSeconds = form.MinDurationSeconds;
        category.MaxDurationSeconds = form.MaxDurationSeconds;
        category.MinWidth = form.MinWidth;
        category.MinHeight = form.MinHeight;
        await db.SaveChangesAsync(ct);
        db.Record(clock, user.RequiredId(), form.Id == 0 ? "CreateCategory" : "EditCategoryRules", "Category", category.Id);
        // A new category starts with the usual tiers, here, so that the awards page never has to write them on a GET.
        if (form.Id == 0) db.AwardTiers.AddRange(AwardTier.Defaults(category.Id));
        await db.SaveChangesAsync(ct);
        return contest.Id;
    }
}
