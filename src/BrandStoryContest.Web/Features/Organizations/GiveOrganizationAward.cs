using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Awards;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Organizations;

/// <summary>The organizer gives a unit an award of its own (优秀组织奖), or with Remove takes one back; answers the contest's id.</summary>
public sealed class GiveOrganizationAwardCommand : ICommand<Result<int>>
{
    public int OrganizationId { get; set; }
    public string NameZh { get; set; } = OrganizationAward.DefaultNameZh;
    public string? NameEn { get; set; } = OrganizationAward.DefaultNameEn;
    public string? Reason { get; set; }
    public bool Remove { get; set; }
}

public sealed class GiveOrganizationAwardValidator : AbstractValidator<GiveOrganizationAwardCommand>
{
    public GiveOrganizationAwardValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(c => c.NameZh).Cascade(CascadeMode.Stop)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(_ => L["Give the award's Chinese name (at most {0} characters).", 60])
            .MaximumLength(60).WithMessage(_ => L["Give the award's Chinese name (at most {0} characters).", 60]);
        RuleFor(c => c.NameEn).MaximumLength(80).WithMessage(_ => L["At most {0} characters.", 80]);
        RuleFor(c => c.Reason).MaximumLength(500).WithMessage(_ => L["Give the reason (at most {0} characters).", 500]);
    }
}

public sealed class GiveOrganizationAwardHandler(ContestDb db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<GiveOrganizationAwardCommand, Result<int>>
{
    public async ValueTask<Result<int>> Handle(GiveOrganizationAwardCommand cmd, CancellationToken ct)
    {
        var organization = await db.Organizations.Include(o => o.Contest).SingleOrDefaultAsync(o => o.Id == cmd.OrganizationId, ct);
        if (organization is null || !user.CanManage(organization.Contest)) return Result.NotFound;
        var contest = organization.Contest;
        if (contest.WhyAwardsFrozen() is { } frozen) return frozen;
        var nameZh = cmd.NameZh.Trim();
        var existing = await db.OrganizationAwards.SingleOrDefaultAsync(a => a.OrganizationId == organization.Id && a.NameZh == nameZh, ct);
        if (cmd.Remove)
        {
            if (existing is null) return contest.Id;
            db.OrganizationAwards.Remove(existing);
        }
        else
        {
            if (existing is not null) return new RuleViolation("", "This organization already has this award.");
            // The award is for the work a unit sent: one with nothing submitted has nothing to be recognized for.
            if (!await db.Entries.AnyAsync(e => e.OrganizationId == organization.Id && e.State == EntryState.Submitted, ct))
                return new RuleViolation("", "Only an organization with submitted entries can be given an award.");
            db.OrganizationAwards.Add(new OrganizationAward
            {
                ContestId = contest.Id, OrganizationId = organization.Id, NameZh = nameZh,
                NameEn = string.IsNullOrWhiteSpace(cmd.NameEn) ? null : cmd.NameEn.Trim(),
                Reason = string.IsNullOrWhiteSpace(cmd.Reason) ? null : cmd.Reason.Trim(), CreatedAt = clock.GetUtcNow(),
            });
        }
        db.Record(clock, user.RequiredId(), cmd.Remove ? "RemoveOrganizationAward" : "GiveOrganizationAward", "Organization", organization.Id,
            cmd.Remove ? nameZh : "no award", cmd.Remove ? "no award" : nameZh, cmd.Reason?.Trim());
        await db.SaveChangesAsync(ct);
        return contest.Id;
    }
}
