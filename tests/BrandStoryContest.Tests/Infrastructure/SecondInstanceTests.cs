using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;

namespace BrandStoryContest.Tests.Infrastructure;

/// <summary>The set-up the cross-instance tests share: two apps, one database, on the provider of the run.</summary>
public sealed class SecondInstanceTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task An_account_made_here_signs_in_there_on_the_runs_database()
    {
        await using var instances = await SecondInstance.StartAsync(app.StorageConnectionString, "second-instance");
        Assert.Equal(AppFactory.AllOnPostgres, await instances.Here.DbAsync(db => Task.FromResult(db is PostgresContestDb)));
        var organizer = await instances.Here.CreateUserAsync(Roles.Organizer);
        var there = await instances.SignedInThereAsync(organizer);
        Assert.Contains(organizer.Email!, await there.GetHtmlAsync("/account/profile"));
    }
}
