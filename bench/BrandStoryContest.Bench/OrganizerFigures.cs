using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;

namespace BrandStoryContest.Bench;

/// <summary>
/// The organizer's paged lists at national scale: 20,000 submitted entries with 40,150 scored assignments, 1,000
/// objections and 20,000 accounts, each list's first page (and a filtered and a deep page of the entries) under wrk
/// (2 threads, 50 connections, 10 s) next to a static file in the same run; then the entry exports' peak memory at
/// 20,000 and at 100,000 entries.
/// </summary>
public static class OrganizerFigures
{
    private const double PageGoalKiB = 150, P99GoalMs = 100;
    private const int Objections = 1_000, ExtraAccounts = 20_000, LargeExport = 100_000;

    public static async Task RunAsync(AppUnderTest app, ResultTable table)
    {
        try
        {
            Console.WriteLine($"==> organizer: seeding {PageFigures.SeededEntries:N0} submitted entries, scores, objections and accounts");
            PageFigures.Seed(app);
            var (contest, category, round) = SeedMore(app);
            var (organizer, organizerCookies) = await app.SignInAsync("organizer@demo.local");
            var (admin, adminCookies) = await app.SignInAsync("admin@demo.local");
            using var _o = organizer;
            using var _a = admin;
            string Cookie(CookieContainer c) => $"Cookie: bsc.auth={c.GetCookies(new Uri(app.BaseUrl))["bsc.auth"]!.Value}";

            // Exports first, while the app's heap has not yet been grown by 50 connections of page loads: growth is then
            // measured from the RSS of an app that has served little, not absorbed by a heap already hundreds of MiB large.
            await ExportAsync(app, organizer, contest, PageFigures.SeededEntries, table);
            Console.WriteLine($"==> organizer: adding entries up to {LargeExport:N0}");
            AddEntries(app, contest, category, PageFigures.SeededEntries, LargeExport);
            await ExportAsync(app, organizer, contest, LargeExport, table);
            RemoveAddedEntries(app);

            // With the app's CPU per request: on a shared machine req/s and p99 follow the other processes' load, this much less.
            var ceiling = await PageFigures.WrkAsync(app.BaseUrl + "/lib/bootstrap/bootstrap.min.css", null, app);
            var baseline = $"{ceiling.Rps:N0} req/s, p99 {ceiling.P99Ms:0.0} ms, app CPU {ceiling.CpuMsPerRequest:0.00} ms/request (static bootstrap.min.css)";
            (string Name, string Path, HttpClient Http, CookieContainer Cookies)[] pages =
            [
                ("entries, first page", $"/manage/contests/{contest}", organizer, organizerCookies),
                ("entries, search + category + state + newest first, page 3", $"/manage/contests/{contest}?category={category}&state=Submitted&q=story+1&sort=Newest&page=3", organizer, organizerCookies),
                ("entries, page 400 (the last)", $"/manage/contests/{contest}?page=400", organizer, organizerCookies),
                ("round: ranking (whole round ranked) + assignments", $"/manage/rounds/{round}", organizer, organizerCookies),
                ("round: ranking page 200 + assignment search", $"/manage/rounds/{round}?page=200&aq=B-1999", organizer, organizerCookies),
                ("category judging setup", $"/manage/categories/{category}/judging", organizer, organizerCookies),
                ("objections", $"/manage/contests/{contest}/objections", organizer, organizerCookies),
                ("public vote review (no votes cast)", $"/manage/rounds/{round}/public-vote", organizer, organizerCookies),
                ("users (admin)", "/admin/users", admin, adminCookies),
            ];
            // The pages share most of their code (the layout, the lists' paging, the kept rows): measured one after another
            // cold, the first one measured paid the JIT's tiering-up for all of them. One pass under load over all first.
            foreach (var (_, path, _, cookies) in pages) await PageFigures.WarmAsync(app.BaseUrl + path, Cookie(cookies));
            foreach (var (name, path, http, cookies) in pages)
            {
                var response = await http.GetAsync(path);
                var bytes = await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{path} gave {(int)response.StatusCode}");
                var kib = bytes.Length / 1024.0;
                var load = await PageFigures.WrkAsync(app.BaseUrl + path, Cookie(cookies), app);
                table.Add($"Organizer page: {name} — `{path}`", $"{load.Describe()}; {kib:0.0} KiB", baseline, $"{load.Rps / ceiling.Rps:0.000}× of static",
                    // wrk prints 0 req/s and a zero latency when no request finished within its 5 s timeout: that is a failure.
                    $"< {PageGoalKiB} KiB, p99 < {P99GoalMs} ms", load.Rps > 0 && kib < PageGoalKiB && load.P99Ms < P99GoalMs && load.Errors == 0);
            }
        }
        catch (Exception e) { table.Failed("Organizer pages and exports", $"< {PageGoalKiB} KiB, p99 < {P99GoalMs} ms", e); }
    }

