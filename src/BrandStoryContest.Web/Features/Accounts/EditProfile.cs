using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Accounts;

public sealed class ProfileForm : ICommand<bool>
{
    public string Email { get; set; } = "";
    public string RealName { get; set; } = "";
    public string? Organization { get; set; }
    public string? Phone { get; set; }
    public string PreferredLanguage { get; set; } = Languages.Chinese;
    /// <summary>Deadline reminders and organizers' announcements; transactional mail comes either way.</summary>
    public bool ReceiveReminders { get; set; } = true;
}

public sealed record GetProfileQuery : IQuery<ProfileForm?>;

public sealed class GetProfileHandler(UserManager<Account> users, ICurrentUser user) : IQueryHandler<GetProfileQuery, ProfileForm?>
{
    public async ValueTask<ProfileForm?> Handle(GetProfileQuery query, CancellationToken ct)
    {
        var a = await users.FindByIdAsync(user.RequiredId());
        return a is null ? null : new ProfileForm
        {
            Email = a.Email ?? "", RealName = a.RealName, Organization = a.Organization, Phone = a.PhoneNumber,
            PreferredLanguage = a.PreferredLanguage, ReceiveReminders = !a.RemindersOptedOut,
        };
    }
}

public sealed class ProfileValidator : AbstractValidator<ProfileForm>
{
    public ProfileValidator(IStringLocalizer<SharedResource> L)
    {
        RuleFor(c => c.RealName).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(_ => L["Enter your real name (at most 50 characters)."])
            .MaximumLength(50).WithMessage(_ => L["Enter your real name (at most 50 characters)."]);
        RuleFor(c => c.Organization).MaximumLength(100).WithMessage(_ => L["At most 100 characters."]);
        RuleFor(c => c.Phone).Cascade(CascadeMode.Stop)
            .MaximumLength(30).WithMessage(_ => L["Enter a valid phone number."])
            .Matches(@"^[0-9+\-() ]*$").WithMessage(_ => L["Enter a valid phone number."]);
        RuleFor(c => c.PreferredLanguage).Must(l => Languages.All.Contains(l)).WithMessage(_ => L["Choose a language."]);
    }
}

/// <summary>
/// Saves the signed-in person's own profile; the email shown on the form is never taken from the post. A change of
/// name, organization or phone is audited with the old and new values. It changes nothing already submitted: each
/// entry keeps the identity fixed at its submission (<see cref="Entry.FixIdentity"/>).
/// </summary>
public sealed class EditProfileHandler(UserManager<Account> users, SignInManager<Account> signIn, ICurrentUser user, ContestDb db, TimeProvider clock)
    : ICommandHandler<ProfileForm, bool>
{
    public async ValueTask<bool> Handle(ProfileForm form, CancellationToken ct)
    {
        var a = await users.FindByIdAsync(user.RequiredId());
        if (a is null) return false;
        var before = Describe(a);
        a.RealName = form.RealName.Trim();
        a.Organization = string.IsNullOrWhiteSpace(form.Organization) ? null : form.Organization.Trim();
        a.PhoneNumber = form.Phone;
        a.PreferredLanguage = form.PreferredLanguage;
        a.RemindersOptedOut = !form.ReceiveReminders;
        // Added to the same unit of work as the profile: UpdateAsync saves both or neither.
        if (Describe(a) is var after && after != before) db.Record(clock, a.Id, "EditProfile", "Account", a.Id, before, after);
        var ok = (await users.UpdateAsync(a)).Succeeded;
        if (ok) await signIn.RefreshSignInAsync(a);
        return ok;
    }

    private static string Describe(Account a) => $"name={a.RealName}; organization={a.Organization}; phone={a.PhoneNumber}";
}
