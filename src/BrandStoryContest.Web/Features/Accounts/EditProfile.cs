using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using FluentValidation;
using Mediator;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace BrandStoryContest.Web.Features.Accounts;

public sealed class EditProfileCommand : ICommand<Result<Result.Done>>
{
    public string Email { get; set; } = "";
    public string RealName { get; set; } = "";
    public string? Organization { get; set; }
    public string? Phone { get; set; }
    public string PreferredLanguage { get; set; } = Languages.Chinese;
    /// <summary>Deadline reminders and organizers' announcements; transactional mail comes either way.</summary>
    public bool ReceiveReminders { get; set; } = true;
}

public sealed class EditProfileValidator : AbstractValidator<EditProfileCommand>
{
    public EditProfileValidator(IStringLocalizer<SharedResource> L)
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
    : ICommandHandler<EditProfileCommand, Result<Result.Done>>
{
    public async ValueTask<Result<Result.Done>> Handle(EditProfileCommand form, CancellationToken ct)
    {
        var a = await users.FindByIdAsync(user.RequiredId());
        if (a is null) return Result.NotFound;
        var before = Describe(a);
        a.RealName = form.RealName.Trim();
        a.Organization = string.IsNullOrWhiteSpace(form.Organization) ? null : form.Organization.Trim();
        a.PhoneNumber = form.Phone;
        a.PreferredLanguage = form.PreferredLanguage;
        a.RemindersOptedOut = !form.ReceiveReminders;
        // Added to the same unit of work as the profile: UpdateAsync saves both or neither.
        if (Describe(a) is var after && after != before) db.Record(clock, a.Id, "EditProfile", "Account", a.Id, before, after);
        // Identity refuses an update only when the account vanished or was changed under it meanwhile: as before, not found.
        if (!(await users.UpdateAsync(a)).Succeeded) return Result.NotFound;
        await signIn.RefreshSignInAsync(a);
        return Result.Ok();
    }

    private static string Describe(Account a) => $"name={a.RealName}; organization={a.Organization}; phone={a.PhoneNumber}";
}
