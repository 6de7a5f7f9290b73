using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Infrastructure.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Security;

/// <summary>The app without its background workers, so that only the requests can change the database.</summary>
public sealed class QuietApp : AppFactory
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Media:WorkerEnabled"] = "false", ["Certificates:WorkerEnabled"] = "false",
    };
}

/// <summary>No GET changes state: every organizer page of a fresh contest is opened, and every row of every table is the same afterwards.</summary>
public sealed partial class GetChangesNothingTests(QuietApp app) : IClassFixture<QuietApp>
{
    /// <summary>Every GET route an organizer reaches, found by reflection (so a new page is covered without editing this test).</summary>
    private static IReadOnlyList<string> OrganizerGetRoutes()
    {
        var routes = new List<string>();
        foreach (var c in typeof(Program).Assembly.GetTypes().Where(t => typeof(Controller).IsAssignableFrom(t) && !t.IsAbstract))
        {
            var prefix = c.GetCustomAttribute<RouteAttribute>()?.Template ?? "";
            var organizerController = c.GetCustomAttributes<AuthorizeAttribute>().Any(a => a.Policy == Policies.Organizer);
            foreach (var m in c.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                var get = m.GetCustomAttributes<HttpGetAttribute>().FirstOrDefault();
                if (get is null) continue;
                if (!organizerController && !m.GetCustomAttributes<AuthorizeAttribute>().Any(a => a.Policy == Policies.Organizer)) continue;
                var template = get.Template ?? "";
                routes.Add(template.StartsWith('/') ? template : "/" + string.Join('/', new[] { prefix, template }.Where(s => s.Length > 0)));
            }
        }
        return routes;
    }

    /// <summary>Every row of every table, as text: a changed value shows up as well as an added or removed row.</summary>
    private string Snapshot()
    {
        using var connection = new SqliteConnection($"Data Source={app.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name";
            using var r = list.ExecuteReader();
            while (r.Read()) tables.Add(r.GetString(0));
        }
        var dump = new StringBuilder();
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\" ORDER BY rowid";
            using var r = select.ExecuteReader();
            dump.Append("## ").AppendLine(table);
            while (r.Read())
            {
                for (var i = 0; i < r.FieldCount; i++) dump.Append(r.IsDBNull(i) ? "∅" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)).Append('|');
                dump.AppendLine();
            }
        }
        return dump.ToString();
    }

    /// <summary>A custom field on the scene's story category with the entry's answer, for the field and answer pages.</summary>
    private async Task<int> CustomFieldAsync(Judging.JudgingScene scene)
    {
        Assert.True((await app.SendAsync(scene.Organizer, new BrandStoryContest.Web.Features.Contests.SaveCategoryFieldCommand
        {
            CategoryId = scene.Stories.Id, Kind = FieldKind.MobilePhone, LabelZh = "手机号", Identifying = true,
        })).IsOk);
        return await app.DbAsync(async db =>
        {
            var field = await db.CategoryFields.SingleAsync(f => f.CategoryId == scene.Stories.Id);
            db.EntryFieldAnswers.Add(new EntryFieldAnswer { EntryId = scene.Entries[0].Id, FieldId = field.Id, Value = "13812345678" });
            await db.SaveChangesAsync();
            return field.Id;
        });
    }

    [Fact]
    public async Task Opening_every_organizer_page_of_a_fresh_contest_changes_no_row()
    {
        var scene = await Judging.JudgingScenes.CreateAsync(app, judges: 1, entries: 1, judgesPerEntry: 1);
        var unit = await Organizations.OrganizationTests.RegisterAsync(app, scene.Entrants[0], scene.Contest.Id, "演示单位");
        var ids = new Dictionary<string, int>
        {
            ["contests"] = scene.Contest.Id, ["categories"] = scene.Stories.Id, ["rounds"] = scene.RoundId, ["objections"] = 0, ["declarations"] = 0, ["entries"] = scene.Entries[0].Id, ["organizations"] = unit,
            ["fields"] = await CustomFieldAsync(scene),
            // A contest is a final with no divisions yet; as a division id it is "not found".
            ["finals"] = scene.Contest.Id, ["divisions"] = scene.Contest.Id,
        };
        var web = Browserless.For(app);
        await web.SignInAsync(scene.Organizer.Email!, AppFactory.TestPassword);
        // The sign-in itself may write (security stamp, keys): the pages after it must not.
        await web.GetHtmlAsync("/manage");
        var before = Snapshot();

        var opened = new List<string>();
        foreach (var route in OrganizerGetRoutes())
        {
            var url = Placeholder().Replace(route, m => m.Groups["segment"].Value + "/" + (ids.TryGetValue(m.Groups["segment"].Value, out var id) ? id
                : throw new InvalidOperationException($"No id for {m.Value} in {route}: add one to this test.")));
            url = Regex.Replace(url, @"\{format:[^}]*\}\}?", "csv");
            Assert.DoesNotContain("{", url);
            var response = await web.Client.GetAsync(url);
            Assert.True((int)response.StatusCode < 500, $"GET {url} gave {(int)response.StatusCode}");
            opened.Add($"{url} {(int)response.StatusCode}");
        }

        Assert.Contains(opened, o => o.StartsWith($"/manage/contests/{scene.Contest.Id}/awards 200"));
        var after = Snapshot();
        Assert.True(before == after, "A GET changed the database. Opened: " + string.Join(", ", opened) + "\n" + FirstDifference(before, after));
    }

    private static string FirstDifference(string a, string b)
    {
        var (la, lb) = (a.Split('\n'), b.Split('\n'));
        for (var i = 0; i < Math.Max(la.Length, lb.Length); i++)
            if (i >= la.Length || i >= lb.Length || la[i] != lb[i])
                return $"line {i}: before «{(i < la.Length ? la[i] : "")}» after «{(i < lb.Length ? lb[i] : "")}»";
        return "";
    }

    [GeneratedRegex(@"(?<segment>contests|categories|rounds|objections|declarations|entries|organizations|fields|finals|divisions)/\{\w+(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}
