using BrandStoryContest.Web.Domain;
using Microsoft.AspNetCore.Authorization;

namespace BrandStoryContest.Web.Infrastructure.Web;

public static class Policies
{
    public const string Entrant = "Entrant";
    public const string Judge = "Judge";
    public const string Organizer = "Organizer";
    public const string Admin = "Admin";

    public static void Add(AuthorizationOptions o)
    {
        o.AddPolicy(Entrant, p => p.RequireRole(Roles.Entrant, Roles.Admin));
        o.AddPolicy(Judge, p => p.RequireRole(Roles.Judge));
        o.AddPolicy(Organizer, p => p.RequireRole(Roles.Organizer, Roles.Admin));
        o.AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
    }
}