    /// <summary>Each export downloaded once, read and thrown away as it arrives; the app's peak RSS is reset just before it.</summary>
    private static async Task ExportAsync(AppUnderTest app, HttpClient organizer, long contest, int entries, ResultTable table)
    {
        foreach (var format in new[] { "csv", "xlsx" })
        {
            GC.Collect();
            var before = app.RssMiB();
            var reset = app.ResetPeakRss();
            var sw = Stopwatch.StartNew();
            using var response = await organizer.GetAsync($"/manage/contests/{contest}/entries.{format}", HttpCompletionOption.ResponseHeadersRead);
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"entries.{format} gave {(int)response.StatusCode}");
            await using var body = await response.Content.ReadAsStreamAsync();
            var buffer = new byte[81920];
            long total = 0, lines = 0;
            int n;
            while ((n = await body.ReadAsync(buffer)) > 0)
            {
                total += n;
                if (format == "csv") lines += buffer.AsSpan(0, n).Count((byte)'\n');
            }
            var seconds = sw.Elapsed.TotalSeconds;
            var peak = reset ? app.PeakRssMiB() : app.RssMiB();
            // One line per listed entry plus the header: the seeded ones and the demo's own entries in that contest.
            if (format == "csv" && lines != Listed(app, contest) + 1) throw new InvalidOperationException($"entries.csv had {lines} lines, not {Listed(app, contest) + 1}");
            var growth = peak - before;
            table.Add($"Export: entries.{format}, {entries:N0} entries (app RSS growth during the download{(reset ? ", peak via clear_refs" : ", RSS after")})",
                $"+{growth:0.0} MiB (from {before:0} MiB); {total / 1048576.0:0.0} MiB in {seconds:0.00} s", $"RSS before: {before:0} MiB", "",
                "flat: growth ≤ 64 MiB at 20,000 and 100,000", growth <= 64);
        }
    }

    /// <summary>The entries the organizer's list and export show: every one of the contest but drafts (EntryList.Rows).</summary>
    private static long Listed(AppUnderTest app, long contest)
    {
        using var db = app.OpenDb();
        return (long)AppUnderTest.Scalar(db, "SELECT COUNT(*) FROM Entries WHERE ContestId = $c AND State <> 'Draft'", ("$c", contest));
    }

    private static (long Contest, long Category, long Round) SeedMore(AppUnderTest app)
    {
        using var db = app.OpenDb();
        var contest = (long)AppUnderTest.Scalar(db, "SELECT Id FROM Contests ORDER BY Id LIMIT 1");
        var category = (long)AppUnderTest.Scalar(db, "SELECT Id FROM Categories WHERE ContestId = $c AND Kind = 'Story'", ("$c", contest));
        var round = (long)AppUnderTest.Scalar(db, "SELECT Id FROM Rounds WHERE Name = 'Benchmark round'");
        var writer = AppUnderTest.UserId(db, "writer@demo.local");
        var now = AppUnderTest.Ticks(DateTimeOffset.UtcNow);
        using var tx = db.BeginTransaction();
        Exec(db, "UPDATE Assignments SET Total = 50 + (abs(random()) % 5000) / 100.0 WHERE RoundId = $r", ("$r", round));
        AppUnderTest.BumpDataVersions(db);
        Exec(db, """
            INSERT INTO Objections (ContestId, EntryId, FiledById, Reason, FiledAt, State, Decision, DecidedAt)
            SELECT $c, Id, $w, 'Benchmark objection to ' || Number, $now, CASE WHEN Id % 2 = 0 THEN 0 ELSE 2 END,
                   CASE WHEN Id % 2 = 0 THEN NULL ELSE 'Dismissed for the benchmark' END, CASE WHEN Id % 2 = 0 THEN NULL ELSE $now END
            FROM Entries WHERE CategoryId = $cat AND Number LIKE 'B-%' ORDER BY Id LIMIT $n
            """, ("$c", contest), ("$w", writer), ("$now", now), ("$cat", category), ("$n", Objections));
        using (var user = db.CreateCommand())
        {
            user.CommandText = """
                INSERT INTO AspNetUsers (Id, RealName, PreferredLanguage, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed,
                    SecurityStamp, ConcurrencyStamp, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount, CreatedAt, RemindersOptedOut)
                VALUES ($id, $name, 'zh-CN', $email, upper($email), $email, upper($email), 1, $id, $id, 0, 0, 1, 0, $now, 0)
                """;
            var id = user.Parameters.Add("$id", Microsoft.Data.Sqlite.SqliteType.Text);
            var name = user.Parameters.Add("$name", Microsoft.Data.Sqlite.SqliteType.Text);
            var email = user.Parameters.Add("$email", Microsoft.Data.Sqlite.SqliteType.Text);
            user.Parameters.AddWithValue("$now", now);
            for (var i = 0; i < ExtraAccounts; i++)
            {
                id.Value = Guid.NewGuid().ToString(); name.Value = $"Bench entrant {i + 1}"; email.Value = $"bench{i + 1:00000}@bench.local";
                user.ExecuteNonQuery();
            }
        }
        tx.Commit();
        Exec(db, "ANALYZE;");
        return (contest, category, round);
    }

    private static void AddEntries(AppUnderTest app, long contest, long category, int from, int to)
    {
        using var db = app.OpenDb();
        using var tx = db.BeginTransaction();
        BenchEntries.AddSubmitted(db, contest, category, from, to, digits: 6);
        tx.Commit();
    }

    /// <summary>Back to the 20,000 entries the pages are measured at (the added ones have 6-digit numbers).</summary>
    private static void RemoveAddedEntries(AppUnderTest app)
    {
        using var db = app.OpenDb();
        Exec(db, "DELETE FROM Entries WHERE Number LIKE 'B-______' AND length(Number) = 8");
        AppUnderTest.BumpDataVersions(db);
        Exec(db, "ANALYZE;");
    }

    private static void Exec(Microsoft.Data.Sqlite.SqliteConnection db, string sql, params (string Name, object Value)[] args)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in args) cmd.Parameters.AddWithValue(name, value);
        cmd.ExecuteNonQuery();
    }
}
