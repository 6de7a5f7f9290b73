using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Contests;
using BrandStoryContest.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Contests;

/// <summary>
/// The organizer's entry list keeps its category counts and each filter's order of ids under the contest's entry-list
/// versions (<see cref="DataVersions.ForEntryListAsync"/>, issue 19): a repeat view reuses them, and every write the list
/// shows as a set (a submit, a withdrawal, a new title, a disqualification) is in the very next view, on this instance and
/// on another one; drafts, which the list never shows, bump nothing.
/// </summary>
public sealed class EntryListVersionTests(AppFactory app) : IClassFixture<AppFactory>
{
    [Fact]
    public async Task A_repeat_view_reuses_the_kept_counts_and_order()
    {
        var (organizer, contest, stories, entries) = await SceneAsync(app);
        var first = await ViewAsync(app, organizer, contest, new EntryFilter(Search: "海川"));
        var again = await ViewAsync(app, organizer, contest, new EntryFilter(Search: "海川"));
        Assert.Same(first.Counts, again.Counts);
        Assert.Equal(first.Entries.Items.Select(r => r.Id), again.Entries.Items.Select(r => r.Id));
        Assert.Equal(3, first.Entries.Info.Total);
    }

    [Fact]
    public async Task A_submit_a_new_title_a_withdrawal_and_a_disqualification_show_at_once()
    {
        var (organizer, contest, stories, entries) = await SceneAsync(app);
        var all = await ViewAsync(app, organizer, contest, new EntryFilter());
        var searched = await ViewAsync(app, organizer, contest, new EntryFilter(Search: "海川"));
        Assert.Equal((4, 3), (all.Entries.Info.Total, searched.Entries.Info.Total));
        Assert.Equal(4, all.Counts[(stories.Id, EntryState.Submitted)]);

        var draft = entries.Single(e => e.State == EntryState.Draft);
        await ChangeAsync(app, draft.Id, e => { e.State = EntryState.Submitted; e.Number = $"{contest.Code}-S-0009"; e.SubmittedAt = DateTimeOffset.UtcNow; });
        all = await ViewAsync(app, organizer, contest, new EntryFilter());
        Assert.Equal(5, all.Entries.Info.Total);
        Assert.Equal(5, all.Counts[(stories.Id, EntryState.Submitted)]);
        Assert.Contains(draft.Id, all.Entries.Items.Select(r => r.Id));
        Assert.Equal(4, (await ViewAsync(app, organizer, contest, new EntryFilter(Search: "海川"))).Entries.Info.Total); // its title says 海川

        var renamed = entries.First(e => e.Title == "Quality builds brands");
        await ChangeAsync(app, renamed.Id, e => e.Title = "海川 builds brands");
        Assert.Equal(5, (await ViewAsync(app, organizer, contest, new EntryFilter(Search: "海川"))).Entries.Info.Total);
        Assert.Equal([renamed.Id], (await ViewAsync(app, organizer, contest, new EntryFilter(Search: "海川 builds"))).Entries.Items.Select(r => r.Id));

        // The lengths are kept too: a corrected story's new length is in the next view.
        Assert.Equal(9, Row(await ViewAsync(app, organizer, contest, new EntryFilter()), renamed.Id).Length);
        await ChangeAsync(app, renamed.Id, e => e.Body = "品牌故事");
        Assert.Equal(4, Row(await ViewAsync(app, organizer, contest, new EntryFilter()), renamed.Id).Length);

        await ChangeAsync(app, renamed.Id, e => e.State = EntryState.Withdrawn);
        var withdrawn = await ViewAsync(app, organizer, contest, new EntryFilter(State: EntryState.Withdrawn));
        Assert.Equal([renamed.Id], withdrawn.Entries.Items.Select(r => r.Id));
        Assert.Equal((4, 1), (withdrawn.Counts[(stories.Id, EntryState.Submitted)], withdrawn.Counts[(stories.Id, EntryState.Withdrawn)]));

        await ChangeAsync(app, draft.Id, e => { e.State = EntryState.Disqualified; e.DisqualificationReason = "抄袭"; });
        var submitted = await ViewAsync(app, organizer, contest, new EntryFilter(State: EntryState.Submitted));
        Assert.DoesNotContain(draft.Id, submitted.Entries.Items.Select(r => r.Id));
        Assert.Equal(3, submitted.Entries.Info.Total);
    }

