using System.Data.Common;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Tests.Judging;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Contests;
using BrandStoryContest.Web.Features.PublicVote;
using BrandStoryContest.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Contests;

/// <summary>
/// The organizer's lists at national scale read their pages through indexes (issue 19): the entry list's orders and search,
/// its size from the category counts, and the public vote review's titles only for the page shown. Same rows as before.
/// </summary>
public sealed class OrganizerListIndexTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task Entry_search_finds_chinese_and_english_titles_numbers_entrant_names_and_organizations_and_counts_them()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var stories = contest.Categories.Single(c => c.Kind == CategoryKind.Story);
        var tag = Guid.NewGuid().ToString("N")[..6];
        var plain = await app.CreateUserAsync(Roles.Entrant, realName: "普通作者", organization: "普通单位");
        var named = await app.CreateUserAsync(Roles.Entrant, realName: $"搜索作者{tag}", organization: "某单位");
        var company = await app.CreateUserAsync(Roles.Entrant, realName: "另一作者", organization: $"Brand Works {tag}");
        var now = DateTimeOffset.UtcNow;
        Entry Make(int i, Account entrant, string title, EntryState state = EntryState.Submitted) => new()
        {
            ContestId = contest.Id, CategoryId = stories.Id, EntrantId = entrant.Id, State = state, Number = state == EntryState.Draft ? null : $"{contest.Code}-S-{i:D4}",
            Title = title, Body = "质量是企业的生命。", PledgedOriginality = true, DeclaredRights = true, CreatedAt = now, UpdatedAt = now, SubmittedAt = now.AddMinutes(i),
        };
        var entries = new List<Entry>
        {
            Make(1, plain, "海川品牌故事"), Make(2, plain, "Quality builds brands"), Make(3, named, "无关标题"), Make(4, company, "另一个标题"),
            Make(5, plain, "海川的清晨", EntryState.Withdrawn), Make(6, plain, "海川草稿", EntryState.Draft), Make(7, plain, "山河"),
        };
        await app.DbAsync(async db => { db.Entries.AddRange(entries); return await db.SaveChangesAsync(); });

        // "numbers shown | total".
        async Task<string> Search(string q, EntryState? state = null)
        {
            var view = (await app.SendAsync(organizer, new ContestEntriesQuery(contest.Id, new EntryFilter(State: state, Search: q), new PageRequest()))).Value;
            return $"{string.Join(",", view.Entries.Items.Select(r => r.Number))} | {view.Entries.Info.Total}";
        }
        string N(int i) => $"{contest.Code}-S-{i:D4}";

        Assert.Equal($"{N(1)},{N(5)} | 2", await Search("海川")); // Chinese substring; the draft is never listed
        Assert.Equal($"{N(1)} | 1", await Search("海川", EntryState.Submitted));
        Assert.Equal($"{N(2)} | 1", await Search("builds")); // English, case as written
        Assert.Equal($"{N(4)} | 1", await Search("S-0004")); // number
        Assert.Equal($"{N(3)} | 1", await Search($"作者{tag}")); // entrant's name
        Assert.Equal($"{N(4)} | 1", await Search($"Works {tag}")); // entrant's organization
        Assert.Equal(" | 0", await Search("不存在的词"));
    }

    [Fact]
    public async Task Entry_list_total_without_a_search_is_the_sum_of_the_matching_category_counts()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var stories = contest.Categories.Single(c => c.Kind == CategoryKind.Story);
        var films = contest.Categories.Single(c => c.Kind == CategoryKind.Film);
        var entrant = await app.CreateUserAsync(Roles.Entrant);
        var now = DateTimeOffset.UtcNow;
        EntryState[] states = [EntryState.Submitted, EntryState.Withdrawn, EntryState.Draft, EntryState.Submitted, EntryState.Disqualified];
        var entries = Enumerable.Range(0, 23).Select(i => new Entry
        {
            ContestId = contest.Id, CategoryId = i % 3 == 0 ? films.Id : stories.Id, EntrantId = entrant.Id, State = states[i % states.Length],
            Number = states[i % states.Length] == EntryState.Draft ? null : $"{contest.Code}-X-{i:D4}", Title = $"标题{i}", Body = "",
            PledgedOriginality = true, DeclaredRights = true, CreatedAt = now, UpdatedAt = now, SubmittedAt = now,
        }).ToList();
        await app.DbAsync(async db => { db.Entries.AddRange(entries); return await db.SaveChangesAsync(); });

        foreach (var category in new int?[] { null, stories.Id, films.Id })
            foreach (var state in new EntryState?[] { null, EntryState.Submitted, EntryState.Withdrawn, EntryState.Disqualified, EntryState.Draft })
            {
                var expected = entries.Where(e => e.State != EntryState.Draft && (category is null || e.CategoryId == category) && (state is null || e.State == state)).ToList();
                var view = (await app.SendAsync(organizer, new ContestEntriesQuery(contest.Id, new EntryFilter(category, state), new PageRequest(1, 5)))).Value;
                Assert.Equal(expected.Count, view.Entries.Info.Total);
                Assert.Equal(expected.Select(e => e.Number).Order(StringComparer.Ordinal).Take(5), view.Entries.Items.Select(r => r.Number));
            }
    }

    [Fact]
    public async Task Entry_list_pages_in_index_order_in_every_sort_on_sqlite()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var stories = contest.Categories.Single(c => c.Kind == CategoryKind.Story);
        var entrant = await app.CreateUserAsync(Roles.Entrant);
        var now = DateTimeOffset.UtcNow;
        await app.DbAsync(async db =>
        {
            db.Entries.AddRange(Enumerable.Range(0, 400).Select(i => new Entry
            {
                ContestId = contest.Id, CategoryId = stories.Id, EntrantId = entrant.Id, State = i % 20 == 0 ? EntryState.Withdrawn : EntryState.Submitted,
                Number = $"{contest.Code}-P-{i:D4}", Title = $"计划故事{i}", Body = string.Concat(Enumerable.Repeat("品牌故事。", 300)),
                PledgedOriginality = true, DeclaredRights = true, CreatedAt = now, UpdatedAt = now, SubmittedAt = now.AddSeconds(i),
            }));
            return await db.SaveChangesAsync();
        });

        var plans = await app.DbAsync(async db =>
        {
            if (!db.Database.IsSqlite()) return null;
            // A grown database has statistics (the bench runs ANALYZE; a migration's new indexes get them at start-up).
            await db.Database.ExecuteSqlRawAsync("ANALYZE;");
            var found = new Dictionary<string, string>();
            foreach (var sort in Enum.GetValues<EntrySort>())
                found[sort.ToString()] = await PlanAsync(db, EntryList.Ordered(db, contest.Id, new EntryFilter(Sort: sort)).Select(e => e.Id).Skip(300).Take(50));
            return found;
        });
        if (plans is null) return; // the query plans are SQLite's; PostgreSQL plans its own
        // The page's ids (ContestEntriesHandler reads them first, then the 50 rows) are read in index order: no sort of the
        // contest's entries, whichever order; the planner may take either index for number order.
        foreach (var sort in Enum.GetValues<EntrySort>())
        {
            var page = plans[sort.ToString()];
            Assert.True(!page.Contains("TEMP B-TREE") && (sort == EntrySort.Number || page.Contains($"IX_Entries_List_{sort}")), page);
        }
    }

    [Fact]
    public async Task Vote_review_shows_titles_and_entrants_of_its_page_and_searches_all_of_them()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 3, entries: 7, judgesPerEntry: 3);
        var consenting = scene.Entries.Where((_, i) => i != 2 && i != 5).ToList();
        var ids = consenting.Select(e => e.Id).ToList();
        await app.DbAsync(db => db.Entries.Where(e => ids.Contains(e.Id)).ExecuteUpdateAsync(s => s.SetProperty(e => e.ConsentsToPublication, true)));
        var names = scene.Entries.ToDictionary(e => e.Id, e => scene.Entrants.Single(a => a.Id == e.EntrantId).RealName);

        var page2 = (await app.SendAsync(scene.Organizer, new PublicVoteReviewQuery(scene.RoundId, Page: new PageRequest(2, 2)))).Value;
        Assert.Equal(consenting.Count, page2.Rows.Count);
        Assert.Equal((consenting.Count, 2), (page2.Shown.Info.Total, page2.Shown.Items.Count));
        var expected = consenting.OrderBy(e => e.Number).Skip(2).Take(2).ToList(); // no votes yet: number order
        Assert.Equal(expected.Select(e => (e.Id, e.Number, e.Title, names[e.Id])),
            page2.Shown.Items.Select(r => (r.EntryId, r.Number, r.Title, r.EntrantName)));
        Assert.Equal(scene.Entries.Where((_, i) => i == 2 || i == 5).Select(e => (e.Number, e.Title, names[e.Id])), page2.NotInPublicVote.Items);
        // The entries not in the public vote page apart (URL parameter "hidden"), whatever page of the candidates is shown.
        var hidden2 = (await app.SendAsync(scene.Organizer, new PublicVoteReviewQuery(scene.RoundId, HiddenPage: new PageRequest(2, 1)))).Value.NotInPublicVote;
        Assert.Equal((2, "hidden"), (hidden2.Info.Total, hidden2.Info.Param));
        Assert.Equal([scene.Entries[5].Number], hidden2.Items.Select(e => e.Number));

        // A search reads every candidate's title and entrant, whatever the page: by entrant name, and by title ignoring case.
        var byName = (await app.SendAsync(scene.Organizer, new PublicVoteReviewQuery(scene.RoundId, Search: names[consenting[^1].Id]))).Value;
        Assert.Equal([(consenting[^1].Id, consenting[^1].Title)], byName.Shown.Items.Select(r => (r.EntryId, r.Title)));
        var byTitle = (await app.SendAsync(scene.Organizer, new PublicVoteReviewQuery(scene.RoundId, Search: "第4篇"))).Value;
        Assert.Equal([(scene.Entries[3].Id, names[scene.Entries[3].Id])], byTitle.Shown.Items.Select(r => (r.EntryId, r.EntrantName)));
        Assert.Empty((await app.SendAsync(scene.Organizer, new PublicVoteReviewQuery(scene.RoundId, Search: scene.Entries[2].Title))).Value.Shown.Items);
    }

    /// <summary>SQLite's plan for the query as EF sends it, its parameters bound as EF would bind them.</summary>
    private static async Task<string> PlanAsync<T>(ContestDb db, IQueryable<T> query)
    {
        var text = query.ToQueryString();
        var lines = text.Split('\n');
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using DbCommand command = connection.CreateCommand();
        foreach (var line in lines.Where(l => l.StartsWith(".param set ")))
        {
            var parts = line[".param set ".Length..].Trim().Split(' ', 2);
            var p = command.CreateParameter();
            p.ParameterName = parts[0];
            p.Value = parts[1].StartsWith('\'') ? parts[1].Trim('\'') : long.Parse(parts[1]);
            command.Parameters.Add(p);
        }
        command.CommandText = "EXPLAIN QUERY PLAN " + string.Join('\n', lines.Where(l => !l.StartsWith(".param set ")));
        var plan = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) plan.Add(reader.GetString(3));
        return string.Join(" | ", plan);
    }
}
