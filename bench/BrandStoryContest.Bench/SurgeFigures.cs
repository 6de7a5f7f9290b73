using System.Collections.Concurrent;
using System.Data.Common;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using BrandStoryContest.Web.Features.Demo;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace BrandStoryContest.Bench;

/// <summary>
/// The last hour before the deadline (issue 19, items 3 and 4), against the Release app as its own process(es).
/// Pre-registered entrants (rows copied from the demo writer, so they sign in with the demo password), 100 at a time:
/// each signs in, starts a story, saves the draft twice and submits it; meanwhile filmmakers upload films and complete
/// them. Run on SQLite with one instance, then on PostgreSQL with two instances behind one Azurite container, then
/// again on PostgreSQL with the second instance SIGKILLed halfway through the submits, its clients retrying on the first.
/// The bench checks the outcome itself: every 2xx submit has one row and one unique number, no 5xx and no
/// "database is locked", one receipt mail per entrant. The ceiling is the plain insert of the same rows (the entry and
/// its receipt, one transaction each, as many at once) through the same database in the same run.
/// </summary>
public static partial class SurgeFigures
{
    private const int AtOnce = 100;
    private const double GoalP99Ms = 500;

    public static async Task RunAsync(BenchOptions options, ResultTable table)
    {
        var size = options.Small
            ? new Size(Entrants: 200, Films: 10, FilmBytes: 8L << 20)
            : new Size(Entrants: 2000, Films: 50, FilmBytes: 100L << 20);
        Console.WriteLine($"==> surge: {size.Entrants} entrants ({AtOnce} at a time), {size.Films} films of {size.FilmBytes >> 20} MiB");
        string film;
        try { film = await FilmAsync(options.Work, size.FilmBytes); }
        catch (Exception e) { table.Failed("Surge: film file", "", e); return; }

        // `--only surge-crash` runs the crash run alone, `--only surge-sqlite` the SQLite run alone, `--only surge-pg` the
        // PostgreSQL run with two instances alone (the whole surge takes ~25 minutes at full size, each run ~8).
        var all = options.Runs("surge");
        if (all || options.Runs("surge-sqlite"))
            await OnOwnStorageAsync(options, "surge-sqlite", "Surge on SQLite", table, async storage =>
            {
                await using var app = await AppUnderTest.StartAsync(storage, Workers, "surge-sqlite.log");
                var db = new SurgeDb(isPostgres: false, $"Data Source={app.DatabasePath};Pooling=true");
                await RunOnAsync("SQLite, 1 instance", db, [app], crashSecond: false, size, film, storage, table);
            });

        var pg = all || options.Runs("surge-pg");
        var crashRun = all || options.Runs("surge-crash");
        if (!pg && !crashRun) return;
        await using var postgres = await LocalPostgres.StartAsync(options.RepoRoot);
        if (postgres is null)
        {
            table.Add("Surge on PostgreSQL", "skipped: no PostgreSQL server binaries (initdb) on this machine", "", "", "", null);
            return;
        }
        foreach (var crash in new[] { false, true }.Where(crash => crash ? crashRun : pg))
        {
            var label = crash ? "PostgreSQL, 2 instances, one SIGKILLed mid-surge" : "PostgreSQL, 2 instances";
            await OnOwnStorageAsync(options, crash ? "surge-crash" : "surge-pg", $"Surge on {label}", table, async storage =>
            {
                var connection = await postgres.CreateDatabaseAsync(crash ? "surge_crash" : "surge");
                var suffix = Guid.NewGuid().ToString("N")[..8];
                var shared = new Dictionary<string, string>
                {
                    ["Database__Provider"] = "Postgres", ["ConnectionStrings__Contest"] = connection,
                    ["Storage__MediaContainer"] = "surge-media-" + suffix, ["Storage__MediaQueue"] = "surge-jobs-" + suffix,
                    ["Media__WorkerEnabled"] = "true",
                };
                if (crash)
                {
                    // Both workers take film jobs; a job B holds when it is killed comes back after 20 s (not the default 10 min) for A.
                    shared["Media__VisibilityTimeoutSeconds"] = "20";
                    shared["Logging__LogLevel__BrandStoryContest.Web.Features.Media"] = "Information";
                }
                // A seeds the demo; B starts on the seeded database (two seeders at once would race for the same rows).
                await using var a = await AppUnderTest.StartAsync(storage, shared, crash ? "surge-crash-a.log" : "surge-pg-a.log");
                await using var b = await AppUnderTest.StartAsync(storage, new Dictionary<string, string>(shared) { ["App__SeedDemo"] = "false" },
                    crash ? "surge-crash-b.log" : "surge-pg-b.log");
                await RunOnAsync(label, new SurgeDb(isPostgres: true, postgres.Connection(crash ? "surge_crash" : "surge", pool: 30)), [a, b], crash, size, film, storage, table);
            });
        }
    }

    /// <summary>
    /// One surge run on an Azurite of its own (started here, its data with the run's films deleted at the end, its logs
    /// kept in the work folder); a failure prints where the logs are and what Azurite said last.
    /// </summary>
    private static async Task OnOwnStorageAsync(BenchOptions options, string name, string label, ResultTable table, Func<BenchOptions, Task> run)
    {
        StorageEmulator? storage = null;
        try
        {
            storage = await StorageEmulator.StartAsync(options, name);
            await run(options with { Storage = storage.ConnectionString });
            Console.WriteLine($"    {storage.Summary()}");
            table.Add($"{label}: its own Azurite at the end of the run", storage.Summary(), "", "", "(figure)", null);
        }
        catch (Exception e)
        {
            Console.WriteLine(e);
            if (storage is not null) Console.WriteLine($"    {storage.Summary()}\n    the last of its log:\n{storage.Tail(20)}");
            table.Failed(label, "zero errors", e);
        }
        finally
        {
            if (storage is not null) await storage.DisposeAsync();
        }
    }

    /// <summary>The media worker on (AppUnderTest turns it off): the demo seed waits for its films, and the surge's films are processed as in production.</summary>
    private static readonly Dictionary<string, string> Workers = new() { ["Media__WorkerEnabled"] = "true" };

    private sealed record Size(int Entrants, int Films, long FilmBytes);