    [Fact]
    public async Task Drafts_bump_no_entry_list_row_and_a_submit_bumps_the_row_of_its_stripe()
    {
        var (organizer, contest, stories, entries) = await SceneAsync(app);
        var draft = entries.Single(e => e.State == EntryState.Draft);
        var before = await app.DbAsync(db => DataVersions.ForEntryListAsync(db, contest.Id, CancellationToken.None));
        var view = await ViewAsync(app, organizer, contest, new EntryFilter());
        await ChangeAsync(app, draft.Id, e => { e.Title = "海川第二稿"; e.Body = "第二稿"; });
        Assert.Equal(before, await app.DbAsync(db => DataVersions.ForEntryListAsync(db, contest.Id, CancellationToken.None)));
        Assert.Same(view.Counts, (await ViewAsync(app, organizer, contest, new EntryFilter())).Counts);

        var rows = await StripesAsync(app, contest.Id);
        await ChangeAsync(app, draft.Id, e => { e.State = EntryState.Submitted; e.SubmittedAt = DateTimeOffset.UtcNow; });
        var after = await StripesAsync(app, contest.Id);
        var stripe = VersionKind.EntryList + draft.Id % DataVersions.EntryListStripes;
        Assert.Equal(rows.GetValueOrDefault(stripe) + 1, after[stripe]);
        Assert.All(after.Where(r => r.Key != stripe), r => Assert.Equal(rows.GetValueOrDefault(r.Key), r.Value));
    }

    [Fact]
    public async Task A_write_on_one_instance_shows_at_once_on_another()
    {
        await using var instances = await SecondInstance.StartAsync(app.StorageConnectionString, "entry-list");
        var here = instances.Here;
        var (organizer, contest, _, entries) = await SceneAsync(here);
        var browser = await instances.SignedInThereAsync(organizer);
        var draft = entries.Single(e => e.State == EntryState.Draft);
        var number = $"{contest.Code}-S-0042";
        Assert.DoesNotContain(number, await browser.GetHtmlAsync($"/manage/contests/{contest.Id}?q=海川"));

        await ChangeAsync(here, draft.Id, e => { e.State = EntryState.Submitted; e.Number = number; e.SubmittedAt = DateTimeOffset.UtcNow; });
        Assert.Contains(number, await browser.GetHtmlAsync($"/manage/contests/{contest.Id}?q=海川"));
        Assert.Contains(number, await browser.GetHtmlAsync($"/manage/contests/{contest.Id}"));

        await ChangeAsync(here, draft.Id, e => e.State = EntryState.Withdrawn);
        Assert.DoesNotContain(number, await browser.GetHtmlAsync($"/manage/contests/{contest.Id}?state=Submitted&q=海川"));
        Assert.Contains(number, await browser.GetHtmlAsync($"/manage/contests/{contest.Id}?state=Withdrawn"));
    }

    /// <summary>Four submitted stories (three say 海川) and one draft that says 海川.</summary>
    private static async Task<(Account Organizer, Contest Contest, Category Stories, List<Entry> Entries)> SceneAsync(AppFactory app)
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var stories = contest.Categories.Single(c => c.Kind == CategoryKind.Story);
        var entrant = await app.CreateUserAsync(Roles.Entrant);
        var now = DateTimeOffset.UtcNow;
        Entry Make(int i, string title, EntryState state = EntryState.Submitted) => new()
        {
            ContestId = contest.Id, CategoryId = stories.Id, EntrantId = entrant.Id, State = state, Number = state == EntryState.Draft ? null : $"{contest.Code}-S-{i:D4}",
            Title = title, Body = "质量是企业的生命。", PledgedOriginality = true, DeclaredRights = true, CreatedAt = now, UpdatedAt = now,
            SubmittedAt = state == EntryState.Draft ? null : now.AddMinutes(i),
        };
        var entries = new List<Entry> { Make(1, "海川品牌故事"), Make(2, "Quality builds brands"), Make(3, "海川的清晨"), Make(4, "海川山河"), Make(5, "海川草稿", EntryState.Draft) };
        await app.DbAsync(async db => { db.Entries.AddRange(entries); return await db.SaveChangesAsync(); });
        return (organizer, contest, stories, entries);
    }

    private static async Task<ContestEntriesView> ViewAsync(AppFactory app, Account organizer, Contest contest, EntryFilter filter)
    {
        var view = await app.SendAsync(organizer, new ContestEntriesQuery(contest.Id, filter, new PageRequest()));
        Assert.True(view.IsOk);
        return view.Value;
    }

    private static EntryListRow Row(ContestEntriesView view, int id) => view.Entries.Items.Single(r => r.Id == id);

    private static Task<int> ChangeAsync(AppFactory app, int entryId, Action<Entry> change) => app.DbAsync(async db =>
    {
        change(await db.Entries.SingleAsync(e => e.Id == entryId));
        return await db.SaveChangesAsync();
    });

    private static Task<Dictionary<VersionKind, long>> StripesAsync(AppFactory app, int contestId) => app.DbAsync(db =>
        db.DataVersions.Where(v => v.ContestId == contestId && v.Kind >= VersionKind.EntryList).ToDictionaryAsync(v => v.Kind, v => v.Version));
}
