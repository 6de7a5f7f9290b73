using System.Net;
using System.Text.RegularExpressions;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BrandStoryContest.Tests.Reliability;

/// <summary>
/// In the deadline surge every statement of a save is a round trip that waits for a CPU, and under the numbering lock
/// every other submit waits for each of them (docs/performance.md, "Sign-in and the PostgreSQL submit in the surge").
/// A save in a transaction of its own and a first submit make no EF savepoints: a failure rolls all of it back.
/// </summary>
public sealed class SubmitRoundTripTests(SubmitRoundTripTests.SavepointApp app) : IClassFixture<SubmitRoundTripTests.SavepointApp>
{
    /// <summary>The app with EF's transaction events counted (its "creating savepoint" event is Debug).</summary>
    public sealed class SavepointApp : AppFactory
    {
        public SavepointLog Savepoints { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Transaction", "Debug");
            builder.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(Savepoints));
        }
    }

    public sealed class SavepointLog : ILoggerProvider, ILogger
    {
        private int count;
        public int Count => Volatile.Read(ref count);
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == RelationalEventId.CreatingTransactionSavepoint.Id) Interlocked.Increment(ref count);
        }
        public void Dispose() { }
    }

    [Fact]
    public async Task A_draft_save_and_a_first_submit_send_no_savepoints_and_the_submit_is_numbered()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var writer = await app.CreateUserAsync(Roles.Entrant, realName: "少一次往返");
        var web = Browserless.For(app);
        await web.SignInAsync(writer.Email!, AppFactory.TestPassword);
        var category = contest.Categories.Single(x => x.Kind == CategoryKind.Story).Id;
        var started = await web.PostFormAsync($"/contests/{contest.Id}", "/entries/new", new Dictionary<string, string> { ["CategoryId"] = category.ToString() });
        var id = int.Parse(started.Headers.Location!.ToString().Split('/')[2]);
        var before = app.Savepoints.Count;

        Assert.Equal(HttpStatusCode.Redirect, (await web.Client.PostAsync($"/entries/{id}/edit", new FormUrlEncodedContent(await FormAsync(web, id, submit: false)))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await web.Client.PostAsync($"/entries/{id}/edit", new FormUrlEncodedContent(await FormAsync(web, id, submit: true)))).StatusCode);

        Assert.Equal(0, app.Savepoints.Count - before);
        var entry = await app.DbAsync(db => db.Entries.Where(e => e.Id == id).Select(e => new { e.State, e.Number }).SingleAsync());
        Assert.Equal((EntryState.Submitted, $"{contest.Code}-S-0001"), (entry.State, entry.Number));
        Assert.Equal(1, await app.DbAsync(db => db.Outbox.CountAsync(m => m.To == writer.Email && m.Kind == "Receipt")));
    }

    private static async Task<Dictionary<string, string>> FormAsync(Browserless web, int entryId, bool submit)
    {
        var html = await web.GetHtmlAsync($"/entries/{entryId}/edit");
        return new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Browserless.AntiforgeryToken(html),
            ["Version"] = Regex.Match(html, "name=\"Version\" value=\"(\\d+)\"").Groups[1].Value,
            ["Title"] = "往返", ["Body"] = "江城电器三十年如一日坚持质量第一，每一台产品都经过严格检验，这就是我们的品牌故事。",
            ["PledgedOriginality"] = "true", ["DeclaredRights"] = "true", ["ConsentsToPublication"] = "true", ["Submit"] = submit ? "true" : "false",
        };
    }
}