    private static async Task RunOnAsync(string label, SurgeDb db, AppUnderTest[] apps, bool crashSecond, Size size, string film,
        BenchOptions options, ResultTable table)
    {
        Console.WriteLine($"==> surge on {label}");
        var scene = await SceneAsync(db, size, film);
        var surge = new Surge(apps, scene, crashSecond);
        var filmBytes = await File.ReadAllBytesAsync(film);
        double? signIn = crashSecond ? null : await PasswordCheckAsync(db);

        // The app's own CPU (user + system) while the entrants run, per submit: on a shared machine the one figure that
        // does not move with the neighbours' load. Null in the crash run, where B's process is gone before the end.
        var cpuBefore = crashSecond ? (double?)null : apps.Sum(a => a.CpuSeconds());
        var loadBefore = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        var sw = Stopwatch.StartNew();
        surge.StartedAt = Stopwatch.GetTimestamp();
        using var stopSampling = new CancellationTokenSource();
        var sessions = db.IsPostgres ? Task.Run(() => SampleSessionsAsync(db, stopSampling.Token)) : null;
        var films = Task.Run(() => surge.FilmsAsync(filmBytes));
        // When the last film finished: the arrivals' sign-ins are reported apart for while the films upload and after.
        var filmsDoneAt = films.ContinueWith(_ => sw.Elapsed.TotalSeconds, TaskScheduler.Default);
        var arrivals = options.Arrivals is { } perSecond ? new Arrivals(perSecond) : null;
        var next = -1;
        var stories = arrivals is not null
            ? arrivals.RunAsync(scene.Entrants.Count, surge.EntrantAsync)
            : Task.WhenAll(Enumerable.Range(0, AtOnce).Select(_ => Task.Run(async () =>
            {
                for (var i = Interlocked.Increment(ref next); i < scene.Entrants.Count; i = Interlocked.Increment(ref next))
                    await surge.EntrantAsync(i);
            })));
        var kill = crashSecond ? surge.KillSecondAsync(Path.Combine(options.Work, apps[1].LogName), stories) : Task.CompletedTask;
        await stories;
        await kill;
        var storiesDone = sw.Elapsed;
        var cpuStories = cpuBefore is { } before ? apps.Sum(a => a.CpuSeconds()) - before : (double?)null;
        var loadAfter = File.ReadAllText("/proc/loadavg").Split(' ')[0];
        stopSampling.Cancel();
        var waits = sessions is null ? null : await sessions;
        await films;
        var submitted = surge.Receipts.Count;
        var rate = submitted / storiesDone.TotalSeconds;
        Console.WriteLine($"    {submitted} submitted in {storiesDone.TotalSeconds:0.0} s ({rate:0.0}/s); films done after {sw.Elapsed.TotalSeconds:0.0} s");

        var check = await CheckAsync(db, scene, surge);
        var locked = apps.Sum(a => CountInLog(Path.Combine(options.Work, a.LogName), "database is locked"));
        var ceiling = await CeilingAsync(db, scene, surge, Math.Max(submitted, 1));

        if (arrivals is not null) label += $", entrants arriving at {arrivals.PerSecond:0.#}/s";
        table.Add($"Surge ({label}): submissions/s, {size.Entrants} entrants {AtOnce} at a time + {size.Films} films",
            $"{rate:0.0}/s ({submitted} in {storiesDone.TotalSeconds:0.0} s)"
                + (cpuStories is { } cpu ? $"; app CPU {cpu * 1000 / Math.Max(submitted, 1):0.0} ms per submitting entrant (every step, films beside)" : "")
                + $"; load average {loadBefore} → {loadAfter}",
            $"{ceiling:0} rows/s: plain INSERT of the entry + its receipt row, {AtOnce} at once" + (db.IsPostgres ? " over a pool of 30 connections" : ""), $"{rate / ceiling:0.000}×", "(figure)", null);
        var steps = surge.Latencies.GroupBy(l => l.Step).OrderBy(g => Array.IndexOf(Surge.StepOrder, g.Key))
            .Select(g => (Step: g.Key, P50: Percentile(g.Select(x => x.Ms), 0.50), P99: Percentile(g.Select(x => x.Ms), 0.99))).ToList();
        var story = steps.Where(s => s.Step != "film upload (start, chunks, complete)").ToList();
        table.Add($"Surge ({label}): p50 / p99 per step",
            string.Join("; ", steps.Select(s => $"{s.Step} {ResultTable.Ms(s.P50)} / {ResultTable.Ms(s.P99)}")),
            "", "", $"p99 < {GoalP99Ms} ms (story steps)", story.All(s => s.P99 < GoalP99Ms));
        if (arrivals is not null)
        {
            // Open arrivals: nobody waits for a client to come free, so every step is held to the goal, the sign-in too.
            table.Add($"Surge ({label}): arrivals",
                $"{arrivals.PerSecond:0.#}/s scheduled, {arrivals.Arrived / storiesDone.TotalSeconds:0.0}/s achieved; at most {arrivals.MostInFlight} entrants in flight; "
                + $"{arrivals.Late} of {arrivals.Arrived} arrived late (the {AtOnce} in flight were all busy)",
                SignInsAroundFilms(surge.SignInsAt, await filmsDoneAt),
                "", $"p99 < {GoalP99Ms} ms (every step, sign-in too); none late", steps.Where(s => s.Step != "film upload (start, chunks, complete)").All(s => s.P99 < GoalP99Ms) && arrivals.Late == 0);
        }
        else if (signIn is { } hash)
        {
            var signIns = steps.Single(x => x.Step == "sign in");
            // Every sign-in is one hash, and each instance runs ConcurrentPasswordChecks of them at once (the bench leaves the
            // app's default, cores - 1), all instances together at most one per core: the last of AtOnce at once waits for all of them.
            var checksAtOnce = Math.Min(Environment.ProcessorCount, apps.Length * Math.Max(1, Environment.ProcessorCount - 1));
            var floor = hash * AtOnce / checksAtOnce;
            table.Add($"Surge ({label}): one password check (Identity's PasswordHasher on the entrants' hash, in the bench process, median of 20)",
                $"{ResultTable.Ms(hash)}; {AtOnce} at once, {checksAtOnce} at a time on {Environment.ProcessorCount} cores: the last waits ≥ {ResultTable.Ms(floor)} (p50 ≥ {ResultTable.Ms(floor / 2)})",
                $"sign in measured: p50 {ResultTable.Ms(signIns.P50)}, p99 {ResultTable.Ms(signIns.P99)}", $"{signIns.P99 / floor:0.0}× the floor", "(figure)", null);
            // The first wave is AtOnce sign-ins at the same instant; after it every client signs in again as soon as its
            // previous entrant has submitted, so the sign-in queue stays about AtOnce deep for as long as the hash is what
            // the cycle waits for: a closed loop, where a sign-in waits about AtOnce / (submissions/s).
            var (first, later) = (surge.FirstWaveSignIns.ToList(), surge.LaterSignIns.ToList());
            table.Add($"Surge ({label}): sign in, the first wave of {AtOnce} (all at one instant) / every sign-in after it",
                $"first {first.Count}: p50 {ResultTable.Ms(Percentile(first, 0.50))}, p99 {ResultTable.Ms(Percentile(first, 0.99))}; " +
                $"after them {later.Count}: p50 {ResultTable.Ms(Percentile(later, 0.50))}, p99 {ResultTable.Ms(Percentile(later, 0.99))}",
                $"first wave's floor: the last waits ≥ {ResultTable.Ms(floor)}; a client's cycle at {rate:0.0} submissions/s: {ResultTable.Ms(AtOnce / rate * 1000)}",
                "", "(figure)", null);
        }
        if (waits is not null)
            table.Add($"Surge ({label}): the database's sessions while the entrants ran (pg_stat_activity every 200 ms)", waits.Summary, "", "", "(figure)", null);
        var crashNote = crashSecond
            ? $"; instance B SIGKILLed after {surge.CrashedAfter} submits, holding {surge.HeldAtKill.Count} film job(s); {surge.Unanswered} requests cut off, {surge.SubmitRetries} submits retried on A ({surge.RetriesSameReceipt} got the same receipt)"
            : "";
        var errors = surge.Errors.Count + surge.ServerErrors + locked;
        table.Add($"Surge ({label}): errors", $"{errors} ({surge.ServerErrors} × 5xx, {locked} × \"database is locked\", {surge.Errors.Count} other){crashNote}"
            + (surge.Errors.IsEmpty ? "" : $"; first: {surge.Errors.First()}"), "", "", "0", errors == 0);
        table.Add($"Surge ({label}): correctness", check.Summary, "", "", "every 2xx submit one row, one unique number, one receipt mail", check.Passed);
        if (crashSecond) await FilmJobsAfterCrashAsync(db, scene, apps, surge.HeldAtKill, options, table);
    }

