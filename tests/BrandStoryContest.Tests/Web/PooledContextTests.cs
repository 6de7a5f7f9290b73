using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BrandStoryContest.Tests.Web;

/// <summary>
/// ContestDb is pooled (a signed-in page no longer builds a context): a context one request left with tracked,
/// unsaved changes and its own settings goes to the next request as if new.
/// </summary>
public sealed class PooledContextTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_context_comes_back_from_the_pool_clean_so_nothing_one_request_tracked_reaches_the_next()
    {
        var judge = await app.CreateUserAsync(Roles.Judge, realName: "评委甲");
        ContestDb used;
        using (var scope = app.Services.CreateScope())
        {
            used = scope.ServiceProvider.GetRequiredService<ContestDb>();
            var account = await used.Users.SingleAsync(u => u.Id == judge.Id);
            account.RealName = "changed, never saved";
            used.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;
            Assert.True(used.ChangeTracker.HasChanges());
        }

        // The pool hands contexts out in turn (and the app's workers rent some too): hold enough requests at once
        // that the one just returned is among them.
        var scopes = Enumerable.Range(0, 64).Select(_ => app.Services.CreateScope()).ToList();
        try
        {
            var again = scopes.Select(s => s.ServiceProvider.GetRequiredService<ContestDb>()).SingleOrDefault(db => ReferenceEquals(db, used));
            Assert.NotNull(again);
            Assert.False(again.ChangeTracker.HasChanges());
            Assert.Empty(again.ChangeTracker.Entries());
            Assert.Equal(QueryTrackingBehavior.TrackAll, again.ChangeTracker.QueryTrackingBehavior);
            Assert.Equal("评委甲", (await again.Users.SingleAsync(u => u.Id == judge.Id)).RealName);
        }
        finally
        {
            foreach (var s in scopes) s.Dispose();
        }
    }
}
