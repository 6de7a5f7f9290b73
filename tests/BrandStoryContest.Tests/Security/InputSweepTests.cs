using System.Net;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Tests.Judging;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Judging;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace BrandStoryContest.Tests.Security;

public sealed class InputSweepApp : AppFactory
{
    // No background work: every change to the database during the sweep comes from the request being checked.
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Media:WorkerEnabled"] = "false", ["Certificates:WorkerEnabled"] = "false", ["RateLimits:VotesPerMinute"] = "100000",
    };

    /// <summary>Unhandled exceptions the app logged: a page that fails half-way may already have sent its status.</summary>
    public ExceptionLog Exceptions { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(s => s.AddSingleton<ILoggerProvider>(Exceptions));
    }

    public sealed class ExceptionLog : ILoggerProvider, ILogger
    {
        private int count;
        public int Count => Volatile.Read(ref count);
        public string Last { get; private set; } = "";
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Error;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel < LogLevel.Error || exception is null) return;
            Last = $"{exception.GetType().Name}: {exception.Message[..Math.Min(exception.Message.Length, 150)]} {exception.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("BrandStoryContest") || l.Contains("cshtml"))?.Trim()}";
            Interlocked.Increment(ref count);
        }
        public void Dispose() { }
    }
}

/// <summary>
/// Every controller action, found by reflection (as in <see cref="AuthorizationMatrixTests"/>), called by a person
/// its rule admits, with missing fields, empty strings, negative and huge numbers, wrong types and oversized text,
/// in its route, its query, its form (with a valid antiforgery token) and its JSON body; then every form the app's
/// own pages render, posted back with one field at a time broken. No answer may be a 5xx; every 4xx carries a
/// message in the reader's language (Chinese here) and changes nothing in the database; and the oversized text is
/// stored nowhere.
/// </summary>
public sealed partial class InputSweepTests(InputSweepApp app) : IClassFixture<InputSweepApp>
{
    private const string Marker = "OVERSIZED";
    private static readonly string Oversized = Marker + new string('x', 120_000);
    private static readonly string[] BadValues = ["", "-1", "99999999999999999999", "abc<script>", Oversized];

    /// <summary>Actions the sweep leaves out, and why.</summary>
    private static readonly Dictionary<string, string> NotSwept = new()
    {
        ["Accounts.Logout POST"] = "takes no input, and would sign the sweeping session out",
    };

    private sealed record Caller(Browserless Web, string Token);
    private sealed record Problem(string What, int Status, string Detail);