    private sealed record Sessions(string Summary);

    /// <summary>
    /// What the app's PostgreSQL sessions were doing during the surge: how many ran a statement, how many waited for the
    /// category's numbering lock (pg_advisory_xact_lock: wait event "advisory"), for other locks, or sat idle in a transaction.
    /// </summary>
    private static async Task<Sessions> SampleSessionsAsync(SurgeDb db, CancellationToken stop)
    {
        await using var c = await db.OpenAsync();
        int samples = 0, maxConnections = 0, maxActive = 0, maxAdvisory = 0;
        long connections = 0, active = 0, advisory = 0, otherLocks = 0, idleInTx = 0;
        var events = new Dictionary<string, int>();
        while (!stop.IsCancellationRequested)
        {
            int n = 0, a = 0, adv = 0;
            await using (var cmd = c.Command("""
                SELECT "state", COALESCE("wait_event_type", ''), COALESCE("wait_event", '') FROM pg_stat_activity
                WHERE "datname" = current_database() AND "backend_type" = 'client backend' AND "pid" <> pg_backend_pid()
                """))
            await using (var reader = await cmd.ExecuteReaderAsync(CancellationToken.None))
                while (await reader.ReadAsync(CancellationToken.None))
                {
                    n++;
                    var (state, type, wait) = (reader.IsDBNull(0) ? "" : reader.GetString(0), reader.GetString(1), reader.GetString(2));
                    if (state == "idle in transaction") idleInTx++;
                    if (state != "active") continue;
                    a++;
                    if (wait == "advisory") adv++;
                    else if (type == "Lock") otherLocks++;
                    if (type != "") events[$"{type}/{wait}"] = events.GetValueOrDefault($"{type}/{wait}") + 1;
                }
            samples++; connections += n; active += a; advisory += adv;
            (maxConnections, maxActive, maxAdvisory) = (Math.Max(maxConnections, n), Math.Max(maxActive, a), Math.Max(maxAdvisory, adv));
            try { await Task.Delay(200, stop); } catch (OperationCanceledException) { break; }
        }
        double Mean(long total) => samples == 0 ? 0 : (double)total / samples;
        var top = string.Join(", ", events.OrderByDescending(e => e.Value).Take(4).Select(e => $"{e.Key} {Mean(e.Value):0.00}"));
        return new Sessions($"{samples} samples: connections mean {Mean(connections):0.0} (max {maxConnections}); running a statement mean {Mean(active):0.00} (max {maxActive}); " +
            $"of them waiting for the numbering lock (advisory) mean {Mean(advisory):0.00} (max {maxAdvisory}), for other locks {Mean(otherLocks):0.00}; idle in a transaction {Mean(idleInTx):0.00}; " +
            $"wait events (mean sessions): {(top == "" ? "none" : top)}");
    }

    /// <summary>Milliseconds of one sign-in's password check: Identity's hasher (the app's options are its defaults) on the entrants' own hash.</summary>
    private static async Task<double> PasswordCheckAsync(SurgeDb db)
    {
        await using var c = await db.OpenAsync();
        var hash = (string)(await c.ScalarAsync("""SELECT "PasswordHash" FROM "AspNetUsers" WHERE "NormalizedEmail" = 'WRITER@DEMO.LOCAL'"""))!;
        var hasher = new Microsoft.AspNetCore.Identity.PasswordHasher<BrandStoryContest.Web.Domain.Account>();
        var times = new List<double>();
        for (var i = 0; i < 21; i++)
        {
            var sw = Stopwatch.StartNew();
            var result = hasher.VerifyHashedPassword(null!, hash, AppUnderTest.Password);
            if (result == Microsoft.AspNetCore.Identity.PasswordVerificationResult.Failed) throw new InvalidOperationException("the demo password does not match the writer's hash");
            if (i > 0) times.Add(sw.Elapsed.TotalMilliseconds);
        }
        return Percentile(times, 0.5);
    }

    // ---- the scene: entrants and filmmakers, the open call's ids, what its forms ask for

    private sealed record Scene(int ContestId, int StoryCategory, int FilmCategory, IReadOnlyList<(string Id, string Email)> Entrants,
        IReadOnlyList<(string Id, string Email)> Filmmakers, IReadOnlyDictionary<int, string> FieldKinds, long FilmBytes);

