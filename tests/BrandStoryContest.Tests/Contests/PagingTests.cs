using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Tests.Judging;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Contests;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Infrastructure.Web;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Contests;

/// <summary>The organizer's lists page on the server: right rows in order across pages, filters kept in the URL, size capped, exports whole.</summary>
public sealed partial class PagingTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Entry_list_pages_in_order_with_filter_search_and_sort_combined_and_pager_links_keep_the_query()
    {
        var (organizer, contest, entries) = await ContestWithEntriesAsync(130, i => i % 3 == 0 ? $"海川品牌故事{i}" : $"其他故事{i}",
            i => i % 10 == 9 ? EntryState.Withdrawn : EntryState.Submitted);
        var stories = contest.Categories.Single(c => c.Kind == CategoryKind.Story);
        // Matching: story category, submitted, "海川" in the title; newest first, ties (none here) broken by id.
        var expected = entries.Where(e => e.CategoryId == stories.Id && e.State == EntryState.Submitted && e.Title.Contains("海川"))
            .OrderByDescending(e => e.SubmittedAt).ThenByDescending(e => e.Id).Select(e => e.Number!).ToList();
        Assert.True(expected.Count > 20, "the filter must span several pages");
        var web = Browserless.For(app);
        await web.SignInAsync(organizer.Email!, AppFactory.TestPassword);

        var baseUrl = $"/manage/contests/{contest.Id}?category={stories.Id}&state=Submitted&q={Uri.EscapeDataString("海川")}&sort=Newest&size=20";
        var seen = new List<string>();
        string url = baseUrl;
        var pages = 0;
        for (var page = 1; ; page++)
        {
            var html = await web.GetHtmlAsync(url);
            Assert.Equal(expected.Count.ToString(), Regex.Match(html, "id=\"entry-total\">(\\d+)<").Groups[1].Value);
            pages++;
            var numbers = Column(html, "entries", 1);
            Assert.True(numbers.Count <= 20);
            seen.AddRange(numbers);
            var next = NextLink(html);
            if (next is null) break;
            // The pager link keeps every filter and only moves the page.
            var query = QueryHelpers.ParseQuery(new Uri("http://x" + next).Query);
            Assert.Equal((stories.Id.ToString(), "Submitted", "海川", "Newest", "20", (page + 1).ToString()),
                (query["category"].ToString(), query["state"].ToString(), query["q"].ToString(), query["sort"].ToString(), query["size"].ToString(), query["page"].ToString()));
            url = next;
        }
        Assert.Equal(expected, seen);
        Assert.Equal((expected.Count + 19) / 20, pages);

        // The category table still counts the whole contest, not the page.
        var first = await web.GetHtmlAsync(baseUrl);
        var withdrawn = entries.Count(e => e.CategoryId == stories.Id && e.State == EntryState.Withdrawn);
        var submitted = entries.Count(e => e.CategoryId == stories.Id && e.State == EntryState.Submitted);
        Assert.Contains($"<td>{submitted}</td><td>{withdrawn}</td>", first);
    }

    [Fact]
    public async Task A_page_size_above_the_cap_is_capped_on_the_server()
    {
        var (organizer, contest, entries) = await ContestWithEntriesAsync(PageRequest.MaxSize + 30, i => $"故事{i}");
        var view = (await app.SendAsync(organizer, new ContestEntriesQuery(contest.Id, new EntryFilter(), new PageRequest(1, 100_000)))).Value;
        Assert.Equal((PageRequest.MaxSize, PageRequest.MaxSize, entries.Count), (view.Entries.Items.Count, view.Entries.Info.Size, view.Entries.Info.Total));

        var web = Browserless.For(app);
        await web.SignInAsync(organizer.Email!, AppFactory.TestPassword);
        var html = await web.GetHtmlAsync($"/manage/contests/{contest.Id}?size=100000&page=2");
        Assert.Equal(entries.OrderBy(e => e.Number, StringComparer.Ordinal).Skip(PageRequest.MaxSize).Select(e => e.Number!), Column(html, "entries", 1));
        // Nonsense pages are not errors: page 0 is the first page, a page past the end is empty.
        Assert.Equal([entries.OrderBy(e => e.Number, StringComparer.Ordinal).First().Number!], Column(await web.GetHtmlAsync($"/manage/contests/{contest.Id}?page=0&size=-5"), "entries", 1));
        Assert.Empty(Column(await web.GetHtmlAsync($"/manage/contests/{contest.Id}?page=999999999"), "entries", 1));
    }

    [Fact]
    public async Task Entry_exports_stream_every_filtered_row_in_csv_and_excel()
    {
        const int count = 2_500;
        var (organizer, contest, entries) = await ContestWithEntriesAsync(count, i => i == 0 ? "=HYPERLINK(\"http://evil\")" : $"导出故事{i + 1}");
        var web = Browserless.For(app);
        await web.SignInAsync(organizer.Email!, AppFactory.TestPassword);
        var ordered = entries.OrderBy(e => e.Number, StringComparer.Ordinal).ToList();

        var csvResponse = await web.Client.GetAsync($"/manage/contests/{contest.Id}/entries.csv");
        Assert.Equal(HttpStatusCode.OK, csvResponse.StatusCode);
        Assert.Contains(".csv", csvResponse.Content.Headers.ContentDisposition!.ToString());
        var csv = await csvResponse.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), csv[..3]);
        var lines = Encoding.UTF8.GetString(csv[3..]).Split(["\r\n", "\n"], StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(count + 1, lines.Length);
        Assert.StartsWith("\"number\",\"title\"", lines[0]);
        Assert.StartsWith($"\"{ordered[0].Number}\",\"'=HYPERLINK(\"\"http://evil\"\")\",\"S\",\"Submitted\"", lines[1]);
        Assert.StartsWith($"\"{ordered[^1].Number}\",\"导出故事{count}\",\"S\",\"Submitted\"", lines[^1]);
        Assert.Contains("\"作者导出\",\"导出单位\"", lines[^1]);

        // Filtered exports hold the filtered set only.
        var filtered = Encoding.UTF8.GetString(await web.Client.GetByteArrayAsync($"/manage/contests/{contest.Id}/entries.csv?q={Uri.EscapeDataString("导出故事25")}"));
        Assert.Equal(entries.Count(e => e.Title.Contains("导出故事25")) + 1, filtered.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);

        var xlsx = await web.Client.GetByteArrayAsync($"/manage/contests/{contest.Id}/entries.xlsx");
        using var doc = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var sheet = doc.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var rows = sheet.Descendants<Row>().ToList();
        Assert.Equal(count + 1, rows.Count);
        string Text(Row r, int i) => r.Elements<Cell>().ElementAt(i).InnerText;
        Assert.Equal(("number", "title"), (Text(rows[0], 0), Text(rows[0], 1)));
        Assert.Equal((ordered[0].Number, "=HYPERLINK(\"http://evil\")"), (Text(rows[1], 0), Text(rows[1], 1)));
        Assert.Equal((ordered[^1].Number, $"导出故事{count}", "作者导出"), (Text(rows[^1], 0), Text(rows[^1], 1), Text(rows[^1], 5)));
        Assert.Empty(sheet.Descendants<CellFormula>());
        Assert.Equal(CellValues.Number, rows[1].Elements<Cell>().ElementAt(8).DataType!.Value);
    }

    [Fact]
    public async Task Round_ranking_is_ranked_whole_then_paged_with_search_and_assignments_page_in_sql()
    {
        int[] points = [5, 9, 3, 7, 1, 8, 2, 10, 4, 6, 6, 2];
        var scene = await JudgingScenes.FinalizedAsync(app, points);
        var full = (await app.SendAsync(scene.Organizer, new RoundRankingQuery(scene.RoundId, AggregationMethod.Mean))).Value.Rows;
        // "-S-00" matches entries 1..9, not 10..12: the search narrows the ranked list, ranks stay those of the whole round.
        var expected = full.Where(r => r.Number!.Contains("-S-00")).Select(r => (r.Ranked.Rank, r.Number)).ToList();
        var web = Browserless.For(app);
        await web.SignInAsync(scene.Organizer.Email!, AppFactory.TestPassword);

        var seen = new List<(int, string?)>();
        string? url = $"/manage/rounds/{scene.RoundId}?method=Mean&q=-S-00&size=4";
        while (url is not null)
        {
            var html = await web.GetHtmlAsync(url);
            var ranks = Column(html, "ranking", 0).Select(t => int.Parse(Regex.Match(t, @"^\d+").Value)).ToList();
            seen.AddRange(ranks.Zip(Column(html, "ranking", 1), (r, n) => (r, (string?)n)));
            url = NextLink(html, "page");
            if (url is not null) Assert.Contains("method=Mean", url);
        }
        Assert.Equal(expected, seen);
        Assert.Contains(seen, s => s.Item1 > 4); // a later page shows later ranks, not re-ranked ones

        // Assignments: one per entry here; search by title and page 2 of size 2.
        var html2 = await web.GetHtmlAsync($"/manage/rounds/{scene.RoundId}?aq={Uri.EscapeDataString("品牌故事第1")}&size=2&apage=2&page=1");
        var matching = scene.Entries.Where(e => e.Title.Contains("品牌故事第1")).OrderBy(e => e.Number).Select(e => e.Number!).ToList(); // 1, 10, 11, 12
        Assert.Equal(matching.Skip(2).Take(2), Column(html2, "assignments", 0));
        Assert.Equal(matching.Count.ToString(), Regex.Match(html2, "id=\"assignment-total\">(\\d+)<").Groups[1].Value);
        var prev = PagerLink(html2, "apage", "prev")!;
        Assert.Contains("aq=", prev);
        Assert.Contains("size=2", prev);
        Assert.DoesNotContain("apage=", prev); // its page 1 is the URL without the parameter
    }

    [Fact]
    public async Task Users_page_with_search_and_role_filter_in_sql()
    {
        var tag = "分页用户" + Guid.NewGuid().ToString("N")[..6];
        var judges = new List<Account>();
        for (var i = 0; i < 7; i++) judges.Add(await app.CreateUserAsync(Roles.Judge, realName: $"{tag}{i}"));
        await app.CreateUserAsync(Roles.Entrant, realName: $"{tag}-entrant");
        var admin = await app.CreateUserAsync(Roles.Admin);
        var web = Browserless.For(app);
        await web.SignInAsync(admin.Email!, AppFactory.TestPassword);

        var seen = new List<string>();
        string? url = $"/admin/users?search={Uri.EscapeDataString(tag)}&role={Roles.Judge}&size=3";
        while (url is not null)
        {
            var html = await web.GetHtmlAsync(url);
            seen.AddRange(Column(html, "users", 1));
            url = NextLink(html);
            if (url is not null) Assert.Contains($"role={Roles.Judge}", url);
        }
        Assert.Equal(judges.OrderBy(j => j.Email, StringComparer.Ordinal).Select(j => j.RealName), seen);

        // One form per account: each role button posts the account's form to its own action, with the token.
        var page = await web.GetHtmlAsync($"/admin/users?search={Uri.EscapeDataString(judges[0].RealName)}");
        var action = WebUtility.HtmlDecode(Regex.Match(page, $"formaction=\"(/admin/users/role\\?Role={Roles.Organizer}&amp;Granted=true)\"").Groups[1].Value);
        Assert.Equal($"/admin/users/role?Role={Roles.Organizer}&Granted=true", action);
        var grant = await web.Client.PostAsync(action, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserId"] = judges[0].Id, ["__RequestVerificationToken"] = Browserless.AntiforgeryToken(page),
        }));
        Assert.Equal(HttpStatusCode.Redirect, grant.StatusCode);
        Assert.True(await app.DbAsync(db => db.UserRoles.AnyAsync(ur => ur.UserId == judges[0].Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Organizer))));
    }

    private async Task<(Account Organizer, Contest Contest, List<Entry> Entries)> ContestWithEntriesAsync(int count, Func<int, string> title,
        Func<int, EntryState>? state = null)
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var entrant = await app.CreateUserAsync(Roles.Entrant, realName: "作者导出", organization: "导出单位");
        var stories = contest.Categories.Single(c => c.Kind == CategoryKind.Story);
        var films = contest.Categories.Single(c => c.Kind == CategoryKind.Film);
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        // Every 7th entry is a film and a few are drafts, so the category and draft filters have something to leave out.
        var entries = Enumerable.Range(0, count).Select(i => new Entry
        {
            ContestId = contest.Id, CategoryId = count > 200 || i % 7 != 6 ? stories.Id : films.Id, EntrantId = entrant.Id,
            State = state?.Invoke(i) ?? EntryState.Submitted, Number = $"{contest.Code}-S-{i + 1:D5}", Title = title(i),
            Body = "质量是企业的生命，品牌是质量的承诺。", PledgedOriginality = true, DeclaredRights = true,
            CreatedAt = start, UpdatedAt = start, SubmittedAt = start.AddSeconds(i * 7 % count),
        }).ToList();
        var drafts = Enumerable.Range(0, 3).Select(i => new Entry
        {
            ContestId = contest.Id, CategoryId = stories.Id, EntrantId = entrant.Id, State = EntryState.Draft, Title = "海川草稿" + i,
            Body = "", CreatedAt = start, UpdatedAt = start,
        });
        await app.DbAsync(async db => { db.Entries.AddRange(entries); db.Entries.AddRange(drafts); return await db.SaveChangesAsync(); });
        return (organizer, contest, entries);
    }

    /// <summary>The text of column <paramref name="index"/> of each body row of the table with that id.</summary>
    private static List<string> Column(string html, string tableId, int index)
    {
        var table = Regex.Match(html, $"<table[^>]*id=\"{tableId}\"[^>]*>(.*?)</table>", RegexOptions.Singleline);
        if (!table.Success) return [];
        var body = Regex.Match(table.Groups[1].Value, "<tbody>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value;
        return Regex.Matches(body, "<tr[^>]*>(.*?)</tr>", RegexOptions.Singleline)
            .Select(row => Regex.Matches(row.Groups[1].Value, "<td[^>]*>(.*?)</td>", RegexOptions.Singleline)[index].Groups[1].Value)
            .Select(cell => WebUtility.HtmlDecode(Regex.Replace(Regex.Replace(cell, "<div.*", "", RegexOptions.Singleline), "<[^>]+>", "")).Trim())
            .ToList();
    }

    /// <summary>The pager's "next page" link for the list paged by <paramref name="param"/>, or null on its last page.</summary>
    private static string? NextLink(string html, string param = "page") => PagerLink(html, param, "next");

    private static string? PagerLink(string html, string param, string rel)
    {
        var pager = Regex.Match(html, $"<nav[^>]*class=\"[^\"]*pager[^\"]*\"[^>]*data-param=\"{param}\"[^>]*>(.*?)</nav>", RegexOptions.Singleline);
        if (!pager.Success) return null;
        var next = Regex.Match(pager.Groups[1].Value, $"<li class=\"page-item ?\"><a class=\"page-link\" rel=\"{rel}\" href=\"([^\"]+)\"");
        return next.Success ? WebUtility.HtmlDecode(next.Groups[1].Value) : null;
    }
}
