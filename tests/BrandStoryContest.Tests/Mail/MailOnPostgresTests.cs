using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Accounts;
using BrandStoryContest.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BrandStoryContest.Tests.Mail;

/// <summary>Several instances on one PostgreSQL database: each claims with its lease, none sends a row another has.</summary>
public sealed class MailOnPostgresTests
{
    [PostgresFact]
    public async Task Two_instances_on_one_postgresql_database_deliver_each_queued_mail_exactly_once()
    {
        var database = await Postgres.CreateDatabaseAsync();
        try
        {
            var clock = new TestClock(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
            // Small batches, so the two dispatchers take turns over the same pending rows instead of one taking all.
            Dictionary<string, string?> Settings(bool worker) => new(Postgres.Settings(database))
            {
                ["Mail:DispatcherEnabled"] = "false", ["Mail:BatchSize"] = "5", ["Reminders:Enabled"] = "false",
                ["Media:WorkerEnabled"] = worker ? "true" : "false",
            };
            await using var first = new MailAppFactory { Clock = clock, Overrides = Settings(worker: true) };
            await using var second = new MailAppFactory
            {
                Clock = clock, Overrides = Settings(worker: false), ContainerName = first.ContainerName, QueueName = first.QueueName,
            };
            var batch = $"pg-{Guid.NewGuid():N}";
            var ids = await first.RunAsAsync(null, async sp =>
            {
                var outbox = sp.GetRequiredService<Outbox>();
                var rows = Enumerable.Range(0, 60).Select(i => outbox.Queue(new MailRecipient($"{batch}-{i}@test.local", null, Languages.Chinese),
                    new ConfirmEmailMail(batch, $"{MailAppFactory.PublicUrl}/x/{i}"))).ToList();
                await sp.GetRequiredService<ContestDb>().SaveChangesAsync();
                return rows.Select(r => r.Id).ToList();
            });

            var a = first.Services.GetRequiredService<MailDispatcher>();
            var b = second.Services.GetRequiredService<MailDispatcher>();
            // One claim each in turn (so both instances surely send), then both drain at once, twice over.
            Assert.Equal(5, await a.RunOnceAsync(CancellationToken.None));
            Assert.Equal(5, await b.RunOnceAsync(CancellationToken.None));
            await Task.WhenAll(DrainAsync(a), DrainAsync(b), DrainAsync(a), DrainAsync(b));

            var arrived = first.Smtp.Received.Concat(second.Smtp.Received)
                .Where(m => (m.TextBody ?? "").Contains(batch)).Select(m => m.MessageId).ToList();
            Assert.Equal(60, arrived.Count);
            Assert.Equal(60, arrived.Distinct().Count());
            Assert.Contains(first.Smtp.Received, m => (m.TextBody ?? "").Contains(batch));
            Assert.Contains(second.Smtp.Received, m => (m.TextBody ?? "").Contains(batch));
            var rows = await second.DbAsync(db => db.Outbox.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync());
            Assert.All(rows, r => Assert.Equal((OutboxState.Sent, 1), (r.State, r.Attempts)));
            Assert.Equal(rows.Select(r => r.MessageId).Order(), arrived.Order());
        }
        finally
        {
            await Postgres.DropDatabaseAsync(database);
        }
    }

    private static async Task DrainAsync(MailDispatcher dispatcher)
    {
        while (await dispatcher.RunOnceAsync(CancellationToken.None) > 0) { }
    }
}