    private static async Task<Scene> SceneAsync(SurgeDb db, Size size, string film)
    {
        await using var c = await db.OpenAsync();
        var code = DemoSeeder.OpenCallCode(DateTimeOffset.UtcNow);
        // The demo is seeded in the background after /healthz answers: wait for the open call's declarations and fields.
        var until = DateTime.UtcNow.AddMinutes(15);
        while (Convert.ToInt64(await c.ScalarAsync("""
            SELECT COUNT(*) FROM "Contests" c WHERE c."Code" = @code
              AND EXISTS (SELECT 1 FROM "Declarations" d WHERE d."ContestId" = c."Id")
              AND EXISTS (SELECT 1 FROM "CategoryFields" f JOIN "Categories" k ON k."Id" = f."CategoryId" WHERE k."ContestId" = c."Id")
            """, ("code", code))) == 0)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException($"the demo's open call {code} was not seeded within 15 minutes");
            await Task.Delay(500);
        }
        // Then the rest of the demo (divisions, recommendations, certificates, last year's films): on SQLite its writes
        // take the one write lock, so a surge started beside it measured the seed as much as the entrants.
        while (Convert.ToInt64(await c.ScalarAsync("""SELECT COUNT(*) FROM "Audit" WHERE "Action" = 'DemoSeedStage'""")) < DemoSeeder.StageNames.Length
            || Convert.ToInt64(await c.ScalarAsync("""SELECT COUNT(*) FROM "Entries" WHERE "FilmStatus" IN ('Uploading', 'Processing')""")) > 0)
        {
            if (DateTime.UtcNow > until) throw new TimeoutException("the demo seed did not finish within 15 minutes");
            await Task.Delay(500);
        }
        var contest = Convert.ToInt32(await c.ScalarAsync("""SELECT "Id" FROM "Contests" WHERE "Code" = @code""", ("code", code)));
        var story = Convert.ToInt32(await c.ScalarAsync("""SELECT "Id" FROM "Categories" WHERE "ContestId" = @c AND "Kind" = 'Story' ORDER BY "Id" LIMIT 1""", ("c", contest)));
        var filmCategory = Convert.ToInt32(await c.ScalarAsync("""SELECT "Id" FROM "Categories" WHERE "ContestId" = @c AND "Kind" = 'Film' ORDER BY "Id" LIMIT 1""", ("c", contest)));
        await c.ExecuteAsync("""UPDATE "Categories" SET "MaxFileBytes" = @max WHERE "Id" = @id""", ("max", Math.Max(new FileInfo(film).Length, 8L << 30)), ("id", filmCategory));
        var kinds = new Dictionary<int, string>();
        await using (var cmd = c.Command("""SELECT "Id", "Kind" FROM "CategoryFields" WHERE "CategoryId" IN (@s, @f) AND "Required" """, ("s", story), ("f", filmCategory)))
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync()) kinds[reader.GetInt32(0)] = reader.GetString(1);

        var sw = Stopwatch.StartNew();
        var entrants = await CopyAccountsAsync(c, "writer@demo.local", "surge-writer", size.Entrants);
        var filmmakers = await CopyAccountsAsync(c, "filmmaker@demo.local", "surge-filmmaker", size.Films);
        Console.WriteLine($"    {entrants.Count} entrants and {filmmakers.Count} filmmakers registered by SQL in {sw.Elapsed.TotalSeconds:0.0} s");
        return new Scene(contest, story, filmCategory, entrants, filmmakers, kinds, new FileInfo(film).Length);
    }

    /// <summary>New accounts as copies of a demo account's row (its password hash, profile and roles), so they sign in with the demo password.</summary>
    private static async Task<List<(string Id, string Email)>> CopyAccountsAsync(DbConnection c, string templateEmail, string prefix, int count)
    {
        var template = (string)(await c.ScalarAsync("""SELECT "Id" FROM "AspNetUsers" WHERE "NormalizedEmail" = @e""", ("e", templateEmail.ToUpperInvariant())))!;
        var columns = await c.ColumnsAsync("AspNetUsers");
        string[] replaced = ["Id", "UserName", "NormalizedUserName", "Email", "NormalizedEmail", "SecurityStamp", "ConcurrencyStamp"];
        var select = string.Join(", ", columns.Select(col => replaced.Contains(col) ? "@" + col : $"\"{col}\""));
        var insert = $"""INSERT INTO "AspNetUsers" ({string.Join(", ", columns.Select(col => $"\"{col}\""))}) SELECT {select} FROM "AspNetUsers" WHERE "Id" = @template""";
        var made = new List<(string, string)>();
        await using var tx = await c.BeginTransactionAsync();
        for (var i = 0; i < count; i++)
        {
            var id = Guid.NewGuid().ToString();
            var email = $"{prefix}-{i}-{id[..6]}@bench.local";
            await c.ExecuteAsync(insert, tx, ("Id", id), ("UserName", email), ("NormalizedUserName", email.ToUpperInvariant()), ("Email", email),
                ("NormalizedEmail", email.ToUpperInvariant()), ("SecurityStamp", Guid.NewGuid().ToString("N").ToUpperInvariant()),
                ("ConcurrencyStamp", Guid.NewGuid().ToString()), ("template", template));
            await c.ExecuteAsync("""INSERT INTO "AspNetUserRoles" ("UserId", "RoleId") SELECT @id, "RoleId" FROM "AspNetUserRoles" WHERE "UserId" = @template""",
                tx, ("id", id), ("template", template));
            made.Add((id, email));
        }
        await tx.CommitAsync();
        return made;
    }

    // ---- the clients

    private sealed partial class Surge(AppUnderTest[] apps, Scene scene, bool crash)
    {
        public static readonly string[] StepOrder = ["sign in", "start entry", "open form", "save draft 1", "save draft 2", "submit", "receipt page", "film upload (start, chunks, complete)"];
        public readonly ConcurrentBag<(string Step, double Ms)> Latencies = [];
        /// <summary>Sign-ins of the first <see cref="AtOnce"/> entrants (all started at the same instant) and of every entrant after them.</summary>
        public readonly ConcurrentBag<double> FirstWaveSignIns = [], LaterSignIns = [];
        /// <summary>Every sign-in: when it started (seconds since <see cref="StartedAt"/>) and how long it took.</summary>
        public readonly ConcurrentBag<(double At, double Ms)> SignInsAt = [];
        public long StartedAt;
        public readonly ConcurrentQueue<string> Errors = new();
        /// <summary>Entry id → the number its submit's receipt page showed (first answer or a retry's).</summary>
        public readonly ConcurrentDictionary<int, string> Receipts = new();
        public readonly ConcurrentDictionary<int, int> EntryOf = new();
        public int ServerErrors, Unanswered, SubmitRetries, RetriesSameReceipt, CrashedAfter;
        private int submits;
        private volatile bool secondDown;

        /// <summary>Film entries whose job B had taken and not finished when it was SIGKILLed.</summary>
        public IReadOnlyCollection<int> HeldAtKill { get; private set; } = [];

        /// <summary>
        /// The crash run: SIGKILL B while it holds a film job (its log says the job was taken, with no outcome yet),
        /// once a tenth of the entrants have submitted; if B holds none by the time nine tenths have, kill it then.
        /// </summary>
        public async Task KillSecondAsync(string logOfB, Task surgeDone)
        {
            if (!crash || apps.Length < 2) return;
            var total = scene.Entrants.Count;
            while (!surgeDone.IsCompleted)
            {
                var done = Volatile.Read(ref submits);
                if (done >= total / 10)
                {
                    var held = HeldJobs(logOfB);
                    if (held.Count > 0 || done >= total * 9 / 10)
                    {
                        // Down first: requests failing while B dies are the clients' "never heard back", to be sent again to A.
                        secondDown = true;
                        apps[1].Crash();
                        (CrashedAfter, HeldAtKill) = (done, held);
                        Console.WriteLine($"    SIGKILLed instance B after {done} submits, holding film jobs of entries [{string.Join(", ", held)}]");
                        return;
                    }
                }
                await Task.Delay(20);
            }
        }

        private static HashSet<int> HeldJobs(string log)
        {
            var held = new HashSet<int>();
            foreach (var line in ReadLines(log))
                if (FilmJobLine().Match(line) is { Success: true } m)
                {
                    var entry = int.Parse(m.Groups[1].Value);
                    if (m.Groups[2].Value == "taken") held.Add(entry); else held.Remove(entry);
                }
            return held;
        }

        private static readonly string Body = string.Concat(Enumerable.Repeat("江城电器三十年如一日坚持质量第一，每一台产品都经过严格检验，这就是我们的品牌故事。", 30));

        /// <summary>The instance entrant <paramref name="i"/> talks to: its own, or the survivor once B is down.</summary>
        private AppUnderTest Home(int i) => apps.Length == 1 || secondDown ? apps[0] : apps[i % apps.Length];

        public async Task EntrantAsync(int i)
        {
            var (accountId, email) = scene.Entrants[i];
            var cookies = new CookieContainer();
            var clients = apps.ToDictionary(a => a, a => new HttpClient(new SocketsHttpHandler { CookieContainer = cookies, AllowAutoRedirect = false })
                { BaseAddress = new Uri(a.BaseUrl), Timeout = TimeSpan.FromMinutes(2) });
            try
            {
                var signingIn = Stopwatch.StartNew();
                var login = await SendAsync(i, clients, "sign in", async http =>
                {
                    var page = await http.GetStringAsync("/account/login");
                    return await http.PostAsync("/account/login", Form(("Email", email), ("Password", AppUnderTest.Password), ("__RequestVerificationToken", AppUnderTest.Token(page))));
                });
                (i < AtOnce ? FirstWaveSignIns : LaterSignIns).Add(signingIn.Elapsed.TotalMilliseconds);
                SignInsAt.Add((Stopwatch.GetElapsedTime(StartedAt).TotalSeconds - signingIn.Elapsed.TotalSeconds, signingIn.Elapsed.TotalMilliseconds));
                if (!Expect(login, HttpStatusCode.Redirect, "sign in", email)) return;

                // A cut-off start is sent again with the key of the first form it read (what a browser's retry sends).
                string? key = null;
                var started = await SendAsync(i, clients, "start entry", async http =>
                {
                    var page = await http.GetStringAsync($"/contests/{scene.ContestId}");
                    key ??= StartKey(page, scene.StoryCategory);
                    return await http.PostAsync("/entries/new", Form(("CategoryId", scene.StoryCategory.ToString()), ("StartKey", key), ("__RequestVerificationToken", AppUnderTest.Token(page))));
                });
                if (!Expect(started, HttpStatusCode.Redirect, "start entry", email)) return;
                var entryId = int.Parse(started!.Headers.Location!.ToString().Split('/')[2]);
                EntryOf[i] = entryId;

                var form = await OpenFormAsync(i, clients, entryId);
                if (form is null) return;
                var saved = await SendAsync(i, clients, "save draft 1", http => http.PostAsync($"/entries/{entryId}/edit", EntryForm(form, "最后一小时的故事", Body[..400], submit: false)));
                if (!Expect(saved, HttpStatusCode.Redirect, "save draft 1", email)) return;
                form = form with { Version = form.Version + 1 };
                saved = await SendAsync(i, clients, "save draft 2", http => http.PostAsync($"/entries/{entryId}/edit", EntryForm(form, "最后一小时的故事", Body[..800], submit: false)));
                if (!Expect(saved, HttpStatusCode.Redirect, "save draft 2", email)) return;
                form = form with { Version = form.Version + 1 };

                // The submit: a cut-off one is sent again, the very same form, to whichever instance is up.
                var submit = EntryForm(form, "最后一小时的故事", Body, submit: true);
                HttpResponseMessage? answer = null;
                var retried = false;
                for (var attempt = 0; attempt < 3 && answer is null; attempt++)
                {
                    retried = attempt > 0;
                    answer = await SendOnceAsync(Home(i), clients, "submit", http => http.PostAsync($"/entries/{entryId}/edit", submit));
                }
                if (retried) Interlocked.Increment(ref SubmitRetries);
                if (!Expect(answer, HttpStatusCode.Redirect, "submit", email)) return;
                if (answer!.Headers.Location?.ToString() != $"/entries/{entryId}") { Errors.Enqueue($"submit of {email} went to {answer.Headers.Location}"); return; }
                var receipt = "";
                var shown = await SendAsync(i, clients, "receipt page", async http =>
                {
                    var response = await http.GetAsync($"/entries/{entryId}");
                    receipt = await response.Content.ReadAsStringAsync();
                    return response;
                });
                if (!Expect(shown, HttpStatusCode.OK, "receipt page", email)) return;
                var number = NumberPattern().Match(receipt);
                if (!number.Success) { Errors.Enqueue($"no number on the receipt page of entry {entryId}"); return; }
                Receipts[entryId] = number.Value;
                if (retried) Interlocked.Increment(ref RetriesSameReceipt);
                Interlocked.Increment(ref submits);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException or FormatException)
            {
                Errors.Enqueue($"{email}: {e.GetType().Name}: {e.Message.Split('\n')[0]}");
            }
            finally { foreach (var c in clients.Values) c.Dispose(); }
        }

        private sealed record EditForm(string Token, int Version, IReadOnlyList<string> Declarations, IReadOnlyList<int> Fields);

        private async Task<EditForm?> OpenFormAsync(int i, Dictionary<AppUnderTest, HttpClient> clients, int entryId)
        {
            string html = "";
            var opened = await SendAsync(i, clients, "open form", async http =>
            {
                var response = await http.GetAsync($"/entries/{entryId}/edit");
                html = await response.Content.ReadAsStringAsync();
                return response;
            });
            if (!Expect(opened, HttpStatusCode.OK, "open form", scene.Entrants[i].Email)) return null;
            return new EditForm(AppUnderTest.Token(html), int.Parse(VersionPattern().Match(html).Groups[1].Value),
                DeclarationPattern().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList(),
                FieldPattern().Matches(html).OrderBy(m => int.Parse(m.Groups[1].Value)).Select(m => int.Parse(m.Groups[2].Value)).ToList());
        }

        private FormUrlEncodedContent EntryForm(EditForm form, string title, string body, bool submit)
        {
            var fields = new List<(string, string)>
            {
                ("__RequestVerificationToken", form.Token), ("Version", form.Version.ToString()), ("Title", title), ("Body", body),
                ("PledgedOriginality", "true"), ("DeclaredRights", "true"), ("ConsentsToPublication", "true"), ("Submit", submit ? "true" : "false"),
            };
            fields.AddRange(form.Declarations.Select(d => ("AcceptedDeclarations", d)));
            for (var f = 0; f < form.Fields.Count; f++)
            {
                fields.Add(($"Fields[{f}].FieldId", form.Fields[f].ToString()));
                fields.Add(($"Fields[{f}].Values", scene.FieldKinds.TryGetValue(form.Fields[f], out var kind) ? Answer(kind) : ""));
            }
            return Form([.. fields]);
        }

        /// <summary>Like the demo's answers to its required fields (DemoSeeder.DemoAnswer).</summary>
        private static string Answer(string kind) => kind switch
        {
            "MobilePhone" => "13800138000", "Email" => "writer@demo.local", "Number" => "1", "Url" => "https://example.org/", _ => "江城市质量协会",
        };

        /// <summary>Sends once on the entrant's instance; a request cut off by the crash is sent again on the survivor.</summary>
        private async Task<HttpResponseMessage?> SendAsync(int i, Dictionary<AppUnderTest, HttpClient> clients, string step, Func<HttpClient, Task<HttpResponseMessage>> send)
        {
            for (var attempt = 0; attempt < 3; attempt++)
                if (await SendOnceAsync(Home(i), clients, step, send) is { } answered) return answered;
            return null;
        }

        private async Task<HttpResponseMessage?> SendOnceAsync(AppUnderTest app, Dictionary<AppUnderTest, HttpClient> clients, string step, Func<HttpClient, Task<HttpResponseMessage>> send)
        {
            var sw = Stopwatch.StartNew();
            try
            {
                var response = await send(clients[app]);
                Latencies.Add((step, sw.Elapsed.TotalMilliseconds));
                if ((int)response.StatusCode >= 500) Interlocked.Increment(ref ServerErrors);
                return response;
            }
            catch (HttpRequestException) when (apps.Length > 1 && app == apps[1] && (secondDown || apps[1].HasExited))
            {
                // Cut off by the crash: the client never heard back.
                Interlocked.Increment(ref Unanswered);
                secondDown = true;
                return null;
            }
        }

        private bool Expect(HttpResponseMessage? response, HttpStatusCode expected, string step, string who)
        {
            if (response?.StatusCode == expected) return true;
            Errors.Enqueue($"{step} for {who}: {(response is null ? "no answer" : ((int)response.StatusCode).ToString())}");
            return false;
        }

        public async Task FilmsAsync(byte[] film)
        {
            // The crash run uploads its films a few at a time, so that film jobs run while submits are still in flight and
            // B can be killed holding one: side by side, 50 films of 100 MiB all complete only after the last submit.
            using var gate = new SemaphoreSlim(crash ? FilmsAtOnceInCrash : scene.Filmmakers.Count);
            await Task.WhenAll(scene.Filmmakers.Select((f, j) => Task.Run(async () =>
            {
                await gate.WaitAsync();
                try { await FilmAsync(j, f.Email, film); }
                finally { gate.Release(); }
            })));
        }

        private const int FilmsAtOnceInCrash = 5;

        private sealed record Started(string UploadId, int ChunkBytes, int ChunkCount);

        private async Task FilmAsync(int j, string email, byte[] film)
        {
            // Films stay on A: the crash run is about submits (a cut-off upload is resumed by the browser; see docs/reliability.md).
            var (http, _) = await apps[0].SignInAsync(email);
            using var _http = http;
            try
            {
                var page = await http.GetStringAsync($"/contests/{scene.ContestId}");
                var started = await http.PostAsync("/entries/new", Form(("CategoryId", scene.FilmCategory.ToString()), ("StartKey", StartKey(page, scene.FilmCategory)),
                    ("__RequestVerificationToken", AppUnderTest.Token(page))));
                if (!Expect(started, HttpStatusCode.Redirect, "film entry", email)) return;
                var entryId = int.Parse(started.Headers.Location!.ToString().Split('/')[2]);
                http.DefaultRequestHeaders.Add("RequestVerificationToken", AppUnderTest.Token(await http.GetStringAsync($"/entries/{entryId}/edit")));
                http.DefaultRequestHeaders.Add("Accept", "application/json");
                var sw = Stopwatch.StartNew();
                var start = await http.PostAsJsonAsync($"/entries/{entryId}/film/uploads", new { fileName = $"surge-{j}.mp4", totalBytes = film.LongLength, lastModified = 1_700_000_000_000L + j });
                if ((int)start.StatusCode >= 500) Interlocked.Increment(ref ServerErrors);
                if (!start.IsSuccessStatusCode) { Errors.Enqueue($"film start for {email}: {(int)start.StatusCode} {await start.Content.ReadAsStringAsync()}"); return; }
                var plan = (await start.Content.ReadFromJsonAsync<Started>())!;
                var next = -1;
                await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
                {
                    for (var k = Interlocked.Increment(ref next); k < plan.ChunkCount; k = Interlocked.Increment(ref next))
                    {
                        var offset = (long)k * plan.ChunkBytes;
                        var length = (int)Math.Min(plan.ChunkBytes, film.LongLength - offset);
                        var chunk = await http.PutAsync($"/film-uploads/{plan.UploadId}/chunks/{k}", new ByteArrayContent(film, (int)offset, length));
                        if ((int)chunk.StatusCode >= 500) Interlocked.Increment(ref ServerErrors);
                        if (!chunk.IsSuccessStatusCode) throw new InvalidOperationException($"chunk {k}: {(int)chunk.StatusCode}");
                    }
                }));
                var complete = await http.PostAsync($"/film-uploads/{plan.UploadId}/complete", null);
                if ((int)complete.StatusCode >= 500) Interlocked.Increment(ref ServerErrors);
                if (!complete.IsSuccessStatusCode) { Errors.Enqueue($"film complete for {email}: {(int)complete.StatusCode}"); return; }
                Latencies.Add(("film upload (start, chunks, complete)", sw.Elapsed.TotalMilliseconds));
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                Errors.Enqueue($"film of {email}: {e.Message.Split('\n')[0]}");
            }
        }

        private static string StartKey(string contestPage, int category) =>
            StartKeyPattern().Matches(contestPage).FirstOrDefault(m => m.Groups[1].Value == category.ToString())?.Groups[2].Value
                ?? throw new InvalidOperationException($"no start form for category {category} on the contest page");

        private static FormUrlEncodedContent Form(params (string Key, string Value)[] fields) =>
            new(fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)));

        [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
        private static partial Regex VersionPattern();

        [GeneratedRegex("name=\"AcceptedDeclarations\" value=\"(\\d+)\"")]
        private static partial Regex DeclarationPattern();

        [GeneratedRegex("name=\"Fields\\[(\\d+)\\]\\.FieldId\" value=\"(\\d+)\"")]
        private static partial Regex FieldPattern();

        [GeneratedRegex("name=\"CategoryId\" value=\"(\\d+)\" />\\s*<input type=\"hidden\" name=\"StartKey\" value=\"([0-9a-f-]{36})\"")]
        private static partial Regex StartKeyPattern();

        [GeneratedRegex("[A-Z0-9]+-S-\\d{4,}")]
        private static partial Regex NumberPattern();
    }

    // ---- the checks and the ceiling

    private sealed record Check(bool Passed, string Summary);

    private static async Task<Check> CheckAsync(SurgeDb db, Scene scene, Surge surge)
    {
        await using var c = await db.OpenAsync();
        var entrants = scene.Entrants.Select(e => e.Id).ToHashSet();
        var rows = new List<(int Id, string Entrant, string State, string? Number)>();
        await using (var cmd = c.Command("""SELECT "Id", "EntrantId", "State", "Number" FROM "Entries" WHERE "CategoryId" = @c""", ("c", scene.StoryCategory)))
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                if (entrants.Contains(reader.GetString(1)))
                    rows.Add((reader.GetInt32(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        var receipts = new Dictionary<string, int>();
        await using (var cmd = c.Command("""SELECT "RecipientId", COUNT(*) FROM "Outbox" WHERE "ContestId" = @c AND "Kind" = 'Receipt' GROUP BY "RecipientId" """, ("c", scene.ContestId)))
        await using (var reader = await cmd.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                if (!reader.IsDBNull(0) && entrants.Contains(reader.GetString(0))) receipts[reader.GetString(0)] = Convert.ToInt32(reader.GetValue(1));

        var byId = rows.ToDictionary(r => r.Id);
        var answered = surge.Receipts;
        var missing = answered.Count(a => !byId.TryGetValue(a.Key, out var r) || r.State != "Submitted" || r.Number != a.Value);
        var submittedPerEntrant = rows.Where(r => r.State == "Submitted").GroupBy(r => r.Entrant).ToList();
        var twice = submittedPerEntrant.Count(g => g.Count() > 1);
        var numbers = rows.Where(r => r.Number is not null).Select(r => r.Number!).ToList();
        var duplicateNumbers = numbers.Count - numbers.Distinct().Count();
        var submittedEntrants = submittedPerEntrant.Select(g => g.Key).ToList();
        var receiptsWrong = submittedEntrants.Count(e => receipts.GetValueOrDefault(e) != 1) + receipts.Keys.Count(e => !submittedEntrants.Contains(e));
        var drafts = rows.Count(r => r.State == "Draft");
        // A retried start must not open a second draft: every entrant here starts one story.
        var twoEntries = rows.GroupBy(r => r.Entrant).Count(g => g.Count() > 1);
        var passed = answered.Count > 0 && missing == 0 && twice == 0 && duplicateNumbers == 0 && receiptsWrong == 0 && answered.Count == submittedEntrants.Count
            && twoEntries == 0;
        return new Check(passed,
            $"{answered.Count} submits answered 2xx; {missing} of them not in the database as answered; {submittedEntrants.Count} entrants submitted, " +
            $"{twice} with two submissions; {duplicateNumbers} duplicate numbers; {receiptsWrong} entrants without exactly one receipt mail; {twoEntries} entrants with two entries; {drafts} drafts left");
    }

    /// <summary>
    /// After the crash run: every uploaded film reaches a decision (jobs B held come back to A after the visibility
    /// timeout), and no entry's film job ends "Ready" twice (the handler skips a repeat of a decided job).
    /// </summary>
    private static async Task FilmJobsAfterCrashAsync(SurgeDb db, Scene scene, AppUnderTest[] apps, IReadOnlyCollection<int> heldAtKill, BenchOptions options, ResultTable table)
    {
        await using var c = await db.OpenAsync();
        var filmmakers = scene.Filmmakers.Select(f => f.Id).ToHashSet();
        var sw = Stopwatch.StartNew();
        List<(int Id, string Status)> films;
        while (true)
        {
            films = [];
            await using (var cmd = c.Command("""SELECT "Id", "EntrantId", "FilmStatus" FROM "Entries" WHERE "CategoryId" = @c""", ("c", scene.FilmCategory)))
            await using (var reader = await cmd.ExecuteReaderAsync())
                while (await reader.ReadAsync())
                    if (filmmakers.Contains(reader.GetString(1))) films.Add((reader.GetInt32(0), reader.GetString(2)));
            if (films.All(f => f.Status is not ("Processing" or "Uploading")) || sw.Elapsed > TimeSpan.FromMinutes(5)) break;
            await Task.Delay(1000);
        }
        // The worker logs a job's outcome just after its row is saved: the database can say Ready a moment before the log does.
        var ready = new Dictionary<int, (int OnA, int OnB)>();
        var staleOnA = new HashSet<int>();
        var logged = Stopwatch.StartNew();
        do
        {
            if (logged.ElapsedMilliseconds > 0) await Task.Delay(250);
            ready.Clear(); staleOnA.Clear();
            foreach (var (app, onB) in new[] { (apps[0], false), (apps[1], true) })
                foreach (var line in ReadLines(Path.Combine(options.Work, app.LogName)))
                    if (FilmJobLine().Match(line) is { Success: true } m && films.Any(f => f.Id == int.Parse(m.Groups[1].Value)))
                    {
                        var id = int.Parse(m.Groups[1].Value);
                        if (m.Groups[2].Value == "Stale" && !onB) staleOnA.Add(id);
                        if (m.Groups[2].Value != "Ready") continue;
                        var (a, b) = ready.GetValueOrDefault(id);
                        ready[id] = onB ? (a, b + 1) : (a + 1, b);
                    }
        }
        while (heldAtKill.Any(id => !ready.ContainsKey(id) && !staleOnA.Contains(id)) && logged.Elapsed < TimeSpan.FromSeconds(30));
        var decided = films.Count(f => f.Status is "Ready" or "Rejected");
        var twice = ready.Count(r => r.Value.OnA + r.Value.OnB > 1);
        // A job B held at the kill: decided in the database, Ready logged once, by A; or B had saved it just before the
        // kill (no outcome line of B's) and A's repeat was stale.
        var heldFinished = heldAtKill.Count(id => films.Any(f => f.Id == id && f.Status is "Ready" or "Rejected")
            && (ready.GetValueOrDefault(id) is (OnA: 1, OnB: 0) || (!ready.ContainsKey(id) && staleOnA.Contains(id))));
        table.Add("Surge (PostgreSQL, one instance SIGKILLed): film jobs",
            $"{films.Count} films uploaded, {decided} decided ({films.Count(f => f.Status == "Ready")} Ready) {sw.Elapsed.TotalSeconds:0} s after the surge; " +
            $"Ready logged by A {ready.Values.Sum(r => r.OnA)}, by B before the kill {ready.Values.Sum(r => r.OnB)}; {twice} processed to Ready twice; " +
            $"{heldAtKill.Count} job(s) held by B at the kill (entries {string.Join(", ", heldAtKill)}), {heldFinished} of them finished by A once",
            "", "", "every film decided, none processed twice, B's held jobs finished by A", films.Count > 0 && decided == films.Count && twice == 0
                && heldAtKill.Count > 0 && heldFinished == heldAtKill.Count);
    }

    private static IEnumerable<string> ReadLines(string file)
    {
        if (!File.Exists(file)) yield break;
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line) yield return line;
    }

    [GeneratedRegex(@"Film job for entry (\d+): (\w+)")]
    private static partial Regex FilmJobLine();

    /// <summary>Rows/s of the plain insert of what a submit writes (its entry row and its receipt row, one transaction each), <see cref="AtOnce"/> at once.</summary>
    private static async Task<double> CeilingAsync(SurgeDb db, Scene scene, Surge surge, int count)
    {
        await using var c = await db.OpenAsync();
        var entry = surge.Receipts.Keys.DefaultIfEmpty(surge.EntryOf.Values.FirstOrDefault()).First();
        var outbox = Convert.ToInt64(await c.ScalarAsync("""SELECT MAX("Id") FROM "Outbox" """));
        var entryColumns = (await c.ColumnsAsync("Entries")).Where(col => col != "Id").ToList();
        var outboxColumns = (await c.ColumnsAsync("Outbox")).Where(col => col != "Id").ToList();
        string Copy(string table, List<string> columns, Dictionary<string, string> replace, string key) =>
            $"""INSERT INTO "{table}" ({string.Join(", ", columns.Select(col => $"\"{col}\""))}) SELECT {string.Join(", ", columns.Select(col => replace.GetValueOrDefault(col, $"\"{col}\"")))} FROM "{table}" WHERE "Id" = {key}""";
        var insertEntry = Copy("Entries", entryColumns, new() { ["Number"] = "@number", ["State"] = "'Withdrawn'", ["QuotaSlot"] = "NULL", ["StartKey"] = "NULL" }, "@entry");
        var insertMail = Copy("Outbox", outboxColumns, new() { ["MessageId"] = "@message" }, "@outbox");
        var next = -1;
        var sw = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, AtOnce).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < count; i = Interlocked.Increment(ref next))
            {
                await using var conn = await db.OpenAsync();
                await using var tx = await conn.BeginTransactionAsync();
                await conn.ExecuteAsync(insertEntry, tx, ("number", $"CEILING-{i:D6}"), ("entry", entry));
                await conn.ExecuteAsync(insertMail, tx, ("message", $"{Guid.NewGuid():N}@ceiling.local"), ("outbox", outbox));
                await tx.CommitAsync();
            }
        })));
        return count / sw.Elapsed.TotalSeconds;
    }

    private static int CountInLog(string file, string text)
    {
        if (!File.Exists(file)) return 0;
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var n = 0;
        while (reader.ReadLine() is { } line) if (line.Contains(text, StringComparison.OrdinalIgnoreCase)) n++;
        return n;
    }

    private static double Percentile(IEnumerable<double> values, double p)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }

    /// <summary>A real MP4 at the start (the app sniffs the first chunk), random bytes after it; cached in the work folder.</summary>
    private static async Task<string> FilmAsync(string work, long bytes)
    {
        var path = Path.Combine(work, $"surge-film-{bytes >> 20}MiB.mp4");
        if (File.Exists(path) && new FileInfo(path).Length == bytes) return path;
        var head = Path.Combine(work, "surge-head.mp4");
        await Processes.RunAsync("ffmpeg", ["-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=size=320x240:rate=25", "-t", "2",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-movflags", "+faststart", head], TimeSpan.FromMinutes(1));
        await using (var output = File.Create(path + ".tmp"))
        {
            await using (var input = File.OpenRead(head)) await input.CopyToAsync(output);
            var random = new Random(19);
            var block = new byte[1 << 20];
            while (output.Length < bytes)
            {
                random.NextBytes(block);
                await output.WriteAsync(block.AsMemory(0, (int)Math.Min(block.Length, bytes - output.Length)));
            }
        }
        File.Move(path + ".tmp", path, overwrite: true);
        return path;
    }

    private static string SignInsAroundFilms(IEnumerable<(double At, double Ms)> signIns, double filmsDoneAt)
    {
        var all = signIns.ToList();
        string Part(string name, List<double> ms) => $"{name} {ms.Count}: p50 {ResultTable.Ms(Percentile(ms, 0.50))}, p99 {ResultTable.Ms(Percentile(ms, 0.99))}";
        return $"sign-ins started while the films uploaded (the first {filmsDoneAt:0} s): " + Part("during", all.Where(s => s.At < filmsDoneAt).Select(s => s.Ms).ToList())
            + "; " + Part("after them", all.Where(s => s.At >= filmsDoneAt).Select(s => s.Ms).ToList());
    }

    /// <summary>
    /// Entrants arriving at a steady rate (entrant i at i / rate seconds), each on its own task, at most <see cref="AtOnce"/>
    /// in flight: the deadline hour as entrants make it, where a busy server does not hold back the next arrival. An arrival
    /// that finds all <see cref="AtOnce"/> busy waits for one and is counted late: its steps would then understate the wait.
    /// </summary>
    private sealed class Arrivals(double perSecond)
    {
        public double PerSecond => perSecond;
        public int Arrived, Late, MostInFlight;
        private int inFlight;

        public async Task RunAsync(int count, Func<int, Task> entrant)
        {
            using var free = new SemaphoreSlim(AtOnce);
            var clock = Stopwatch.StartNew();
            var running = new List<Task>(count);
            for (var i = 0; i < count; i++)
            {
                var due = TimeSpan.FromSeconds(i / perSecond) - clock.Elapsed;
                if (due > TimeSpan.Zero) await Task.Delay(due);
                if (!free.Wait(0))
                {
                    Late++;
                    await free.WaitAsync();
                }
                Arrived++;
                MostInFlight = Math.Max(MostInFlight, Interlocked.Increment(ref inFlight));
                var n = i;
                running.Add(Task.Run(async () =>
                {
                    try { await entrant(n); }
                    finally { Interlocked.Decrement(ref inFlight); free.Release(); }
                }));
            }
            await Task.WhenAll(running);
        }
    }
}

/// <summary>The app's database as the bench reads it: SQLite or PostgreSQL through plain ADO.NET (quoted names work on both).</summary>
internal sealed class SurgeDb(bool isPostgres, string connectionString)
{
    public bool IsPostgres => isPostgres;

    public async Task<DbConnection> OpenAsync()
    {
        DbConnection c = isPostgres ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await c.OpenAsync();
        if (!isPostgres) await c.ExecuteAsync("PRAGMA busy_timeout = 30000;");
        return c;
    }
}

internal static class SurgeSql
{
    public static DbCommand Command(this DbConnection c, string sql, params (string Name, object Value)[] args) => c.Command(sql, null, args);

    public static DbCommand Command(this DbConnection c, string sql, DbTransaction? tx, params (string Name, object Value)[] args)
    {
        var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var (name, value) in args)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            cmd.Parameters.Add(p);
        }
        return cmd;
    }

    public static async Task<object?> ScalarAsync(this DbConnection c, string sql, params (string Name, object Value)[] args)
    {
        await using var cmd = c.Command(sql, args);
        return await cmd.ExecuteScalarAsync();
    }

    public static Task ExecuteAsync(this DbConnection c, string sql, params (string Name, object Value)[] args) => c.ExecuteAsync(sql, null, args);

    public static async Task ExecuteAsync(this DbConnection c, string sql, DbTransaction? tx, params (string Name, object Value)[] args)
    {
        await using var cmd = c.Command(sql, tx, args);
        await cmd.ExecuteNonQueryAsync();
    }

    public static async Task<List<string>> ColumnsAsync(this DbConnection c, string table)
    {
        await using var cmd = c.Command($"SELECT * FROM \"{table}\" LIMIT 0");
        await using var reader = await cmd.ExecuteReaderAsync();
        return Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
    }
}

