using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Contests;

/// <summary>Create (Id = 0) or edit a contest (the form on Views/Contests/ContestForm.cshtml). Dates are typed as wall-clock times in the contest's time zone.</summary>
public sealed class SaveContestCommand : ICommand<Result<int>>
{
    public int Id { get; set; }
    public string Code { get; set; } = "";
    public string TitleZh { get; set; } = "";
    public string? TitleEn { get; set; }
    public string? DescriptionZh { get; set; }
    public string? DescriptionEn { get; set; }
    public string? Theme { get; set; }
    public string OrganizerName { get; set; } = "";
    public string TimeZoneId { get; set; } = ContestTime.DefaultZone;
    public DateTime SubmissionOpensAt { get; set; } = DateTime.Today;
    public DateTime SubmissionClosesAt { get; set; } = DateTime.Today.AddDays(30);
    public DateTime? JudgingStartsAt { get; set; }
    public DateTime? JudgingEndsAt { get; set; }
    public bool IsPublic { get; set; } = true;
    /// <summary>Hours before each deadline at which reminders go out, e.g. "72, 24"; empty for none.</summary>
    public string? ReminderHours { get; set; } = Domain.ReminderHours.Default;
}

public sealed class SaveContestValidator : AbstractValidator<SaveContestCommand>
{
    public SaveContestValidator(IStringLocalizer<SharedResource> L, ContestDb db)
    {
        RuleFor(c => c.Code).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => L["The code is 1–16 capital letters or digits, e.g. BSC2026."])
            .MaximumLength(16).WithMessage(_ => L["The code is 1–16 capital letters or digits, e.g. BSC2026."])
            .Matches("^[A-Z0-9]+$").WithMessage(_ => L["The code is 1–16 capital letters or digits, e.g. BSC2026."]);
        RuleFor(c => c.Code).MustAsync(async (form, code, ct) => !await db.Contests.AnyAsync(c => c.Code == code && c.Id != form.Id, ct))
            .WithMessage(_ => L["Another contest already uses this code."]);
        RuleFor(c => c.TitleZh).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => L["Enter a Chinese title (at most 200 characters)."])
            .MaximumLength(200).WithMessage(_ => L["Enter a Chinese title (at most 200 characters)."]);
        RuleFor(c => c.TitleEn).MaximumLength(200).WithMessage(_ => L["At most 200 characters."]);
        RuleFor(c => c.DescriptionZh).MaximumLength(10000).WithMessage(_ => L["At most 10000 characters."]);
        RuleFor(c => c.DescriptionEn).MaximumLength(10000).WithMessage(_ => L["At most 10000 characters."]);
        RuleFor(c => c.Theme).MaximumLength(200).WithMessage(_ => L["At most 200 characters."]);
        RuleFor(c => c.OrganizerName).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => L["Enter the organizer's name."])
            .MaximumLength(200).WithMessage(_ => L["Enter the organizer's name."]);
        RuleFor(c => c.TimeZoneId).Must(ContestTime.IsKnownZone).WithMessage(_ => L["Unknown time zone. Use an IANA name such as Asia/Shanghai."]);
        RuleFor(c => c.SubmissionClosesAt).GreaterThan(c => c.SubmissionOpensAt).WithMessage(_ => L["Submissions must close after they open."]);
        RuleFor(c => c.JudgingStartsAt).GreaterThanOrEqualTo(c => c.SubmissionClosesAt).When(c => c.JudgingStartsAt is not null)
            .WithMessage(_ => L["Judging starts after submissions close."]);
        RuleFor(c => c.JudgingEndsAt).GreaterThan(c => c.JudgingStartsAt).When(c => c.JudgingEndsAt is not null && c.JudgingStartsAt is not null)
            .WithMessage(_ => L["Judging must end after it starts."]);
        RuleFor(c => c.ReminderHours).Must(h => Domain.ReminderHours.Parse(h) is not null)
            .WithMessage(_ => L["Reminders: up to 6 whole numbers of hours between 1 and 720, separated by commas, e.g. 72, 24."]);
    }
}

public sealed class SaveContestHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<SaveContestCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(SaveContestCommand form, CancellationToken ct)
    {
        Contest? contest;
        if (form.Id == 0)
        {
            contest = new Contest { OwnerId = user.RequiredId(), CreatedAt = clock.GetUtcNow() };
            db.Contests.Add(contest);
        }
        else
        {
            contest = await db.Contests.SingleOrDefaultAsync(c => c.Id == form.Id, ct);
            if (contest is null || !user.CanManage(contest)) return Result.NotFound;
        }
        var old = $"{contest.SubmissionOpensAt:u} – {contest.SubmissionClosesAt:u}";
        contest.Code = form.Code.Trim();
        contest.TitleZh = form.TitleZh.Trim();
        contest.TitleEn = form.TitleEn?.Trim();
        contest.DescriptionZh = form.DescriptionZh?.Trim();
        contest.DescriptionEn = form.DescriptionEn?.Trim();
        contest.Theme = form.Theme?.Trim();
        contest.OrganizerName = form.OrganizerName.Trim();
        contest.TimeZoneId = form.TimeZoneId;
        contest.IsPublic = form.IsPublic;
        contest.ReminderHours = Domain.ReminderHours.Format(Domain.ReminderHours.Parse(form.ReminderHours) ?? []);
        contest.SubmissionOpensAt = ContestTime.FromLocal(form.SubmissionOpensAt, form.TimeZoneId);
        contest.SubmissionClosesAt = ContestTime.FromLocal(form.SubmissionClosesAt, form.TimeZoneId);
        contest.JudgingStartsAt = form.JudgingStartsAt is { } js ? ContestTime.FromLocal(js, form.TimeZoneId) : null;
        contest.JudgingEndsAt = form.JudgingEndsAt is { } je ? ContestTime.FromLocal(je, form.TimeZoneId) : null;
        await db.SaveChangesAsync(ct);
        db.Record(clock, user.RequiredId(), form.Id == 0 ? "CreateContest" : "EditContest", "Contest", contest.Id,
            oldValue: form.Id == 0 ? null : old, newValue: $"{contest.SubmissionOpensAt:u} – {contest.SubmissionClosesAt:u}");
        await db.SaveChangesAsync(ct);
        return contest.Id;
    }
}
