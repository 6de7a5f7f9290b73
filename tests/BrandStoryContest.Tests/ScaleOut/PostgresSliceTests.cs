using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Tests.Judging;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Features.Awards;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BrandStoryContest.Tests.ScaleOut;

/// <summary>The core of the slice tests once more, with Database:Provider switched to PostgreSQL.</summary>
public sealed class PostgresSliceTests
{
    [PostgresFact]
    public async Task The_postgres_migrations_apply_and_a_contest_its_entries_and_scores_round_trip()
    {
        var database = await Postgres.CreateDatabaseAsync();
        try
        {
            await using var app = new AppFactory { Overrides = WorkersOff(Postgres.Settings(database)) };
            var applied = await app.DbAsync(async db =>
            {
                Assert.IsType<PostgresContestDb>(db);
                Assert.Empty(await db.Database.GetPendingMigrationsAsync());
                return (await db.Database.GetAppliedMigrationsAsync()).ToList();
            });
            Assert.Contains(applied, m => m.EndsWith("_Initial"));

            var scene = await JudgingScenes.CreateAsync(app, judges: 3, entries: 2, judgesPerEntry: 2);

            await JudgingScenes.OpenAsync(app, scene, seed: 7);
            var stored = await app.DbAsync(db => db.Contests.AsNoTracking().Include(c => c.Categories)
                .SingleAsync(c => c.Id == scene.Contest.Id));
            Assert.Equal(scene.Contest.Code, stored.Code);
            Assert.Equal(2, stored.Categories.Count);
            // DateTimeOffset stays UTC ticks on PostgreSQL too: the values come back as written (to the converter's precision).
            Assert.Equal(scene.Contest.SubmissionClosesAt, stored.SubmissionClosesAt, TimeSpan.FromMilliseconds(1));
            var soon = DateTimeOffset.UtcNow.AddMinutes(1);
            Assert.Equal(2, await app.DbAsync(db => db.Entries.CountAsync(e => e.ContestId == scene.Contest.Id
                && e.State == EntryState.Submitted && e.SubmittedAt < soon)));

            var assignment = (await JudgingScenes.AssignmentsAsync(app, scene.RoundId)).First();
            var judge = scene.Judges.Single(j => j.Id == assignment.JudgeId);
            var result = await JudgingScenes.ScoreAsync(app, judge, assignment, 8, 7, 9);
            Assert.True(result.IsOk);
            var scored = (await JudgingScenes.AssignmentsAsync(app, scene.RoundId)).Single(a => a.Id == assignment.Id);
            Assert.NotEmpty(scored.Scores);
            Assert.Contains(scored.Scores, s => s.Value == 8);
        }
        finally { await Postgres.DropDatabaseAsync(database); }
    }

    [PostgresFact]
    public async Task A_certificate_job_is_claimed_by_exactly_one_instance_until_its_lease_runs_out()
    {
        var database = await Postgres.CreateDatabaseAsync();
        try
        {
            await using var app = new AppFactory { Overrides = WorkersOff(Postgres.Settings(database)) };
            var organizer = await app.CreateUserAsync(Roles.Organizer);
            var contest = await TestData.ContestAsync(app, organizer);
            var jobId = await app.DbAsync(async db =>
            {
                var job = new CertificateJob { ContestId = contest.Id, RequestedById = organizer.Id, PublicOrigin = "http://127.0.0.1", State = CertificateJobState.Queued, CreatedAt = DateTimeOffset.UtcNow };
                db.CertificateJobs.Add(job);
                await db.SaveChangesAsync();
                return job.Id;
            });

            // Two "instances" race for it at the same moment: one wins, the other finds nothing free.
            var now = DateTimeOffset.UtcNow;
            var lease = TimeSpan.FromMinutes(2);
            var claims = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(async () =>
            {
                using var scope = app.Services.CreateScope();
                return await CertificateJobWorker.ClaimAsync(scope.ServiceProvider.GetRequiredService<ContestDb>(), now, lease, CancellationToken.None);
            })));
            Assert.Equal([jobId], claims.Where(c => c is not null).Cast<int>());

            // A job whose instance died is free again once its lease has run out.
            Assert.Null(await app.DbAsync(db => CertificateJobWorker.ClaimAsync(db, now.AddMinutes(1), lease, CancellationToken.None)));
            Assert.Equal(jobId, await app.DbAsync(db => CertificateJobWorker.ClaimAsync(db, now.AddMinutes(3), lease, CancellationToken.None)));
        }
        finally { await Postgres.DropDatabaseAsync(database); }
    }

    internal static Dictionary<string, string?> WorkersOff(Dictionary<string, string?> settings)
    {
        settings["Media:WorkerEnabled"] = "false";
        settings["Certificates:WorkerEnabled"] = "false";
        return settings;
    }
}