/// <summary>A throw-away PostgreSQL cluster for the surge, started and stopped with scripts/postgres.sh (as test.sh does).</summary>
internal sealed class LocalPostgres : IAsyncDisposable
{
    private readonly string _root, _dir;
    private readonly int _port;

    private LocalPostgres(string root, string dir, int port) { _root = root; _dir = dir; _port = port; }

    public static async Task<LocalPostgres?> StartAsync(string repoRoot)
    {
        if (!Directory.Exists("/usr/lib/postgresql")) return null;
        var dir = Directory.CreateTempSubdirectory("bsc-bench-pg-").FullName;
        var port = AppUnderTest.FreePort();
        await Processes.RunAsync("bash", ["-c", $"source scripts/postgres.sh && cd /tmp && start_postgres '{dir}' {port}"], TimeSpan.FromMinutes(2), workingDirectory: repoRoot);
        return new LocalPostgres(repoRoot, dir, port);
    }

    private string Server(string database) => $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size=200";

    public async Task<string> CreateDatabaseAsync(string name)
    {
        await using var c = new NpgsqlConnection(Server("postgres"));
        await c.OpenAsync();
        await c.ExecuteAsync($"CREATE DATABASE {name}");
        return Connection(name, pool: 80);
    }

    /// <summary>Each instance keeps its own pool (80 each); with the bench's 30 they stay under the cluster's 200 connections.</summary>
    public string Connection(string database, int pool) =>
        $"Host=127.0.0.1;Port={_port};Username=postgres;Database={database};Pooling=true;Maximum Pool Size={pool}";

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Processes.RunAsync("bash", ["-c", $"source scripts/postgres.sh && POSTGRES_BIN=\"$(postgres_bin)\" POSTGRES_DATA='{_dir}/data' stop_postgres"],
                TimeSpan.FromMinutes(1), check: false, workingDirectory: _root);
        }
        finally { try { Directory.Delete(_dir, recursive: true); } catch (Exception e) when (e is IOException or UnauthorizedAccessException) { } }
    }
}
