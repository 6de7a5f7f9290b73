using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using BrandStoryContest.Web.Domain;
using Microsoft.Data.Sqlite;

namespace BrandStoryContest.Bench;

/// <summary>
/// A national final with 32 regional divisions (赛区) of 300 submitted stories each, and its final of 32 × 10
/// recommended entries, driven through the app's own forms as its organizers would: the final copied from the demo's
/// open call, each division made with CreateDivision, panels, rounds, AssignJudges, round states, quotas and
/// RecommendFromRanking posted over HTTP. Only what no form can do fast is raw SQL: the 9,600 entries, the judge and
/// division-organizer accounts (with the demo password), the contests' judge pools and the scores. The baselines are
/// the same use cases on an ordinary contest of the same size in the same run (a copy of the final that is no
/// division), the planner alone in this process, and the static-file ceiling under wrk.
/// </summary>
public static partial class DivisionFigures
{
    private const int PerDivision = 300, Quota = 10, DivisionJudges = 10, DivisionK = 3, FinalJudges = 20, FinalK = 5, Repeats = 3;
    private const double AssignGoalMs = 2000, AssignRatioGoal = 1.5, P99GoalMs = 100, PageGoalKiB = 150, RecommendGoalMs = 2000;

    private sealed record Client(HttpClient Http, CookieContainer Cookies, string Token, string BaseUrl) : IDisposable
    {
        public string Cookie => $"Cookie: bsc.auth={Cookies.GetCookies(new Uri(BaseUrl))["bsc.auth"]!.Value}";

