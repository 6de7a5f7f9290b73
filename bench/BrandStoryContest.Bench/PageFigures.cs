using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;

namespace BrandStoryContest.Bench;

/// <summary>
/// Pages under load with wrk (2 threads, 50 connections, 10 s) on the same Kestrel: a public contest page over 20,000
/// submitted entries and a judge's assignment list, with a static file as the ceiling.
/// </summary>
public static partial class PageFigures
{
    public const int SeededEntries = 20_000, Judge1Assignments = 150;
    private const string JudgeGoal = "≥ 3,000 req/s, p99 < 30 ms (issue 19)";

    public static async Task RunAsync(BenchOptions options, AppUnderTest app, ResultTable table)
    {
        try
        {
            var contestId = FirstContest(app);
            Console.WriteLine("==> pages: the demo contest page before seeding (its fixed cost)");
            var empty = await WrkAsync($"{app.BaseUrl}/contests/{contestId}", null);
            Console.WriteLine($"==> pages: seeding {SeededEntries:N0} submitted entries and an open round");
            Seed(app);
            var (judge, cookies) = await app.SignInAsync("judge1@demo.local");
            using var _judge = judge;
            var auth = cookies.GetCookies(new Uri(app.BaseUrl))["bsc.auth"]!.Value;
            var judging = await judge.GetAsync("/judging");
            var judgingHtml = await judging.Content.ReadAsStringAsync();
            if (judging.StatusCode != HttpStatusCode.OK || Regex.Count(judgingHtml, "/judging/assignments/") < Judge1Assignments)
                throw new InvalidOperationException($"/judging did not list the judge's {Judge1Assignments} assignments ({(int)judging.StatusCode})");
            // The score sheet of the judge's first benchmark entry in the list (the demo's own come first): a story of BenchEntries.Body, no scores yet.
            var sheetPath = Regex.Match(judgingHtml, @"/judging/assignments/\d+(?=""[^>]*>[^<]*Benchmark story)").Value;
            var sheet = await judge.GetAsync(sheetPath);
            if (sheet.StatusCode != HttpStatusCode.OK || !(await sheet.Content.ReadAsStringAsync()).Contains("Benchmark story"))
                throw new InvalidOperationException($"{sheetPath} did not show the judge's score sheet ({(int)sheet.StatusCode})");
            using var anonymous = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
            var page = await anonymous.GetStringAsync($"/contests/{contestId}");
            if (!page.Contains(SeededEntries.ToString()) && !page.Contains(SeededEntries.ToString("N0", CultureInfo.InvariantCulture)))
                Console.WriteLine("    note: the contest page does not show the seeded count literally");

            var ceiling = await WrkAsync(app.BaseUrl + "/lib/bootstrap/bootstrap.min.css", null, app);
            var contest = await WrkAsync($"{app.BaseUrl}/contests/{contestId}", null, app);
            var list = await WrkAsync(app.BaseUrl + "/judging", $"Cookie: bsc.auth={auth}", app);
            var sheetLoad = await WrkAsync(app.BaseUrl + sheetPath, $"Cookie: bsc.auth={auth}", app);
            var baseline = $"{ceiling.Rps:N0} req/s, p99 {ceiling.P99Ms:0.0} ms, app CPU {ceiling.CpuMsPerRequest:0.00} ms/request (static bootstrap.min.css)";
            table.Add($"Page: /contests/{{id}} public, {SeededEntries:N0} submitted entries (wrk 2 threads, 50 conn, 10 s)",
                contest.Describe(), baseline, $"{contest.Rps / ceiling.Rps:0.00}× of static", "≥ 2,000 req/s, p99 < 50 ms",
                contest.Rps >= 2000 && contest.P99Ms < 50 && contest.Errors == 0);
            table.Add("Page: /contests/{id} public, demo contest before seeding (no entries)", empty.Describe(), baseline,
                $"{empty.Rps / ceiling.Rps:0.00}× of static", "(fixed cost of the page, for comparison)", null);
            table.Add($"Page: /judging, judge with {Judge1Assignments} assignments (same load)", list.Describe(), baseline,
                $"{list.Rps / ceiling.Rps:0.00}× of static", JudgeGoal, list.Rps >= 3000 && list.P99Ms < 30 && list.Errors == 0);
            table.Add($"Page: score sheet /judging/assignments/{{id}}, same judge, a story entry (same load)", sheetLoad.Describe(), baseline,
                $"{sheetLoad.Rps / ceiling.Rps:0.00}× of static", JudgeGoal, sheetLoad.Rps >= 3000 && sheetLoad.P99Ms < 30 && sheetLoad.Errors == 0);
        }
        catch (Exception e) { table.Failed("Pages under load", "≥ 2,000 req/s, p99 < 50 ms", e); }
    }

    private static long FirstContest(AppUnderTest app)
    {
        using var db = app.OpenDb();
        return (long)AppUnderTest.Scalar(db, "SELECT Id FROM Contests ORDER BY Id LIMIT 1");
    }

