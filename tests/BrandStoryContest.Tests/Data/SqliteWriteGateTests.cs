using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BrandStoryContest.Tests.Data;

/// <summary>
/// The SQLite write gate (Data/SqliteWriteGate.cs): writers of one process queue for the file without holding a thread,
/// and enter one at a time as the one before them ends, however it ends. Every file here has a 1 s busy timeout: without
/// the gate a second writer would sit in Microsoft.Data.Sqlite's sleeping retry loop on the calling thread, so its
/// BeginTransactionAsync would come back already finished (failed with "database is locked"), never pending.
/// </summary>
public sealed class SqliteWriteGateTests
{
    public enum Ending { Commit, Rollback, DisposeWithoutEither }

    [Theory]
    [InlineData(Ending.Commit)]
    [InlineData(Ending.Rollback)]
    [InlineData(Ending.DisposeWithoutEither)]
    public async Task A_second_writer_waits_without_a_thread_and_enters_when_the_first_ends(Ending ending)
    {
        var file = NewFile();
        await using var first = Context(file);
        await using var second = Context(file);
        var holding = await first.Database.BeginTransactionAsync();
        await first.Database.ExecuteSqlRawAsync("INSERT INTO Notes VALUES ('first')");

        var entering = second.Database.BeginTransactionAsync();
        Assert.False(entering.IsCompleted, "the second writer waits on the gate, and its call has returned to the caller");

        switch (ending)
        {
            case Ending.Commit: await holding.CommitAsync(); break;
            case Ending.Rollback: await holding.RollbackAsync(); break;
            case Ending.DisposeWithoutEither: break;
        }
        await holding.DisposeAsync();
        await using (var entered = await entering.WaitAsync(TimeSpan.FromSeconds(30)))
        {
            await second.Database.ExecuteSqlRawAsync("INSERT INTO Notes VALUES ('second')");
            await entered.CommitAsync();
        }

        var notes = await second.Database.SqlQueryRaw<string>("SELECT Text AS Value FROM Notes ORDER BY Text").ToListAsync();
        Assert.Equal(ending == Ending.Commit ? ["first", "second"] : ["second"], notes);
    }

    [Fact]
    public async Task Writers_enter_in_the_order_they_came_one_at_a_time()
    {
        var file = NewFile();
        await using var first = Context(file);
        var holding = await first.Database.BeginTransactionAsync();
        var contexts = Enumerable.Range(0, 5).Select(_ => Context(file)).ToList();
        var order = new List<int>();
        var writers = contexts.Select(async (db, i) =>
        {
            await using var tx = await db.Database.BeginTransactionAsync();
            lock (order) order.Add(i);
            await db.Database.ExecuteSqlAsync($"INSERT INTO Notes VALUES ({"writer " + i})");
            await tx.CommitAsync();
        }).ToList();
        Assert.All(writers, w => Assert.False(w.IsCompleted));

        await holding.CommitAsync();
        await Task.WhenAll(writers).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal([0, 1, 2, 3, 4], order);
        foreach (var db in contexts) await db.DisposeAsync();
    }

    [Fact]
    public async Task A_writer_that_waits_past_the_busy_timeout_gets_database_busy_and_the_gate_is_not_lost()
    {
        var file = NewFile();
        await using var first = Context(file);
        await using var second = Context(file);
        var holding = await first.Database.BeginTransactionAsync();

        var busy = await Assert.ThrowsAsync<SqliteException>(() => second.Database.BeginTransactionAsync());
        Assert.Equal(5, busy.SqliteErrorCode);

        await holding.CommitAsync();
        await using var entered = await second.Database.BeginTransactionAsync();
        await second.Database.ExecuteSqlRawAsync("INSERT INTO Notes VALUES ('after')");
        await entered.CommitAsync();
    }

    [Fact]
    public async Task A_save_of_one_row_queues_on_the_gate_too()
    {
        var folder = Directory.CreateTempSubdirectory("bsc-gate-").FullName;
        var file = Path.Combine(folder, "contest.db");
        await using var app = new AppFactory
        {
            DataFolder = folder,
            Overrides = { ["ConnectionStrings:Contest"] = $"Data Source={file};Default Timeout=1" },
        };
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        using var holder = app.Services.CreateScope();
        using var saver = app.Services.CreateScope();
        var held = holder.ServiceProvider.GetRequiredService<ContestDb>();
        var db = saver.ServiceProvider.GetRequiredService<ContestDb>();
        var holding = await held.Database.BeginTransactionAsync();

        // One INSERT and nothing judges read: EF would send it in autocommit, outside any transaction.
        db.Record(TimeProvider.System, organizer.Id, "GateTest", "Contest", 0);
        var saving = db.SaveChangesAsync();
        Assert.False(saving.IsCompleted, "the save waits on the gate");

        await holding.CommitAsync();
        Assert.Equal(1, await saving.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(1, await app.DbAsync(d => d.Audit.CountAsync(a => a.Action == "GateTest")));
    }

    private static string NewFile()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("bsc-gate-").FullName, "gate.db");
        using var setup = new SqliteConnection($"Data Source={file};Pooling=false");
        setup.Open();
        using var create = setup.CreateCommand();
        create.CommandText = "PRAGMA journal_mode=WAL; CREATE TABLE Notes (Text TEXT NOT NULL);";
        create.ExecuteNonQuery();
        return file;
    }

    /// <summary>A context as the app configures it on SQLite (DatabaseSetup.UseSqlite), with a 1 s busy timeout.</summary>
    private static ContestDb Context(string file)
    {
        var options = new DbContextOptionsBuilder<ContestDb>();
        DatabaseSetup.UseSqlite(options, $"Data Source={file};Default Timeout=1;Pooling=false");
        return new ContestDb(options.Options);
    }
}
