using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.AspNetCore.Identity;

namespace BrandStoryContest.Web.Features.Accounts;

public sealed record ReadProfileQuery : IQuery<Result<EditProfileCommand>>;

public sealed class ReadProfileHandler(UserManager<Account> users, ICurrentUser user) : IQueryHandler<ReadProfileQuery, Result<EditProfileCommand>>
{
    public async ValueTask<Result<EditProfileCommand>> Handle(ReadProfileQuery query, CancellationToken ct)
    {
        var a = await users.FindByIdAsync(user.RequiredId());
        if (a is null) return Result.NotFound;
        return new EditProfileCommand
        {
            Email = a.Email ?? "", RealName = a.RealName, Organization = a.Organization, Phone = a.PhoneNumber,
            PreferredLanguage = a.PreferredLanguage, ReceiveReminders = !a.RemindersOptedOut,
        };
    }
}
