using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Accounts;
using BrandStoryContest.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BrandStoryContest.Tests.Mail;

/// <summary>The dispatcher run by hand on a hand-moved clock (the hosted loop is off), against a real SMTP server.</summary>
public sealed class ManualMailAppFactory : MailAppFactory
{
    public ManualMailAppFactory()
    {
        Clock = new TestClock(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        Overrides = new() { ["Mail:DispatcherEnabled"] = "false", ["Mail:MaxAttempts"] = "4", ["Mail:RetrySeconds"] = "30", ["Mail:LeaseSeconds"] = "120" };
    }
}

[Collection(nameof(MailRetryTests))]
public sealed class MailRetryTests(ManualMailAppFactory app) : IClassFixture<ManualMailAppFactory>
{
    private TestClock Clock => app.Clock!;
    private MailDispatcher Dispatcher => app.Services.GetRequiredService<MailDispatcher>();

    [Fact]
    public async Task Mail_queued_while_the_server_is_down_stays_pending_is_retried_with_backoff_and_arrives_exactly_once()
    {
        var batch = $"down-{Guid.NewGuid():N}";
        await app.Smtp.StopAsync();
        try
        {
            var ids = await QueueAsync(batch, 50);
            while (await Dispatcher.RunOnceAsync(CancellationToken.None) > 0) { }
            var rows = await RowsAsync(ids);
            Assert.All(rows, r => Assert.Equal((OutboxState.Pending, 1), (r.State, r.Attempts)));
            Assert.All(rows, r => Assert.False(string.IsNullOrEmpty(r.LastError)));
            Assert.All(rows, r => Assert.Equal(Clock.GetUtcNow().AddSeconds(30), r.NextAttemptAt));

            // Not due before the backoff has passed: nothing is claimed.
            Clock.Advance(TimeSpan.FromSeconds(29));
            Assert.Equal(0, await Dispatcher.RunOnceAsync(CancellationToken.None));

            // Still down at the second attempt: the wait doubles.
            Clock.Advance(TimeSpan.FromSeconds(1));
            while (await Dispatcher.RunOnceAsync(CancellationToken.None) > 0) { }
            rows = await RowsAsync(ids);
            Assert.All(rows, r => Assert.Equal((OutboxState.Pending, 2), (r.State, r.Attempts)));
            Assert.All(rows, r => Assert.Equal(Clock.GetUtcNow().AddSeconds(60), r.NextAttemptAt));
        }
        finally { app.Smtp.Start(); }

        // Back up: two dispatchers (as two instances would) race over the same rows; each message arrives once.
        Clock.Advance(TimeSpan.FromSeconds(60));
        var other = ActivatorUtilities.CreateInstance<MailDispatcher>(app.Services, new SmtpMailSender(
            app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<MailOptions>>(), Clock));
        await Task.WhenAll(Drain(Dispatcher), Drain(other));
        var sent = await RowsAsync(await IdsAsync(batch));
        Assert.All(sent, r => Assert.Equal((OutboxState.Sent, 3), (r.State, r.Attempts)));
        var arrived = app.Smtp.Received.Where(m => (m.TextBody ?? "").Contains(batch)).Select(m => m.MessageId).ToList();
        Assert.Equal(50, arrived.Count);
        Assert.Equal(sent.Select(r => r.MessageId).Order(), arrived.Order());
    }

    [Fact]
    public async Task After_the_last_attempt_a_row_is_failed_with_its_error_and_send_again_starts_it_over()
    {
        var batch = $"fail-{Guid.NewGuid():N}";
        int id;
        await app.Smtp.StopAsync();
        try
        {
            id = (await QueueAsync(batch, 1)).Single();
            for (var attempt = 1; attempt <= 4; attempt++)
            {
                while (await Dispatcher.RunOnceAsync(CancellationToken.None) > 0) { }
                var row = (await RowsAsync([id])).Single();
                Assert.Equal(attempt, row.Attempts);
                Assert.Equal(attempt < 4 ? OutboxState.Pending : OutboxState.Failed, row.State);
                Clock.Advance(TimeSpan.FromHours(2));
            }
            var failed = (await RowsAsync([id])).Single();
            Assert.NotNull(failed.LastError);
            Assert.Null(failed.SentAt);
            Assert.Equal(0, await Dispatcher.RunOnceAsync(CancellationToken.None));
        }
        finally { app.Smtp.Start(); }
    }

    [Fact]
    public async Task Rows_claimed_by_an_instance_that_dies_mid_send_are_sent_by_another_once_the_lease_expires()
    {
        var batch = $"lease-{Guid.NewGuid():N}";
        var ids = await QueueAsync(batch, 5);
        // An instance that claims and then never comes back (killed while talking to the server).
        var dying = ActivatorUtilities.CreateInstance<MailDispatcher>(app.Services, new NeverReturns());
        using var kill = new CancellationTokenSource();
        var dead = dying.RunOnceAsync(kill.Token);
        await SmtpCatcher.WaitUntilAsync(() => RowsAsync(ids).Result.All(r => r.State == OutboxState.Sending), TimeSpan.FromSeconds(10), "the claim");

        // The lease holds: nobody else takes the rows.
        Clock.Advance(TimeSpan.FromSeconds(119));
        Assert.Equal(0, await Dispatcher.RunOnceAsync(CancellationToken.None));
        Assert.DoesNotContain(app.Smtp.Received, m => (m.TextBody ?? "").Contains(batch));

        Clock.Advance(TimeSpan.FromSeconds(1));
        while (await Dispatcher.RunOnceAsync(CancellationToken.None) > 0) { }
        var rows = await RowsAsync(ids);
        Assert.All(rows, r => Assert.Equal((OutboxState.Sent, 2), (r.State, r.Attempts)));
        Assert.Equal(5, app.Smtp.Received.Count(m => (m.TextBody ?? "").Contains(batch)));

        kill.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => dead);
        Assert.All(await RowsAsync(ids), r => Assert.Equal(OutboxState.Sent, r.State));
    }

    private static async Task Drain(MailDispatcher d)
    {
        while (await d.RunOnceAsync(CancellationToken.None) > 0) { }
    }

    private async Task<List<int>> QueueAsync(string batch, int count) => await app.RunAsAsync(null, async sp =>
    {
        var outbox = sp.GetRequiredService<Outbox>();
        var rows = Enumerable.Range(0, count).Select(i => outbox.Queue(new MailRecipient($"{batch}-{i}@test.local", null, Languages.English),
            new ConfirmEmailMail(batch, $"{MailAppFactory.PublicUrl}/x/{i}"))).ToList();
        await sp.GetRequiredService<ContestDb>().SaveChangesAsync();
        return rows.Select(r => r.Id).ToList();
    });

    private Task<List<int>> IdsAsync(string batch) => app.DbAsync(db => db.Outbox.Where(m => m.Text.Contains(batch)).Select(m => m.Id).ToListAsync());
    private Task<List<OutboxMessage>> RowsAsync(IReadOnlyList<int> ids) => app.DbAsync(db => db.Outbox.AsNoTracking().Where(m => ids.Contains(m.Id)).ToListAsync());

    /// <summary>The dying instance's sender: it never answers until the instance is killed.</summary>
    private sealed class NeverReturns : IMailSender
    {
        public async Task<IReadOnlyList<string?>> SendAsync(IReadOnlyList<OutboxMessage> batch, CancellationToken ct)
        {
            await Task.Delay(Timeout.Infinite, ct);
            return [];
        }
    }
}
