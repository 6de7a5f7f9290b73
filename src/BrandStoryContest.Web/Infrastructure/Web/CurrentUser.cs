using System.Security.Claims;
using BrandStoryContest.Web.Domain;

namespace BrandStoryContest.Web.Infrastructure.Web;

public interface ICurrentUser
{
    string? Id { get; }
    bool IsInRole(string role);
}

public sealed class HttpCurrentUser(IHttpContextAccessor http) : ICurrentUser
{
    private ClaimsPrincipal? Principal => http.HttpContext?.User;
    public string? Id => Principal?.Identity?.IsAuthenticated == true ? Principal.FindFirstValue(ClaimTypes.NameIdentifier) : null;
    public bool IsInRole(string role) => Principal?.IsInRole(role) == true;
}

public static class CurrentUserExtensions
{
    public static string RequiredId(this ICurrentUser user) =>
        user.Id ?? throw new UnauthorizedAccessException("A signed-in user is required.");

    public static bool IsAdmin(this ICurrentUser user) => user.IsInRole(Roles.Admin);

    /// <summary>Organizers run only their own contests; admins may run any.</summary>
    public static bool CanManage(this ICurrentUser user, Contest contest) =>
        user.IsAdmin() || (user.IsInRole(Roles.Organizer) && contest.OwnerId == user.Id);
}