        /// <summary>A form post; the app answers a done command with a redirect and a refusal (no Referer sent) with 400.</summary>
        public async Task<string> PostAsync(string path, params (string Key, string Value)[] fields)
        {
            using var response = await Http.PostAsync(path, new FormUrlEncodedContent(
                fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)).Append(new("__RequestVerificationToken", Token))));
            if (response.StatusCode != HttpStatusCode.Redirect)
                throw new InvalidOperationException($"POST {path} gave {(int)response.StatusCode}: {Excerpt(await response.Content.ReadAsStringAsync())}");
            return response.Headers.Location?.OriginalString ?? "";
        }

        public void Dispose() => Http.Dispose();
    }

    private sealed record DivisionSetup(int Index, long ContestId, long CategoryId, string OrganizerEmail, string[] Judges)
    {
        public long RoundId { get; set; }
        public long QuotaId { get; set; }
        public Client Organizer { get; set; } = null!;
    }

    public static async Task RunAsync(BenchOptions options, ResultTable table)
    {
        var count = options.Small ? 4 : 32;
        var finalSize = count * Quota;
        try
        {
            // The media worker is on only because the demo seed waits for it to process last year's films; the final
            // is copied from the open call, which the seed makes last.
            await using var app = await AppUnderTest.StartAsync(options, new Dictionary<string, string> { ["Media__WorkerEnabled"] = "true" }, "divisions.log");
            await ProcessingFigures.DemoSettledAsync(app);
            Console.WriteLine($"==> divisions: a final with {count} divisions × {PerDivision} entries, quotas of {Quota}");
            using var finalOrganizer = await SignInAsync(app, "organizer@demo.local", "/manage");

            // The final, and two ordinary contests of the sizes measured (copies of the final that are nobody's division).
            long openCall;
            using (var db = app.OpenDb()) openCall = (long)AppUnderTest.Scalar(db, "SELECT Id FROM Contests WHERE Code LIKE 'LZH%'");
            var final = await CopyAsync(finalOrganizer, openCall, "BENCHFINAL", "全国品牌故事大赛总决赛");
            var ordinary = await CopyAsync(finalOrganizer, final, "BENCHORD", "对照赛事（普通，300件）");
            var ordinaryFinal = await CopyAsync(finalOrganizer, final, "BENCHORDF", $"对照赛事（普通，{finalSize}件）");

            var (organizers, judges) = SeedAccounts(app, count);
            var created = new List<double>();
            for (var i = 0; i < count; i++)
            {
                var sw = Stopwatch.StartNew();
                await finalOrganizer.PostAsync($"/manage/finals/{final}/divisions/new",
                    ("Code", $"BD{i + 1:00}"), ("NameZh", $"第{i + 1}赛区"), ("NameEn", $"Division {i + 1}"), ("OrganizerEmail", organizers[i]),
                    ("SubmissionOpensAt", Local(DateTime.Today.AddDays(-60))), ("SubmissionClosesAt", Local(DateTime.Today.AddDays(-1))));
                created.Add(sw.Elapsed.TotalMilliseconds);
            }
            table.Add($"Divisions: CreateDivision through the form, {count} one after another (copies the final's categories, rules, tiers, declarations)",
                $"median {ResultTable.Ms(Median(created))}, max {ResultTable.Ms(created.Max())}, total {ResultTable.Ms(created.Sum())}", "", "", "(setup; reported)", null);

            var setups = SeedDivisions(app, final, organizers, judges, count);
            var finalJudges = judges[^FinalJudges..];
            long ordinaryCategory, ordinaryFinalCategory, finalCategory;
            using (var db = app.OpenDb())
            {
                (ordinaryCategory, ordinaryFinalCategory, finalCategory) = (StoryCategory(db, ordinary), StoryCategory(db, ordinaryFinal), StoryCategory(db, final));
                using var tx = db.BeginTransaction();
                BenchEntries.AddSubmitted(db, ordinary, ordinaryCategory, 0, PerDivision, digits: 5);
                BenchEntries.AddSubmitted(db, ordinaryFinal, ordinaryFinalCategory, 0, finalSize, digits: 5);
                AddPool(db, ordinary, setups[0].Judges);
                AddPool(db, ordinaryFinal, finalJudges);
                AddPool(db, final, finalJudges);
                tx.Commit();
                Exec(db, "ANALYZE;");
            }

            // Panels and rounds, posted by each contest's own organizer.
            foreach (var d in setups)
            {
                d.Organizer = await SignInAsync(app, d.OrganizerEmail, $"/manage/divisions/{d.ContestId}");
                d.RoundId = await RoundAsync(d.Organizer, d.CategoryId, d.Judges, "赛区初评", DivisionK);
            }
            var ordinaryRound = await RoundAsync(finalOrganizer, ordinaryCategory, setups[0].Judges, "初评", DivisionK);
            var ordinaryFinalRound = await RoundAsync(finalOrganizer, ordinaryFinalCategory, finalJudges, "初评", FinalK);
            var finalRound = await RoundAsync(finalOrganizer, finalCategory, finalJudges, "决赛评审", FinalK);

            // Assignment: one division round against the ordinary contest of the same size, in turns.
            Console.WriteLine("==> divisions: AssignJudges, a division round and the ordinary contest in turns");
            await AssignAsync(finalOrganizer, ordinaryRound); // first request of its kind: JIT and caches
            var (divisionMs, ordinaryMs) = await InTurnsAsync(setups[0].Organizer, setups[0].RoundId, finalOrganizer, ordinaryRound);
            CheckAssigned(app, setups[0].RoundId, PerDivision * DivisionK);
            CheckAssigned(app, ordinaryRound, PerDivision * DivisionK);
            var planDivision = PlannerMs(PerDivision, DivisionJudges, DivisionK);
            table.Add($"Assignment: AssignJudges (HTTP) on one division round, {PerDivision} entries × {DivisionJudges} judges × k={DivisionK} (median of {Repeats})",
                ResultTable.Ms(divisionMs), $"{ResultTable.Ms(ordinaryMs)} (ordinary contest, same size)", $"{divisionMs / ordinaryMs:0.00}×",
                $"< {AssignGoalMs / 1000:0} s, ≤ {AssignRatioGoal}× ordinary", divisionMs < AssignGoalMs && divisionMs / ordinaryMs <= AssignRatioGoal);
            table.Add($"Assignment: JudgeAssignment.Plan alone (in-process), {PerDivision} × {DivisionJudges} × k={DivisionK}", ResultTable.Ms(planDivision),
                $"{ResultTable.Ms(divisionMs)} (the whole AssignJudges request)", $"{100 * planDivision / divisionMs:0.0}% of the request", "(share of the request; reported)", null);

            var all = new List<double>();
            foreach (var d in setups) all.Add(await TimeAsync(() => AssignAsync(d.Organizer, d.RoundId)));
            foreach (var d in setups) CheckAssigned(app, d.RoundId, PerDivision * DivisionK);
            table.Add($"Assignment: AssignJudges on all {count} division rounds one after another ({count * PerDivision:N0} entries)",
                $"total {ResultTable.Ms(all.Sum())}, median {ResultTable.Ms(Median(all))}, max {ResultTable.Ms(all.Max())}",
                $"{ResultTable.Ms(count * ordinaryMs)} ({count} × ordinary)", $"{all.Sum() / (count * ordinaryMs):0.00}×",
                $"max < {AssignGoalMs / 1000:0} s", all.Max() < AssignGoalMs);

            // Division rankings: every score in (raw SQL), rounds finalized through the app.
            using (var db = app.OpenDb())
            {
                Exec(db, $"UPDATE Assignments SET Total = 50 + (abs(random()) % 5000) / 100.0, ScoredAt = $now WHERE RoundId IN ({string.Join(',', setups.Select(d => d.RoundId))})",
                    ("$now", AppUnderTest.Ticks(DateTimeOffset.UtcNow)));
                AppUnderTest.BumpDataVersions(db);
            }
            foreach (var d in setups)
                foreach (var to in new[] { "Open", "Closed", "Finalized" })
                    await d.Organizer.PostAsync($"/manage/rounds/{d.RoundId}/state", ("to", to));

            var ceiling = await PageFigures.WrkAsync(app.BaseUrl + "/lib/bootstrap/bootstrap.min.css", null);
            using var anonymous = new HttpClient { BaseAddress = new Uri(app.BaseUrl) };
            var staticSerial = await SerialMsAsync(anonymous, "/lib/bootstrap/bootstrap.min.css");
            var staticBaseline = $"{ceiling.Rps:N0} req/s, p99 {ceiling.P99Ms:0.0} ms; one at a time {staticSerial:0.0} ms (static bootstrap.min.css)";
            // The floor of a signed-in organizer page here: the layout, sign-in and antiforgery with a short list.
            await PageAsync(table, app, setups[0].Organizer, "/manage",
                "Organizer page floor: a division organizer's contest list (one contest), for comparison", ceiling, staticBaseline, null, judged: false);
            await PageAsync(table, app, setups[0].Organizer, $"/manage/rounds/{setups[0].RoundId}",
                $"Ranking: a division round's page (ranking + assignments), {PerDivision} entries all scored, as its organizer", ceiling, staticBaseline, null);

            // Quotas and the deadline, as the final's organizer; then each division fills its quota from its ranking.
            SetQuotaIds(app, final, setups);
            string zone;
            using (var db = app.OpenDb()) zone = (string)AppUnderTest.Scalar(db, "SELECT TimeZoneId FROM Contests WHERE Id = $c", ("$c", final));
            var deadline = TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow.AddDays(7), TimeZoneInfo.FindSystemTimeZoneById(zone)).DateTime;
            var quotaFields = new List<(string, string)> { ("RecommendationClosesAt", Local(deadline)) };
            using (var db = app.OpenDb())
            {
                var n = 0;
                foreach (var (id, code) in Rows(db, "SELECT q.Id, c.Code FROM DivisionQuotas q JOIN Divisions d ON d.Id = q.DivisionId JOIN Categories c ON c.Id = q.FinalCategoryId WHERE d.FinalId = $f", ("$f", final)))
                {
                    quotaFields.Add(($"Quotas[{n}].Id", id.ToString()));
                    quotaFields.Add(($"Quotas[{n++}].Quota", code == "S" ? Quota.ToString() : "0"));
                }
            }
            await finalOrganizer.PostAsync($"/manage/finals/{final}/divisions/quotas", [.. quotaFields]);

            Console.WriteLine("==> divisions: RecommendFromRanking in every division");
            var recommend = new List<double>();
            foreach (var d in setups) recommend.Add(await TimeAsync(() => d.Organizer.PostAsync($"/manage/divisions/{d.ContestId}/from-ranking", ("quotaId", d.QuotaId.ToString()))));
            using (var db = app.OpenDb())
            {
                var carried = (long)AppUnderTest.Scalar(db, "SELECT COUNT(*) FROM Entries WHERE ContestId = $f AND State = 'Submitted' AND CarriedOver = 1", ("$f", final));
                if (carried != finalSize) throw new InvalidOperationException($"the final holds {carried} carried entries, not {finalSize}");
            }
            table.Add($"Recommendation: RecommendFromRanking (HTTP) in each of {count} divisions, {Quota} entries carried into the final each",
                $"median {ResultTable.Ms(Median(recommend))}, max {ResultTable.Ms(recommend.Max())}, total {ResultTable.Ms(recommend.Sum())}",
                $"{ResultTable.Ms(divisionMs)} (AssignJudges on a division round)", $"{Median(recommend) / divisionMs:0.00}×",
                $"< {RecommendGoalMs / 1000:0} s per division", recommend.Max() < RecommendGoalMs);

            await PageAsync(table, app, setups[0].Organizer, $"/manage/divisions/{setups[0].ContestId}",
                $"Recommendation: a division's recommendation page ({Quota} recommended, {PerDivision - Quota} candidates to choose from), as its organizer", ceiling, staticBaseline, null);
            await PageAsync(table, app, finalOrganizer, $"/manage/finals/{final}/divisions",
                $"Dashboard: the final's divisions (FinalDashboard), {count} divisions, all recommended", ceiling, staticBaseline,
                html => setups.All(d => html.Contains($"data-division=\"BD{d.Index + 1:00}\"")) ? null : "not every division is on the dashboard");

            // The final's round: every recommended entry, against an ordinary contest of the same size.
            Console.WriteLine("==> divisions: AssignJudges on the final's round and the ordinary contest in turns");
            await AssignAsync(finalOrganizer, ordinaryFinalRound);
            var (finalMs, ordinaryFinalMs) = await InTurnsAsync(finalOrganizer, finalRound, finalOrganizer, ordinaryFinalRound);
            CheckAssigned(app, finalRound, finalSize * FinalK);
            CheckAssigned(app, ordinaryFinalRound, finalSize * FinalK);
            var planFinal = PlannerMs(finalSize, FinalJudges, FinalK);
            table.Add($"Assignment: AssignJudges (HTTP) on the final's round, {finalSize} carried entries × {FinalJudges} judges × k={FinalK} (median of {Repeats})",
                ResultTable.Ms(finalMs), $"{ResultTable.Ms(ordinaryFinalMs)} (ordinary contest, same size)", $"{finalMs / ordinaryFinalMs:0.00}×",
                $"< {AssignGoalMs / 1000:0} s, ≤ {AssignRatioGoal}× ordinary", finalMs < AssignGoalMs && finalMs / ordinaryFinalMs <= AssignRatioGoal);
            table.Add($"Assignment: JudgeAssignment.Plan alone (in-process), {finalSize} × {FinalJudges} × k={FinalK}", ResultTable.Ms(planFinal),
                $"{ResultTable.Ms(finalMs)} (the whole AssignJudges request)", $"{100 * planFinal / finalMs:0.0}% of the request", "(share of the request; reported)", null);

            using (var db = app.OpenDb())
            {
                Exec(db, "UPDATE Assignments SET Total = 50 + (abs(random()) % 5000) / 100.0, ScoredAt = $now WHERE RoundId = $r",
                    ("$now", AppUnderTest.Ticks(DateTimeOffset.UtcNow)), ("$r", finalRound));
                AppUnderTest.BumpDataVersions(db);
            }
            await PageAsync(table, app, finalOrganizer, $"/manage/rounds/{finalRound}",
                $"Ranking: the final's round page (ranking + assignments), {finalSize} entries all scored, as the final's organizer", ceiling, staticBaseline, null);

            foreach (var d in setups) d.Organizer.Dispose();
        }
        catch (Exception e) { table.Failed("Divisions: final with divisions", $"assignment < {AssignGoalMs / 1000:0} s, pages p99 < {P99GoalMs} ms", e); }
    }

    private static async Task<Client> SignInAsync(AppUnderTest app, string email, string formPage)
    {
        var (http, cookies) = await app.SignInAsync(email);
        var page = await http.GetStringAsync(formPage);
        return new Client(http, cookies, AppUnderTest.Token(page), app.BaseUrl);
    }

    private static async Task<long> CopyAsync(Client organizer, long source, string code, string title)
    {
        var location = await organizer.PostAsync($"/manage/contests/{source}/copy", ("Code", code), ("TitleZh", title),
            ("SubmissionOpensAt", Local(DateTime.Today.AddDays(-90))), ("SubmissionClosesAt", Local(DateTime.Today.AddDays(-61))));
        return long.Parse(Regex.Match(location, @"/manage/contests/(\d+)/edit").Groups[1].Value);
    }

    private static async Task<long> RoundAsync(Client organizer, long category, string[] judges, string name, int k)
    {
        await organizer.PostAsync($"/manage/categories/{category}/panel", [.. judges.Select(j => ("JudgeIds", j))]);
        var location = await organizer.PostAsync("/manage/rounds/save", ("CategoryId", category.ToString()), ("Name", name), ("JudgesPerEntry", k.ToString()));
        return long.Parse(Regex.Match(location, @"/manage/rounds/(\d+)").Groups[1].Value);
    }

    private static Task AssignAsync(Client organizer, long round) => organizer.PostAsync($"/manage/rounds/{round}/assign");

    /// <summary>Medians of <see cref="Repeats"/> assignments of each round, alternating so that both see the same machine.</summary>
    private static async Task<(double A, double B)> InTurnsAsync(Client a, long roundA, Client b, long roundB)
    {
        List<double> first = [], second = [];
        for (var i = 0; i < Repeats; i++)
        {
            first.Add(await TimeAsync(() => AssignAsync(a, roundA)));
            second.Add(await TimeAsync(() => AssignAsync(b, roundB)));
        }
        return (Median(first), Median(second));
    }

    private static async Task<double> TimeAsync(Func<Task> work)
    {
        var sw = Stopwatch.StartNew();
        await work();
        return sw.Elapsed.TotalMilliseconds;
    }

    /// <summary>The planner on the same numbers, no conflicts, median of 20 runs after 3 warm-ups.</summary>
    private static double PlannerMs(int entries, int judges, int k)
    {
        var problem = new AssignmentProblem(Enumerable.Range(1, entries).ToList(), Enumerable.Range(1, judges).Select(j => $"judge-{j:000}").ToList(), k,
            new HashSet<(int, string)>(), Seed: 7);
        for (var i = 0; i < 3; i++) JudgeAssignment.Plan(problem);
        var times = new List<double>();
        for (var i = 0; i < 20; i++)
        {
            var sw = Stopwatch.StartNew();
            var plan = JudgeAssignment.Plan(problem);
            times.Add(sw.Elapsed.TotalMilliseconds);
            if (plan.Pairs.Count != entries * k) throw new InvalidOperationException($"the planner left {entries * k - plan.Pairs.Count} seats open");
        }
        return Median(times);
    }

    private static async Task PageAsync(ResultTable table, AppUnderTest app, Client reader, string path, string name, PageFigures.WrkResult ceiling, string baseline,
        Func<string, string?>? check, bool judged = true)
    {
        using var response = await reader.Http.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{path} gave {(int)response.StatusCode}");
        if (check?.Invoke(html) is { } wrong) throw new InvalidOperationException($"{path}: {wrong}");
        var kib = System.Text.Encoding.UTF8.GetByteCount(html) / 1024.0;
        var serial = await SerialMsAsync(reader.Http, path);
        var load = await PageFigures.WrkAsync(app.BaseUrl + path, reader.Cookie);
        table.Add($"{name} — `{path}`", $"{load.Describe()}; {kib:0.0} KiB; one request at a time: median {serial:0.0} ms", baseline, $"{load.Rps / ceiling.Rps:0.000}× of static",
            judged ? $"< {PageGoalKiB} KiB, p99 < {P99GoalMs} ms" : "(comparison; no goal)",
            judged ? load.Rps > 0 && kib < PageGoalKiB && load.P99Ms < P99GoalMs && load.Errors == 0 : load.Errors == 0 ? null : false);
    }

    /// <summary>The page's own cost on a shared machine: 20 requests one after another (after 3 warm-ups), the median in ms.</summary>
    private static async Task<double> SerialMsAsync(HttpClient http, string path)
    {
        var times = new List<double>();
        for (var i = 0; i < 23; i++)
        {
            var sw = Stopwatch.StartNew();
            using var response = await http.GetAsync(path);
            await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{path} gave {(int)response.StatusCode}");
            if (i >= 3) times.Add(sw.Elapsed.TotalMilliseconds);
        }
        return Median(times);
    }

    /// <summary>
    /// One organizer account per division and the judges (each division's panel, then the final's), by SQL: the
    /// organizers get the demo organizer's password hash so they sign in with the demo password through the real form.
    /// </summary>
    private static (string[] Organizers, string[] Judges) SeedAccounts(AppUnderTest app, int count)
    {
        using var db = app.OpenDb();
        var hash = (string)AppUnderTest.Scalar(db, "SELECT PasswordHash FROM AspNetUsers WHERE NormalizedEmail = 'ORGANIZER@DEMO.LOCAL'");
        var organizerRole = (string)AppUnderTest.Scalar(db, "SELECT Id FROM AspNetRoles WHERE NormalizedName = 'ORGANIZER'");
        var judgeRole = (string)AppUnderTest.Scalar(db, "SELECT Id FROM AspNetRoles WHERE NormalizedName = 'JUDGE'");
        var now = AppUnderTest.Ticks(DateTimeOffset.UtcNow);
        using var tx = db.BeginTransaction();
        using var user = db.CreateCommand();
        user.CommandText = """
            INSERT INTO AspNetUsers (Id, RealName, PreferredLanguage, UserName, NormalizedUserName, Email, NormalizedEmail, EmailConfirmed, PasswordHash,
                SecurityStamp, ConcurrencyStamp, PhoneNumberConfirmed, TwoFactorEnabled, LockoutEnabled, AccessFailedCount, CreatedAt, RemindersOptedOut)
            VALUES ($id, $name, 'zh-CN', $email, upper($email), $email, upper($email), 1, $hash, $stamp, $stamp, 0, 0, 1, 0, $now, 0)
            """;
        var id = user.Parameters.Add("$id", SqliteType.Text);
        var name = user.Parameters.Add("$name", SqliteType.Text);
        var email = user.Parameters.Add("$email", SqliteType.Text);
        var stamp = user.Parameters.Add("$stamp", SqliteType.Text);
        var password = user.Parameters.Add("$hash", SqliteType.Text);
        user.Parameters.AddWithValue("$now", now);
        using var role = db.CreateCommand();
        role.CommandText = "INSERT INTO AspNetUserRoles (UserId, RoleId) VALUES ($user, $role)";
        var roleUser = role.Parameters.Add("$user", SqliteType.Text);
        var roleId = role.Parameters.Add("$role", SqliteType.Text);
        string Add(string address, string realName, string? passwordHash, string roleOf)
        {
            id.Value = Guid.NewGuid().ToString(); name.Value = realName; email.Value = address; stamp.Value = Guid.NewGuid().ToString("N").ToUpperInvariant();
            password.Value = (object?)passwordHash ?? DBNull.Value;
            user.ExecuteNonQuery();
            roleUser.Value = id.Value; roleId.Value = roleOf;
            role.ExecuteNonQuery();
            return (string)id.Value;
        }
        var organizers = Enumerable.Range(1, count).Select(i => { var e = $"division{i:00}@bench.local"; Add(e, $"第{i}赛区主办方", hash, organizerRole); return e; }).ToArray();
        var judges = Enumerable.Range(1, count * DivisionJudges + FinalJudges).Select(i => Add($"judge{i:000}@bench.local", $"评委{i:000}", null, judgeRole)).ToArray();
        tx.Commit();
        return (organizers, judges);
    }

    /// <summary>Each division's 300 submitted stories and its judge pool (judges invited to the contest, as the invitation flow leaves them).</summary>
    private static List<DivisionSetup> SeedDivisions(AppUnderTest app, long final, string[] organizers, string[] judges, int count)
    {
        using var db = app.OpenDb();
        var contests = Rows(db, "SELECT ContestId, 0 FROM Divisions WHERE FinalId = $f ORDER BY Id", ("$f", final)).Select(r => r.Id).ToList();
        if (contests.Count != count) throw new InvalidOperationException($"the final has {contests.Count} divisions, not {count}");
        var setups = contests.Select((c, i) => new DivisionSetup(i, c, StoryCategory(db, c), organizers[i], judges[(i * DivisionJudges)..((i + 1) * DivisionJudges)])).ToList();
        using var tx = db.BeginTransaction();
        foreach (var d in setups)
        {
            BenchEntries.AddSubmitted(db, d.ContestId, d.CategoryId, 0, PerDivision, digits: 5);
            AddPool(db, d.ContestId, d.Judges);
        }
        tx.Commit();
        Exec(db, "ANALYZE;");
        return setups;
    }

    private static void SetQuotaIds(AppUnderTest app, long final, List<DivisionSetup> setups)
    {
        using var db = app.OpenDb();
        foreach (var d in setups)
            d.QuotaId = (long)AppUnderTest.Scalar(db, "SELECT q.Id FROM DivisionQuotas q JOIN Divisions d ON d.Id = q.DivisionId WHERE d.ContestId = $c AND q.DivisionCategoryId = $cat",
                ("$c", d.ContestId), ("$cat", d.CategoryId));
    }

    private static void AddPool(SqliteConnection db, long contest, IEnumerable<string> judges)
    {
        foreach (var j in judges) Exec(db, "INSERT INTO ContestJudges (ContestId, JudgeId) VALUES ($c, $j)", ("$c", contest), ("$j", j));
    }

    private static void CheckAssigned(AppUnderTest app, long round, int expected)
    {
        using var db = app.OpenDb();
        var n = (long)AppUnderTest.Scalar(db, "SELECT COUNT(*) FROM Assignments WHERE RoundId = $r", ("$r", round));
        if (n != expected) throw new InvalidOperationException($"round {round} has {n} assignments, not {expected}");
    }

    private static long StoryCategory(SqliteConnection db, long contest) =>
        (long)AppUnderTest.Scalar(db, "SELECT Id FROM Categories WHERE ContestId = $c AND Code = 'S'", ("$c", contest));

    private static List<(long Id, string Code)> Rows(SqliteConnection db, string sql, params (string Name, object Value)[] args)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (n, v) in args) cmd.Parameters.AddWithValue(n, v);
        using var reader = cmd.ExecuteReader();
        var rows = new List<(long, string)>();
        while (reader.Read()) rows.Add((reader.GetInt64(0), reader.GetValue(1).ToString()!));
        return rows;
    }

    private static void Exec(SqliteConnection db, string sql, params (string Name, object Value)[] args)
    {
        using var cmd = db.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (n, v) in args) cmd.Parameters.AddWithValue(n, v);
        cmd.ExecuteNonQuery();
    }

    private static string Local(DateTime at) => at.ToString("yyyy-MM-ddTHH:mm");

    private static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Excerpt(string html)
    {
        var text = Regex.Replace(Regex.Replace(html, "<[^>]+>", " "), @"\s+", " ").Trim();
        return text.Length <= 300 ? text : text[..300];
    }
}
