using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Awards;

/// <summary>Announcement time, notice period, Popular Choice voting window and rule, and certificate wording. Times are typed in the contest's zone.</summary>
public sealed class SaveAwardSettingsCommand : ICommand<Result<Result.Done>>
{
    public int ContestId { get; set; }
    /// <summary>Null leaves the length as it is.</summary>
    public int? NoticeDays { get; set; }
    public DateTime? ResultsPublishAt { get; set; }
    public DateTime? VotingOpensAt { get; set; }
    public DateTime? VotingClosesAt { get; set; }
    public bool VotePerDay { get; set; }
    public string? CertificateHeadingZh { get; set; }
    public string? CertificateHeadingEn { get; set; }
    public string? CertificateBodyZh { get; set; }
    public string? CertificateBodyEn { get; set; }
}

public sealed class SaveAwardSettingsValidator : AbstractValidator<SaveAwardSettingsCommand>
{
    public SaveAwardSettingsValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(c => c.VotingClosesAt).NotNull().When(c => c.VotingOpensAt is not null).WithMessage(_ => L["Set when voting closes."]);
        RuleFor(c => c.VotingClosesAt).GreaterThan(c => c.VotingOpensAt).When(c => c.VotingOpensAt is not null && c.VotingClosesAt is not null)
            .WithMessage(_ => L["Voting must close after it opens."]);
        RuleFor(c => c.NoticeDays).InclusiveBetween(0, 60).WithMessage(_ => L["The notice period is 0 to 60 days."]);
        RuleFor(c => c.CertificateHeadingZh).MaximumLength(40).WithMessage(_ => L["At most {0} characters.", 40]);
        RuleFor(c => c.CertificateHeadingEn).MaximumLength(60).WithMessage(_ => L["At most {0} characters.", 60]);
        RuleFor(c => c.CertificateBodyZh).MaximumLength(400).WithMessage(_ => L["At most {0} characters.", 400]);
        RuleFor(c => c.CertificateBodyEn).MaximumLength(600).WithMessage(_ => L["At most {0} characters.", 600]);
    }
}

public sealed class SaveAwardSettingsHandler(ContestDb db, ICurrentUser user, TimeProvider clock) : ICommandHandler<SaveAwardSettingsCommand, Result<Result.Done>>
{
    public async ValueTask<Result<Result.Done>> Handle(SaveAwardSettingsCommand cmd, CancellationToken ct)
    {
        var contest = await db.ManagedContestAsync(user, cmd.ContestId, ct);
        if (contest is null) return Result.NotFound;
        DateTimeOffset? At(DateTime? local) => local is { } l ? ContestTime.FromLocal(l, contest.TimeZoneId) : null;
        var old = $"notice {contest.NoticeDays}d publish {contest.ResultsPublishAt:O} voting {contest.VotingOpensAt:O}-{contest.VotingClosesAt:O} perDay {contest.VotePerDay}";
        // Once published, the announced time is history: moving it would hide or reveal results after the fact.
        if (!contest.AwardsLocked) contest.ResultsPublishAt = At(cmd.ResultsPublishAt);
        // Once the notice period is open its length is public; changing it would move the deadline for objections.
        if (contest.Stage == ResultsStage.Draft && cmd.NoticeDays is { } days) contest.NoticeDays = days;
        contest.VotingOpensAt = At(cmd.VotingOpensAt);
        contest.VotingClosesAt = At(cmd.VotingClosesAt);
        contest.VotePerDay = cmd.VotePerDay;
        contest.CertificateHeadingZh = Clean(cmd.CertificateHeadingZh);
        contest.CertificateHeadingEn = Clean(cmd.CertificateHeadingEn);
        contest.CertificateBodyZh = Clean(cmd.CertificateBodyZh);
        contest.CertificateBodyEn = Clean(cmd.CertificateBodyEn);
        db.Record(clock, user.RequiredId(), "SaveAwardSettings", "Contest", contest.Id, old,
            $"notice {contest.NoticeDays}d publish {contest.ResultsPublishAt:O} voting {contest.VotingOpensAt:O}-{contest.VotingClosesAt:O} perDay {contest.VotePerDay}");
        await db.SaveChangesAsync(ct);
        return Result.Ok();
    }

    private static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