    [Fact]
    public async Task No_input_gets_a_server_error_and_refused_input_changes_nothing()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 1, entries: 1, judgesPerEntry: 1);
        var assignment = (await JudgingScenes.OpenAsync(app, scene)).Single();
        var film = scene.Contest.Categories.Single(c => c.Kind == CategoryKind.Film);

        var entrant = await SignedInAsync(await app.CreateUserAsync(Roles.Entrant));
        var story = await StartEntryAsync(entrant, scene.Contest.Id, scene.Stories.Id);
        var filmEntry = await StartEntryAsync(entrant, scene.Contest.Id, film.Id);
        var upload = await entrant.Web.Client.SendAsync(Json(HttpMethod.Post, $"/entries/{filmEntry}/film/uploads", entrant.Token,
            """{"fileName":"film.mp4","totalBytes":1000,"lastModified":1}"""));
        var uploadId = Regex.Match(await upload.Content.ReadAsStringAsync(), "\"uploadId\":\"(\\w+)\"").Groups[1].Value;
        Assert.NotEmpty(uploadId);
        var callers = new Dictionary<string, Caller>
        {
            ["entrant"] = entrant,
            ["organizer"] = await SignedInAsync(scene.Organizer),
            ["judge"] = await SignedInAsync(scene.Judges.Single()),
            ["admin"] = await SignedInAsync(await app.CreateUserAsync(Roles.Admin)),
        };
        string Id(string path, string name) => name switch
        {
            "contestId" => scene.Contest.Id.ToString(), "categoryId" => scene.Stories.Id.ToString(), "entryId" => scene.Entries[0].Id.ToString(),
            "uploadId" => uploadId, "index" => "0", "code" => "404", "format" => "csv", "number" => "BSC-NOPE-NOPE-NOPE",
            "kind" => path.StartsWith("/media") ? "Poster" : "Attachment",
            _ when path.StartsWith("/entries/{id") => path.Contains("/film") ? filmEntry.ToString() : story.ToString(),
            _ => Regex.Match(path, @"(\w+)/\{" + name).Groups[1].Value switch
            {
                "entries" => scene.Entries[0].Id.ToString(), "contests" => scene.Contest.Id.ToString(), "categories" => scene.Stories.Id.ToString(),
                "rounds" => scene.RoundId.ToString(), "assignments" => assignment.Id.ToString(), _ => "1",
            },
        };

        await using var watch = new SqliteConnection($"Data Source={app.DatabasePath}");
        var watching = !AppFactory.AllOnPostgres;
        if (watching) await watch.OpenAsync();
        var problems = new List<Problem>();
        var sent = 0;
        // The two watchers see what they must: a write by the app, and an exception it logs.
        if (watching)
        {
            var version = await DataVersionAsync(watch);
            await app.DbAsync(db => db.Database.ExecuteSqlRawAsync("CREATE TABLE sweep_probe (x); DROP TABLE sweep_probe;"));
            Assert.NotEqual(version, await DataVersionAsync(watch));
        }
        var logged = app.Exceptions.Count;
        app.Services.GetRequiredService<ILogger<InputSweepTests>>().LogError(new InvalidOperationException("probe"), "probe");
        Assert.Equal(logged + 1, app.Exceptions.Count);

        async Task CheckAsync(string what, Caller caller, HttpRequestMessage request)
        {
            var before = watching ? await DataVersionAsync(watch) : 0;
            var exceptions = app.Exceptions.Count;
            var response = await caller.Web.Client.SendAsync(request);
            sent++;
            var status = (int)response.StatusCode;
            var body = await response.Content.ReadAsStringAsync();
            if (app.Exceptions.Count != exceptions) problems.Add(new(what, status, "the server failed: " + app.Exceptions.Last));
            else if (status >= 500) problems.Add(new(what, status, Regex.Match(body, @"\w*Exception[^<\r\n]{0,200}").Value));
            else if (status >= 400)
            {
                var text = response.Content.Headers.ContentType?.MediaType?.Contains("json") == true ? Regex.Unescape(body) : body;
                if (!Cjk().IsMatch(text)) problems.Add(new(what, status, "no message in the reader's language: " + body[..Math.Min(body.Length, 200)]));
                if (watching && await DataVersionAsync(watch) != before) problems.Add(new(what, status, "the database changed"));
            }
            else if (response.Headers.Location?.ToString().Contains("/account/login") == true)
                problems.Add(new(what, status, "the session was lost"));
        }

        // The forms the app renders, as a person would post them, with one field at a time broken. First, while the
        // scene is as it was made: the action sweep below may well close the round or remove the assignment.
        var pages = new (string Caller, string Url)[]
        {
            ("judge", $"/judging/assignments/{assignment.Id}"),
            ("entrant", $"/entries/{story}/edit"), ("entrant", $"/entries/{filmEntry}/edit"), ("entrant", "/account/profile"), ("entrant", "/account/register"),
            ("entrant", $"/contests/{scene.Contest.Id}"), ("entrant", "/account/login"),
            ("organizer", $"/manage/contests/{scene.Contest.Id}/edit"), ("organizer", "/manage/contests/new"),
            ("organizer", $"/manage/categories/{scene.Stories.Id}/edit"), ("organizer", $"/manage/categories/{film.Id}/edit"),
            ("organizer", $"/manage/contests/{scene.Contest.Id}/categories/new?kind=Film"), ("organizer", $"/manage/categories/{scene.Stories.Id}/judging"),
            ("organizer", $"/manage/categories/{scene.Stories.Id}/rounds/new"), ("organizer", $"/manage/rounds/{scene.RoundId}"),
            ("organizer", $"/manage/contests/{scene.Contest.Id}/awards"), ("organizer", $"/manage/rounds/{scene.RoundId}/public-vote/settings"),
            ("organizer", $"/manage/contests/{scene.Contest.Id}"), ("organizer", $"/manage/contests/{scene.Contest.Id}/integrity"),
            ("organizer", $"/manage/contests/{scene.Contest.Id}/declarations"), ("organizer", $"/manage/contests/{scene.Contest.Id}/copy"),
            ("admin", "/admin/users"),
        };
        var posted = new HashSet<string>();
        foreach (var (who, url) in pages)
        {
            var caller = callers[who];
            var page = await caller.Web.Client.GetAsync(url);
            if (page.StatusCode != HttpStatusCode.OK) { problems.Add(new($"GET {url}", (int)page.StatusCode, "a page of the sweep did not open")); continue; }
            foreach (var form in Forms(await page.Content.ReadAsStringAsync()))
            {
                if (form.Action is "/account/logout" || !posted.Add(form.Action + string.Join(',', form.Fields.Select(f => f.Name)))) continue;
                var token = form.Fields.FirstOrDefault(f => f.Name == "__RequestVerificationToken").Value ?? caller.Token;
                var fields = form.Fields.Where(f => f.Name != "__RequestVerificationToken").ToList();
                for (var i = 0; i < fields.Count; i++)
                {
                    var numeric = decimal.TryParse(fields[i].Value, out _);
                    foreach (var bad in numeric ? new[] { "", "-1", "99999999999999999999" } : new[] { "", Oversized })
                    {
                        var broken = fields.Select((f, j) => j == i ? (f.Name, bad) : (f.Name, f.Value)).ToList();
                        var request = Request("POST", form.Action, token, broken, false, form.Multipart);
                        request.Headers.Referrer = new Uri(app.Server.BaseAddress, url);
                        await CheckAsync($"form {form.Action} from {url}: {fields[i].Name}={Short(bad)}", caller, request);
                    }
                }
            }
        }

        foreach (var action in Actions())
        {
            if (NotSwept.ContainsKey(action.Key)) continue;
            var caller = callers[CallerFor(AuthorizationMatrixTests.Expected[action.Key])];
            var route = RouteParameter().Replace(action.Path, m => Id(action.Path, m.Groups[1].Value));
            var fields = Fields(action);
            var json = action.Method.GetParameters().FirstOrDefault(p => p.GetCustomAttribute<FromBodyAttribute>() is not null);

            // Bad route values (each parameter at a time), with the rest of the request empty.
            foreach (Match parameter in RouteParameter().Matches(action.Path))
                foreach (var bad in new[] { "-1", "abc<script>" })
                {
                    var path = RouteParameter().Replace(action.Path, m => m.Value == parameter.Value ? Uri.EscapeDataString(bad) : Id(action.Path, m.Groups[1].Value));
                    await CheckAsync($"{action.Key} route {parameter.Groups[1].Value}={Short(bad)}", caller, Request(action.Verb, path, caller.Token, [], json is not null));
                }

            if (action.Verb == "GET" || action.Verb == "ANY")
            {
                foreach (var bad in BadValues.Prepend(null))
                {
                    var query = bad is null || fields.Count == 0 ? "" : "?" + string.Join('&', fields.Select(f => $"{f.Name}={Uri.EscapeDataString(bad.Length > 1000 ? bad[..4000] : bad)}"));
                    await CheckAsync($"{action.Key} query={Short(bad)}", caller, new HttpRequestMessage(HttpMethod.Get, route + query));
                }
                continue;
            }
            if (json is not null)
            {
                var props = json.ParameterType.GetProperties().Select(p => char.ToLowerInvariant(p.Name[0]) + p.Name[1..]).ToList();
                var bodies = new List<string> { "null", "[1,2", "{}", "\"text\"", "[]", "{\"a\":" };
                bodies.AddRange(BadValues.Select(v => "{" + string.Join(',', props.Select(p => $"\"{p}\":{System.Text.Json.JsonSerializer.Serialize(v)}")) + "}"));
                bodies.AddRange(new[] { "-1", "99999999999999999999", "1e400", "true", "null" }.Select(v => "{" + string.Join(',', props.Select(p => $"\"{p}\":{v}")) + "}"));
                foreach (var body in bodies)
                    await CheckAsync($"{action.Key} json {Short(body)}", caller, Json(HttpMethod.Post, route, caller.Token, body));
                continue;
            }
            await CheckAsync($"{action.Key} no fields", caller, Request(action.Verb, route, caller.Token, [], false));
            foreach (var bad in BadValues)
                await CheckAsync($"{action.Key} all fields={Short(bad)}", caller,
                    Request(action.Verb, route, caller.Token, fields.Select(f => (f.Name, bad)).ToList(), false, fields.Any(f => f.IsFile)));
        }

        Console.WriteLine($"Input sweep: {sent} requests.");
        Assert.True(problems.Count == 0, $"{problems.Count} of {sent} answers were wrong:\n" + string.Join("\n", problems.Select(p => $"{p.Status} {p.What}: {p.Detail}")));
        if (watching) Assert.Empty(await StoredOversizedAsync(watch));
    }

    private static string CallerFor(string rule) => rule switch
    {
        "Judge" => "judge", "Organizer" => "organizer", "Organizer+Admin" => "admin", _ => "entrant",
    };

    private async Task<Caller> SignedInAsync(Account who)
    {
        var web = Browserless.For(app);
        await web.SignInAsync(who.Email!, AppFactory.TestPassword);
        return new Caller(web, Browserless.AntiforgeryToken(await web.GetHtmlAsync("/account/profile")));
    }

    private static async Task<int> StartEntryAsync(Caller entrant, int contestId, int categoryId)
    {
        var started = await entrant.Web.PostFormAsync($"/contests/{contestId}", "/entries/new", new Dictionary<string, string> { ["CategoryId"] = categoryId.ToString() });
        return int.Parse(started.Headers.Location!.ToString().Split('/')[2]);
    }

    private static HttpRequestMessage Json(HttpMethod method, string path, string token, string body)
    {
        var request = new HttpRequestMessage(method, path) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("RequestVerificationToken", token);
        request.Headers.Add("Accept", "application/json");
        return request;
    }

    private static HttpRequestMessage Request(string verb, string path, string token, List<(string Name, string Value)> fields, bool json, bool multipart = false)
    {
        if (json) return Json(new HttpMethod(verb == "ANY" ? "POST" : verb), path, token, "");
        var request = new HttpRequestMessage(new HttpMethod(verb == "ANY" ? "GET" : verb), path);
        if (request.Method == HttpMethod.Get) return request;
        var all = fields.Append(("__RequestVerificationToken", token)).ToList();
        if (!multipart) request.Content = new FormUrlEncodedContent(all.Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));
        else
        {
            var content = new MultipartFormDataContent();
            foreach (var (name, value) in all)
                if (name is "file" or "evidence" or "cover" or "attachment") content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(value)), name, value.Length > 300 ? value[..300] + ".pdf" : "x" + value + ".pdf");
                else content.Add(new StringContent(value), name);
            request.Content = content;
        }
        return request;
    }

    private sealed record Action(string Key, string Verb, string Path, MethodInfo Method);
    private sealed record Field(string Name, bool IsFile);

    private static IReadOnlyList<Action> Actions()
    {
        var list = new List<Action>();
        foreach (var c in typeof(Program).Assembly.GetTypes().Where(t => typeof(Controller).IsAssignableFrom(t) && !t.IsAbstract))
        {
            var prefix = c.GetCustomAttribute<RouteAttribute>()?.Template ?? "";
            foreach (var m in c.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly).Where(m => !m.IsSpecialName))
            {
                var verbs = m.GetCustomAttributes<HttpMethodAttribute>().ToList();
                var route = m.GetCustomAttribute<RouteAttribute>();
                if (verbs.Count == 0 && route is null) continue;
                var template = verbs.FirstOrDefault()?.Template ?? route?.Template ?? "";
                var path = template.StartsWith('/') ? template : "/" + string.Join('/', new[] { prefix, template }.Where(s => s.Length > 0));
                var verb = verbs.Count == 0 ? "ANY" : verbs[0].HttpMethods.Single();
                list.Add(new Action($"{c.Name.Replace("Controller", "")}.{m.Name} {verb}", verb, path, m));
            }
        }
        return list;
    }

    /// <summary>The names a form or query would use for the action's parameters: simple ones by name, a model's by its properties.</summary>
    private static List<Field> Fields(Action action)
    {
        var fields = new List<Field>();
        foreach (var p in action.Method.GetParameters())
        {
            if (p.ParameterType == typeof(CancellationToken) || action.Path.Contains("{" + p.Name)) continue;
            if (p.ParameterType == typeof(IFormFile)) fields.Add(new(p.Name!, true));
            else if (IsSimple(p.ParameterType)) fields.Add(new(p.Name!, false));
            else
                foreach (var prop in p.ParameterType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (IsSimple(prop.PropertyType)) fields.Add(new(prop.Name, false));
                    else if (prop.PropertyType.IsGenericType && prop.PropertyType.GetGenericArguments().Length == 2) fields.Add(new(prop.Name + "[1]", false));
                    else if (typeof(System.Collections.IEnumerable).IsAssignableFrom(prop.PropertyType)) fields.Add(new(prop.Name + "[0]", false));
                    else if (prop.PropertyType == typeof(IFormFile)) fields.Add(new(prop.Name, true));
                }
        }
        return fields;
    }

    private static bool IsSimple(Type t)
    {
        t = Nullable.GetUnderlyingType(t) ?? t;
        return t.IsPrimitive || t.IsEnum || t == typeof(string) || t == typeof(decimal) || t == typeof(DateTime) || t == typeof(DateTimeOffset)
            || t == typeof(DateOnly) || t == typeof(TimeOnly) || t == typeof(Guid);
    }

    private sealed record Form(string Action, bool Multipart, List<(string Name, string Value)> Fields);

    /// <summary>The post forms of a page with the values it renders (inputs, text areas, the selected or first option).</summary>
    private static IEnumerable<Form> Forms(string html)
    {
        foreach (Match form in FormPattern().Matches(html))
        {
            var open = form.Groups[1].Value;
            if (!Regex.IsMatch(open, "method=\"post\"", RegexOptions.IgnoreCase)) continue;
            var action = WebUtility.HtmlDecode(Regex.Match(open, "action=\"([^\"]*)\"").Groups[1].Value);
            if (!action.StartsWith('/')) continue;
            var inner = form.Groups[2].Value;
            var fields = new List<(string, string)>();
            foreach (Match input in InputPattern().Matches(inner))
            {
                var tag = input.Value;
                var name = Attribute(tag, "name");
                if (name is null || Regex.IsMatch(tag, "type=\"(submit|file|button)\"")) continue;
                if (Regex.IsMatch(tag, "type=\"(checkbox|radio)\"") && !tag.Contains("checked")) continue;
                fields.Add((name, Attribute(tag, "value") ?? ""));
            }
            foreach (Match area in TextAreaPattern().Matches(inner)) fields.Add((area.Groups[1].Value, WebUtility.HtmlDecode(area.Groups[2].Value)));
            foreach (Match select in SelectPattern().Matches(inner))
            {
                var options = OptionPattern().Matches(select.Groups[2].Value);
                var chosen = options.FirstOrDefault(o => o.Value.Contains("selected")) ?? options.FirstOrDefault();
                if (chosen is not null) fields.Add((select.Groups[1].Value, WebUtility.HtmlDecode(chosen.Groups[1].Value)));
            }
            yield return new Form(action, open.Contains("multipart/form-data"), fields);
        }
    }

    private static string? Attribute(string tag, string name) =>
        Regex.Match(tag, $"\\s{name}=\"([^\"]*)\"") is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value) : null;

    private static async Task<long> DataVersionAsync(SqliteConnection c)
    {
        await using var cmd = c.CreateCommand();
        cmd.CommandText = "PRAGMA data_version;";
        return (long)(await cmd.ExecuteScalarAsync())!;
    }

    /// <summary>Every text column of every table that holds the oversized marker text.</summary>
    private static async Task<List<string>> StoredOversizedAsync(SqliteConnection c)
    {
        var tables = new List<string>();
        await using (var cmd = c.CreateCommand())
        {
            cmd.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            await using var r = await cmd.ExecuteReaderAsync();
            while (await r.ReadAsync()) tables.Add(r.GetString(0));
        }
        var found = new List<string>();
        foreach (var table in tables)
        {
            var columns = new List<string>();
            await using (var cmd = c.CreateCommand())
            {
                cmd.CommandText = $"SELECT name FROM pragma_table_info('{table}') WHERE type = 'TEXT'";
                await using var r = await cmd.ExecuteReaderAsync();
                while (await r.ReadAsync()) columns.Add(r.GetString(0));
            }
            foreach (var column in columns)
            {
                await using var cmd = c.CreateCommand();
                cmd.CommandText = $"SELECT count(*) FROM \"{table}\" WHERE instr(\"{column}\", '{Marker}xxxxxxxxxx') > 0";
                if ((long)(await cmd.ExecuteScalarAsync())! > 0) found.Add($"{table}.{column}");
                if (table == "Audit" && found.LastOrDefault() == $"{table}.{column}")
                {
                    cmd.CommandText = $"SELECT group_concat(DISTINCT \"Action\") FROM \"{table}\" WHERE instr(\"{column}\", '{Marker}xxxxxxxxxx') > 0";
                    found.Add("  by " + await cmd.ExecuteScalarAsync());
                }
            }
        }
        return found;
    }

    private static string Short(string? value) => value is null ? "(none)" : value.Length > 40 ? $"{value[..12]}…({value.Length} chars)" : value;

    [GeneratedRegex(@"\{(\w+)[^}]*\}")]
    private static partial Regex RouteParameter();
    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Cjk();
    [GeneratedRegex(@"<form\b([^>]*)>(.*?)</form>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex FormPattern();
    [GeneratedRegex(@"<input\b[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex InputPattern();
    [GeneratedRegex("<textarea\\b[^>]*\\sname=\"([^\"]+)\"[^>]*>(.*?)</textarea>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex TextAreaPattern();
    [GeneratedRegex("<select\\b[^>]*\\sname=\"([^\"]+)\"[^>]*>(.*?)</select>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex SelectPattern();
    [GeneratedRegex("<option\\b[^>]*value=\"([^\"]*)\"[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex OptionPattern();
}