    internal static void Seed(AppUnderTest app)
    {
        using var db = app.OpenDb();
        var contest = (long)AppUnderTest.Scalar(db, "SELECT Id FROM Contests ORDER BY Id LIMIT 1");
        var category = (long)AppUnderTest.Scalar(db, "SELECT Id FROM Categories WHERE ContestId = $c AND Kind = 'Story'", ("$c", contest));
        string[] judges = ["judge1@demo.local", "judge2@demo.local", "judge3@demo.local"];
        var judgeIds = judges.Select(j => AppUnderTest.UserId(db, j)).ToArray();

        using var tx = db.BeginTransaction();
        var ids = BenchEntries.AddSubmitted(db, contest, category, 0, SeededEntries, digits: 5);
        var now = AppUnderTest.Ticks(DateTimeOffset.UtcNow);

        var round = (long)AppUnderTest.Scalar(db, """
            INSERT INTO Rounds (CategoryId, Name, Sequence, State, JudgesPerEntry, Method, Blind, Seed, MinWatchedFraction, PublicWeightPercent, Version)
            VALUES ($category, 'Benchmark round', (SELECT coalesce(max(Sequence), 0) + 1 FROM Rounds WHERE CategoryId = $category), 'Open', 3, 'TrimmedMean', 1, 1, 0, 0, 0) RETURNING Id
            """, ("$category", category));
        using var roundEntry = db.CreateCommand();
        roundEntry.CommandText = "INSERT INTO RoundEntries (RoundId, EntryId) VALUES ($round, $entry)";
        roundEntry.Parameters.AddWithValue("$round", round);
        var re = roundEntry.Parameters.Add("$entry", Microsoft.Data.Sqlite.SqliteType.Integer);
        using var assignment = db.CreateCommand();
        assignment.CommandText = """
            INSERT INTO Assignments (RoundId, EntryId, JudgeId, IsManual, CreatedAt, ReadingSeconds, Version)
            VALUES ($round, $entry, $judge, 0, $now, 0, 0)
            """;
        assignment.Parameters.AddWithValue("$round", round);
        assignment.Parameters.AddWithValue("$now", now);
        var ae = assignment.Parameters.Add("$entry", Microsoft.Data.Sqlite.SqliteType.Integer);
        var aj = assignment.Parameters.Add("$judge", Microsoft.Data.Sqlite.SqliteType.Text);
        for (int i = 0; i < SeededEntries; i++)
        {
            re.Value = ids[i];
            roundEntry.ExecuteNonQuery();
            // judge1 gets a realistic load (20,000 × 3 / 400 = 150); judges 2 and 3 carry the rest of the table.
            foreach (var j in i < Judge1Assignments ? judgeIds : judgeIds[1..])
            {
                ae.Value = ids[i]; aj.Value = j;
                assignment.ExecuteNonQuery();
            }
        }
        AppUnderTest.BumpDataVersions(db);
        tx.Commit();
        using var analyze = db.CreateCommand();
        analyze.CommandText = "ANALYZE;";
        analyze.ExecuteNonQuery();
    }

    /// <param name="CpuMsPerRequest">The app process's CPU time (user + system) during the run over the requests it answered:
    /// on a shared machine req/s and latency follow the other processes' load, this much less.</param>
    public sealed record WrkResult(double Rps, double P99Ms, double P50Ms, long Errors, double? CpuMsPerRequest = null)
    {
        public string Describe() => (Rps <= 0 ? "0 req/s: no request finished within wrk's 5 s timeout" : $"{Rps:N0} req/s, p99 {P99Ms:0.0} ms (p50 {P50Ms:0.0} ms)")
            + (CpuMsPerRequest is { } cpu ? $", app CPU {cpu:0.00} ms/request" : "") + (Errors > 0 ? $", {Errors:N0} errors/non-2xx" : "");
    }

    /// <summary>3 s of the measured load on <paramref name="url"/>, not measured.</summary>
    internal static Task WarmAsync(string url, string? header) => Processes.RunAsync("wrk", WrkArgs(url, header, "-d3s"), TimeSpan.FromSeconds(60));

    private static List<string> WrkArgs(string url, string? header, string duration)
    {
        List<string> args = ["-t2", "-c50", duration, "--timeout", "5s", "--latency"];
        if (header is not null) args.AddRange(["-H", header]);
        args.Add(url);
        return args;
    }

    /// <summary>Measures <paramref name="url"/> at steady state: 3 s of the same load first, not measured, so that what is
    /// measured is the page and not its first minute (a page's code is first JIT'd unoptimized and re-JIT'd in the background
    /// once it is hot; the first page of a part measured cold paid most of that, up to twice its warm CPU per request).</summary>
    internal static async Task<WrkResult> WrkAsync(string url, string? header, AppUnderTest? app = null)
    {
        await WarmAsync(url, header);
        Console.WriteLine($"    wrk -t2 -c50 -d10s --latency {url} (after 3 s of the same, not measured)");
        var cpuBefore = app?.CpuSeconds();
        var output = await Processes.RunAsync("wrk", WrkArgs(url, header, "-d10s"), TimeSpan.FromSeconds(60));
        var cpu = app?.CpuSeconds() - cpuBefore;
        double Latency(string pct)
        {
            var m = Regex.Match(output, $@"^\s+{pct}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
            if (!m.Success) throw new InvalidOperationException("wrk output without latency distribution:\n" + output);
            var v = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
            return m.Groups[2].Value switch { "us" => v / 1000, "s" => v * 1000, _ => v };
        }
        var rps = double.Parse(Regex.Match(output, @"Requests/sec:\s+([\d.]+)").Groups[1].Value, CultureInfo.InvariantCulture);
        long errors = 0;
        foreach (Match m in Regex.Matches(output, @"Non-2xx or 3xx responses: (\d+)|Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)"))
            errors += m.Groups.Cast<Group>().Skip(1).Where(g => g.Success).Sum(g => long.Parse(g.Value));
        var requests = long.Parse(Regex.Match(output, @"(\d+) requests in").Groups[1].Value, CultureInfo.InvariantCulture);
        var result = new WrkResult(rps, Latency("99"), Latency("50"), errors, cpu is { } c && requests > 0 ? c * 1000 / requests : null);
        Console.WriteLine($"    {result.Describe()}");
        return result;
    }
}
