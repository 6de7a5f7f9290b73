using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Entries;
using BrandStoryContest.Web.Infrastructure.Results;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Entries;

/// <summary>MaxEntriesPerEntrant holds when the same entrant starts entries in parallel, on SQLite and on PostgreSQL.</summary>
public sealed class EntryQuotaConcurrencyTests(AppFactory app) : IClassFixture<AppFactory>
{
    internal static async Task TenParallelStartsGiveExactlyOneEntryAsync(AppFactory app)
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer, c => c.Categories.Single(x => x.Kind == CategoryKind.Story).MaxEntriesPerEntrant = 1);
        var stories = contest.Categories.Single(c => c.Kind == CategoryKind.Story).Id;
        var entrant = await app.CreateUserAsync(Roles.Entrant);

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => app.SendAsync(entrant, new StartEntryCommand(stories)))));

        Assert.Single(results, r => r.IsOk);
        Assert.All(results.Where(r => !r.IsOk), r => Assert.Equal(Outcome.Refused, r.Outcome));
        Assert.Equal(1, await app.DbAsync(db => db.Entries.CountAsync(e => e.CategoryId == stories && e.EntrantId == entrant.Id)));

        // Withdrawing frees the place: the entrant may start again, once.
        var first = results.Single(r => r.IsOk).Value;
        Assert.True((await app.SendAsync(entrant, new WithdrawEntryCommand(first))).IsOk);
        var again = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => app.SendAsync(entrant, new StartEntryCommand(stories)))));
        Assert.Single(again, r => r.IsOk);
    }

    [Fact]
    public Task Ten_parallel_starts_in_a_category_allowing_one_give_exactly_one_entry() => TenParallelStartsGiveExactlyOneEntryAsync(app);

    [PostgresFact]
    public async Task Ten_parallel_starts_give_exactly_one_entry_on_postgres_too()
    {
        var database = await Postgres.CreateDatabaseAsync();
        try
        {
            await using var pg = new AppFactory { Overrides = ScaleOut.PostgresSliceTests.WorkersOff(Postgres.Settings(database)) };
            await TenParallelStartsGiveExactlyOneEntryAsync(pg);
        }
        finally { await Postgres.DropDatabaseAsync(database); }
    }
}
