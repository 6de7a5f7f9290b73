using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Organizations;

/// <summary>An entrant registers their unit for a contest and becomes its contact; answers the organization's id.</summary>
public sealed class RegisterOrganizationCommand : ICommand<Result<int>>
{
    public int ContestId { get; set; }
    public string Name { get; set; } = "";
    public string? CreditCode { get; set; }
}

public sealed class RegisterOrganizationValidator : AbstractValidator<RegisterOrganizationCommand>
{
    public RegisterOrganizationValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(c => c.Name).Cascade(CascadeMode.Stop)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(_ => L["Give the organization's name (at most {0} characters).", Organization.MaxNameLength])
            .MaximumLength(Organization.MaxNameLength).WithMessage(_ => L["Give the organization's name (at most {0} characters).", Organization.MaxNameLength]);
        RuleFor(c => c.CreditCode).Cascade(CascadeMode.Stop)
            .MaximumLength(30).WithMessage(_ => L["The unified social credit code has 18 characters; check it or leave it empty."])
            .Must(c => string.IsNullOrWhiteSpace(c) || CreditCodes.IsValid(CreditCodes.Normalize(c)))
            .WithMessage(_ => L["The unified social credit code has 18 characters; check it or leave it empty."]);
    }
}

public sealed class RegisterOrganizationHandler(ContestDb db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<RegisterOrganizationCommand, Result<int>>
{
    /// <summary>A contact runs a few units at most; more from one account is someone squatting on names.</summary>
    public const int MaxPerContact = 5;

    public async ValueTask<Result<int>> Handle(RegisterOrganizationCommand cmd, CancellationToken ct)
    {
        var me = user.RequiredId();
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == cmd.ContestId && c.IsPublic, ct);
        if (contest is null) return Result.NotFound;
        if (clock.GetUtcNow() >= contest.SubmissionClosesAt) return Entries.EntryAccess.Closed(contest);
        var name = cmd.Name.Trim();
        var code = string.IsNullOrWhiteSpace(cmd.CreditCode) ? null : CreditCodes.Normalize(cmd.CreditCode);
        if (await db.Organizations.CountAsync(o => o.ContestId == contest.Id && o.ContactId == me, ct) >= MaxPerContact)
            return new RuleViolation("", "You are already the contact of {0} organizations in this contest, the most one account may register.", MaxPerContact);
        if (await db.Organizations.AnyAsync(o => o.ContestId == contest.Id && o.Name == name, ct))
            return new RuleViolation("Name", "An organization of this name is already registered for this contest; ask its contact, or the organizer.");
        if (code is not null && await db.Organizations.AnyAsync(o => o.ContestId == contest.Id && o.CreditCode == code, ct))
            return new RuleViolation("CreditCode", "An organization with this credit code is already registered for this contest; ask its contact, or the organizer.");
        var organization = new Organization { ContestId = contest.Id, Name = name, CreditCode = code, ContactId = me, CreatedAt = clock.GetUtcNow() };
        db.Organizations.Add(organization);
        db.Record(clock, me, "RegisterOrganization", "Contest", contest.Id, null, code is null ? name : $"{name} ({code})");
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException e) when (DatabaseSetup.IsUniqueViolation(e))
        {
            // The same unit registered at the same moment from another tab or by a colleague.
            return new RuleViolation("Name", "An organization of this name is already registered for this contest; ask its contact, or the organizer.");
        }
        return organization.Id;
    }
}
