using System.Data.Common;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Divisions;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace BrandStoryContest.Tests.Divisions;

/// <summary>
/// The final's dashboard as a national final grows (bench part `divisions` measures it at 32 divisions): the same
/// number of SQL commands for 2 divisions as for 5, counts not rows, and every division's figures still right.
/// </summary>
public sealed class FinalDashboardScaleTests(ClockedApp app) : IClassFixture<ClockedApp>
{
    /// <summary>Counts the commands a context sends, as EF's command log would list them.</summary>
    private sealed class CommandCounter : DbCommandInterceptor
    {
        public int Count;
        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Count);
            return ValueTask.FromResult(result);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref Count);
            return ValueTask.FromResult(result);
        }
    }

    private static string NewCode(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();

    /// <summary>The dashboard's handler on a context that counts its commands, as the final's organizer.</summary>
    private Task<(Result<FinalDashboardView> View, int Commands)> DashboardAsync(Account organizer, int finalId) =>
        app.RunAsAsync(organizer, async sp =>
        {
            var counter = new CommandCounter();
            var options = new DbContextOptionsBuilder<ContestDb>(sp.GetRequiredService<DbContextOptions<ContestDb>>()).AddInterceptors(counter).Options;
            await using var db = new ContestDb(options);
            var view = await new FinalDashboardHandler(db, sp.GetRequiredService<ICurrentUser>(), app.Clock).Handle(new FinalDashboardQuery(finalId), CancellationToken.None);
            return (view, counter.Count);
        });

    /// <summary>A division with <paramref name="entries"/> submitted stories (and one withdrawn), a round, and its own organizer.</summary>
    private async Task<(int ContestId, Account Organizer, List<Entry> Entries)> DivisionAsync(Contest final, Account finalOrganizer, int n, int entries)
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer, realName: $"第{n}赛区主办方");
        var created = await app.SendAsync(finalOrganizer, new CreateDivisionCommand
        {
            FinalId = final.Id, Code = NewCode("D"), NameZh = $"第{n}赛区", OrganizerEmail = organizer.Email!,
            SubmissionOpensAt = DateTime.Today.AddDays(-10), SubmissionClosesAt = DateTime.Today.AddDays(-1),
        });
        Assert.True(created.IsOk);
        var stories = await app.DbAsync(db => db.Categories.SingleAsync(c => c.ContestId == created.Value && c.Code == "S"));
        var entrant = await app.CreateUserAsync(Roles.Entrant);
        var now = app.Clock.GetUtcNow();
        var made = Enumerable.Range(0, entries + 1).Select(i => new Entry
        {
            ContestId = created.Value, CategoryId = stories.Id, EntrantId = entrant.Id, State = i == entries ? EntryState.Withdrawn : EntryState.Submitted,
            Number = $"D{n}-S-{i + 1:D4}", Title = $"第{n}赛区作品{i + 1}", Body = "质量是企业的生命。", PledgedOriginality = true, DeclaredRights = true,
            CreatedAt = now, UpdatedAt = now, SubmittedAt = now,
        }).ToList();
        await app.DbAsync(db => { db.Entries.AddRange(made); return db.SaveChangesAsync(); });
        Assert.True((await app.SendAsync(organizer, new CreateRoundCommand { CategoryId = stories.Id, Name = "赛区初评", JudgesPerEntry = 1 })).IsOk);
        return (created.Value, organizer, made.Take(entries).ToList());
    }

    [Fact]
    public async Task The_dashboard_sends_the_same_few_queries_for_five_divisions_as_for_two_and_counts_each_right()
    {
        app.Clock.Set(DateTimeOffset.UtcNow);
        var finalOrganizer = await app.CreateUserAsync(Roles.Organizer, realName: "决赛主办方");
        var final = await TestData.ContestAsync(app, finalOrganizer, c => c.Code = NewCode("F"));
        var divisions = new List<(int ContestId, Account Organizer, List<Entry> Entries)>();
        for (var n = 1; n <= 2; n++) divisions.Add(await DivisionAsync(final, finalOrganizer, n, entries: 3 + n));
        var (_, small) = await DashboardAsync(finalOrganizer, final.Id);

        for (var n = 3; n <= 5; n++) divisions.Add(await DivisionAsync(final, finalOrganizer, n, entries: 3 + n));
        // Quotas of 2 in the stories, 0 in the films; each division but the last recommends n - 1 entries (at most the quota).
        var quotas = await app.DbAsync(db => db.DivisionQuotas.Include(q => q.DivisionCategory).Where(q => q.Division.FinalId == final.Id).ToListAsync());
        var deadline = ContestTime.ToLocal(app.Clock.GetUtcNow().AddDays(3), final.TimeZoneId).DateTime;
        Assert.True((await app.SendAsync(finalOrganizer, new SetDivisionQuotasCommand
        {
            FinalId = final.Id, RecommendationClosesAt = deadline,
            Quotas = quotas.Select(q => new QuotaValue { Id = q.Id, Quota = q.DivisionCategory.Code == "S" ? 2 : 0 }).ToList(),
        })).IsOk);
        for (var i = 0; i < divisions.Count - 1; i++)
            foreach (var entry in divisions[i].Entries.Take(Math.Min(2, i + 1)))
                Assert.True((await app.SendAsync(divisions[i].Organizer, new RecommendEntryCommand { DivisionContestId = divisions[i].ContestId, EntryId = entry.Id, Reason = "推荐" })).IsOk);

        var (view, large) = await DashboardAsync(finalOrganizer, final.Id);

        // One query per kind of figure, not one per division (the bench's 32 divisions read the same few).
        Assert.Equal(small, large);
        Assert.InRange(large, 1, 10);
        Assert.True(view.IsOk);
        Assert.Equal(divisions.Select(d => d.ContestId), view.Value.Divisions.Select(d => d.ContestId));
        for (var i = 0; i < divisions.Count; i++)
        {
            var row = view.Value.Divisions[i];
            // The withdrawn entry is not counted; the films quota is 0, so only the stories can be missing.
            Assert.Equal((4 + i, $"第{i + 1}赛区主办方"), (row.Entries, row.OrganizerName));
            Assert.Equal("赛区初评", Assert.Single(row.Rounds).Round);
            var stories = row.Quotas.Single(q => q.Quota == 2);
            var made = i == divisions.Count - 1 ? 0 : Math.Min(2, i + 1);
            Assert.Equal((made, 2 - made), (stories.Made, stories.Missing));
            Assert.Equal(2 - made, row.Missing);
        }
    }
}
