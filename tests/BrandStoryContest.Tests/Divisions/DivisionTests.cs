using System.Net;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Tests.Judging;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Awards;
using BrandStoryContest.Web.Features.Divisions;
using BrandStoryContest.Web.Features.Entries;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Features.Reminders;
using BrandStoryContest.Web.Infrastructure.Results;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Divisions;

/// <summary>A final with two divisions: creating them, quotas and the deadline, recommending into the final, the dashboard, reminders and who may see what.</summary>
public sealed class DivisionTests(ClockedApp app) : IClassFixture<ClockedApp>
{
    private readonly DateTimeOffset start = Reset(app.Clock);

    private static DateTimeOffset Reset(TestClock clock)
    {
        clock.Set(DateTimeOffset.UtcNow);
        return clock.GetUtcNow();
    }

    private static string NewCode(string prefix) => DivisionScenes.NewCode(prefix);

    private Task<DivisionScene> SceneAsync() => DivisionScenes.SceneAsync(app);

    private Task<Result<Result.Done>> SetQuotasAsync(DivisionScene s, int quota, DateTimeOffset? deadline, Func<DivisionQuota, int>? per = null) =>
        DivisionScenes.SetQuotasAsync(app, s, quota, deadline, per);

    private Task<int> QuotaIdAsync(Contest division, string categoryCode) => DivisionScenes.QuotaIdAsync(app, division, categoryCode);

    private Task<List<Entry>> StoriesAsync(Contest division, Account organizer, int[] points, bool finalize) =>
        DivisionScenes.StoriesAsync(app, division, organizer, points, finalize, start);

    [Fact]
    public async Task Creating_a_division_copies_the_finals_categories_links_each_to_the_final_and_names_its_tiers_for_certificates()
    {
        var s = await SceneAsync();

        Assert.Equal(s.OrganizerA.Id, s.A.OwnerId);
        Assert.Null(s.A.PreviousEditionId);
        Assert.Contains("江城赛区", s.A.TitleZh);
        Assert.Equal(s.Final.Categories.Select(c => (c.Code, c.Kind, c.MinLength, c.MaxLength)).OrderBy(x => x.Code),
            s.A.Categories.Select(c => (c.Code, c.Kind, c.MinLength, c.MaxLength)).OrderBy(x => x.Code));
        var links = await app.DbAsync(db => db.DivisionQuotas.Where(q => q.Division.ContestId == s.A.Id)
            .Select(q => new { Division = q.DivisionCategory.Code, Final = q.FinalCategory.Code, q.FinalCategory.ContestId, q.Quota }).ToListAsync());
        Assert.Equal(2, links.Count);
        Assert.All(links, l => Assert.Equal((l.Division, s.Final.Id, 0), (l.Final, l.ContestId, l.Quota)));
        // The division's certificates read "江城赛区一等奖"; the final's tiers keep their own names.
        var tiers = await app.DbAsync(db => db.AwardTiers.Where(t => t.Category.ContestId == s.A.Id && t.Category.Code == "S").OrderBy(t => t.Order).ToListAsync());
        var finalTiers = await app.DbAsync(db => db.AwardTiers.Where(t => t.Category.ContestId == s.Final.Id && t.Category.Code == "S").OrderBy(t => t.Order).ToListAsync());
        Assert.Equal(finalTiers.Select(t => "江城赛区" + t.NameZh), tiers.Select(t => t.NameZh));
        Assert.Equal("Jiangcheng Division " + finalTiers[0].NameEn, tiers[0].NameEn);
        Assert.DoesNotContain("赛区", finalTiers[0].NameZh);

        // Only an organizer account can be named, and a division is not a final of its own.
        var entrant = await app.CreateUserAsync(Roles.Entrant);
        var refused = await app.SendAsync(s.FinalOrganizer, new CreateDivisionCommand
        {
            FinalId = s.Final.Id, Code = NewCode("D"), NameZh = "错误赛区", OrganizerEmail = entrant.Email!,
            SubmissionOpensAt = DateTime.Today, SubmissionClosesAt = DateTime.Today.AddDays(1),
        });
        Assert.Equal(Outcome.Refused, refused.Outcome);
        Assert.Equal("No organizer account has this email.", refused.Violations.Single().Key);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(s.OrganizerA, new CreateDivisionCommand
        {
            FinalId = s.A.Id, Code = NewCode("D"), NameZh = "子赛区", OrganizerEmail = s.OrganizerB.Email!,
            SubmissionOpensAt = DateTime.Today, SubmissionClosesAt = DateTime.Today.AddDays(1),
        })).Outcome);
    }

    [Fact]
    public async Task Quotas_and_the_deadline_are_enforced_in_the_handlers()
    {
        var s = await SceneAsync();
        var entries = await StoriesAsync(s.A, s.OrganizerA, [10, 20, 30], finalize: false);
        RecommendEntryCommand Pick(Entry e) => new() { DivisionContestId = s.A.Id, EntryId = e.Id, Reason = "地方特色鲜明" };

        // No deadline yet: nothing can be recommended.
        Assert.Equal("The final's recommendation deadline has passed or is not set.", (await app.SendAsync(s.OrganizerA, Pick(entries[0]))).Violations.Single().Key);
        Assert.Equal("A quota is a whole number from 0 to {0}.", (await SetQuotasAsync(s, -1, start.AddDays(3))).Violations.Single().Key);
        Assert.Equal("A quota is a whole number from 0 to {0}.", (await SetQuotasAsync(s, 501, start.AddDays(3))).Violations.Single().Key);
        Assert.Equal("The recommendation deadline must lie in the future.", (await SetQuotasAsync(s, 1, start.AddHours(-1))).Violations.Single().Key);
        Assert.Null(await app.DbAsync(db => db.Contests.Where(c => c.Id == s.Final.Id).Select(c => c.RecommendationClosesAt).SingleAsync()));

        Assert.True((await SetQuotasAsync(s, 1, start.AddDays(3))).IsOk);
        Assert.True((await app.SendAsync(s.OrganizerA, Pick(entries[0]))).IsOk);
        var full = await app.SendAsync(s.OrganizerA, Pick(entries[1]));
        Assert.Equal("This category's quota of {0} recommendations is full.", full.Violations.Single().Key);
        Assert.Equal("This entry is already recommended to the final.", (await app.SendAsync(s.OrganizerA, Pick(entries[0]))).Violations.Single().Key);
        // A quota below what was already recommended is refused; nothing changes.
        Assert.Equal("A quota cannot be lower than the {0} recommendations already made.", (await SetQuotasAsync(s, 0, start.AddDays(3))).Violations.Single().Key);
        var noReason = await Assert.ThrowsAsync<FluentValidation.ValidationException>(() =>
            app.SendAsync(s.OrganizerA, new RecommendEntryCommand { DivisionContestId = s.A.Id, EntryId = entries[1].Id, Reason = " " }));
        Assert.Contains(noReason.Errors, e => e.PropertyName == "Reason");

        // After the deadline: neither recommending nor withdrawing.
        Assert.True((await SetQuotasAsync(s, 2, start.AddDays(3))).IsOk);
        app.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal("The final's recommendation deadline has passed or is not set.", (await app.SendAsync(s.OrganizerA, Pick(entries[1]))).Violations.Single().Key);
        var made = await app.DbAsync(db => db.Recommendations.SingleAsync(r => r.SourceEntryId == entries[0].Id));
        Assert.Equal(Outcome.Refused, (await app.SendAsync(s.OrganizerA, new WithdrawRecommendationCommand(s.A.Id, made.Id))).Outcome);
        Assert.Equal(1, await app.DbAsync(db => db.Entries.CountAsync(e => e.ContestId == s.Final.Id)));
    }

    [Fact]
    public async Task Recommending_from_the_finalized_ranking_moves_the_top_entries_into_the_final_on_the_same_blobs_with_final_numbers_and_mails_the_entrants()
    {
        var s = await SceneAsync();
        var entries = await StoriesAsync(s.A, s.OrganizerA, [3, 9, 6], finalize: true);
        Assert.True((await SetQuotasAsync(s, 2, start.AddDays(5))).IsOk);
        var blobsBefore = await app.DbAsync(db => db.Entries.Where(e => e.AttachmentBlob != null).Select(e => e.AttachmentBlob).Distinct().CountAsync());

        var made = await app.SendAsync(s.OrganizerA, new RecommendFromRankingCommand(s.A.Id, await QuotaIdAsync(s.A, "S")));
        Assert.True(made.IsOk, string.Join("; ", made.Violations.Select(v => v.Key)));

        // The two best (9, then 6) in rank order, numbered in the final's own sequence.
        var finalStories = s.Final.Categories.Single(c => c.Code == "S");
        Assert.Equal(new[] { $"{s.Final.Code}-S-0001", $"{s.Final.Code}-S-0002" }, made.Value.Select(m => m.FinalNumber));
        var carried = await app.DbAsync(db => db.Recommendations.Include(r => r.FinalEntry).ThenInclude(e => e.Authors).Include(r => r.SourceEntry)
            .Where(r => r.DivisionId == db.Divisions.Single(d => d.ContestId == s.A.Id).Id).OrderBy(r => r.FinalEntry.Number).ToListAsync());
        Assert.Equal(new[] { entries[1].Id, entries[2].Id }, carried.Select(r => r.SourceEntryId));
        foreach (var r in carried)
        {
            Assert.NotNull(r.FromRoundId);
            Assert.Equal((s.Final.Id, finalStories.Id, EntryState.Submitted, true), (r.FinalEntry.ContestId, r.FinalEntry.CategoryId, r.FinalEntry.State, r.FinalEntry.CarriedOver));
            // The same blob, the same text, identity and team; the division keeps its number.
            Assert.Equal(r.SourceEntry.AttachmentBlob, r.FinalEntry.AttachmentBlob);
            Assert.Equal((r.SourceEntry.Title, r.SourceEntry.Body, r.SourceEntry.EntrantId, r.SourceEntry.EntrantName), (r.FinalEntry.Title, r.FinalEntry.Body, r.FinalEntry.EntrantId, r.FinalEntry.EntrantName));
            Assert.Equal(r.SourceEntry.Number, entries.Single(e => e.Id == r.SourceEntryId).Number);
            Assert.Equal("合著单位", Assert.Single(r.FinalEntry.Authors).Organization);
            Assert.DoesNotContain(s.A.Code, r.FinalEntry.Number);
        }
        // No blob was copied: the final's entries name the same blobs, no new ones.
        Assert.Equal(blobsBefore, await app.DbAsync(db => db.Entries.Where(e => e.AttachmentBlob != null).Select(e => e.AttachmentBlob).Distinct().CountAsync()));

        // Each entrant is told, with both numbers.
        var mail = await app.DbAsync(db => db.Outbox.AsNoTracking().Where(m => m.Kind == "Recommended" && m.RecipientId == entries[1].EntrantId).ToListAsync());
        var text = Assert.Single(mail).Text;
        Assert.Contains(entries[1].Number!, text);
        Assert.Contains($"{s.Final.Code}-S-0001", text);
        Assert.Contains("江城赛区", text);
        Assert.Empty(await app.DbAsync(db => db.Outbox.Where(m => m.Kind == "Recommended" && m.RecipientId == entries[0].EntrantId).ToListAsync()));

        // The quota is full now; the entrant cannot change the final's copy (its blobs are the division's).
        Assert.Equal(Outcome.Refused, (await app.SendAsync(s.OrganizerA, new RecommendFromRankingCommand(s.A.Id, await QuotaIdAsync(s.A, "S")))).Outcome);
        var finalEntry = await app.DbAsync(db => db.Entries.Include(e => e.Contest).SingleAsync(e => e.Id == carried[0].FinalEntryId));
        Assert.Equal("This entry was recommended to the final from its division, so it cannot be changed here.", EntryAccess.WhyLocked(finalEntry, start)!.Key);
    }

    [Fact]
    public async Task Recommending_by_choice_keeps_its_reason_in_the_audit_and_a_withdrawal_frees_the_place_and_keeps_the_final_number()
    {
        var s = await SceneAsync();
        var entries = await StoriesAsync(s.A, s.OrganizerA, [3, 9], finalize: false);
        Assert.True((await SetQuotasAsync(s, 1, start.AddDays(5))).IsOk);
        // Without a finalized round, the ranking way is refused with what to do.
        Assert.Equal("This category has no finalized round yet: finalize its last round, or recommend by choice with a reason.",
            (await app.SendAsync(s.OrganizerA, new RecommendFromRankingCommand(s.A.Id, await QuotaIdAsync(s.A, "S")))).Violations.Single().Key);

        var first = await app.SendAsync(s.OrganizerA, new RecommendEntryCommand { DivisionContestId = s.A.Id, EntryId = entries[0].Id, Reason = "地方特色鲜明" });
        Assert.True(first.IsOk);
        var audit = await app.DbAsync(db => db.Audit.SingleAsync(a => a.Action == "RecommendEntry" && a.EntityId == entries[0].Id.ToString()));
        Assert.Equal(("地方特色鲜明", s.OrganizerA.Id, first.Value.FinalNumber), (audit.Reason, audit.ActorId, audit.NewValue));

        Assert.True((await app.SendAsync(s.OrganizerA, new WithdrawRecommendationCommand(s.A.Id, first.Value.RecommendationId))).IsOk);
        var withdrawn = await app.DbAsync(db => db.Recommendations.Include(r => r.FinalEntry).SingleAsync(r => r.Id == first.Value.RecommendationId));
        Assert.Equal(EntryState.Withdrawn, withdrawn.FinalEntry.State);
        // The place is free again: another entry goes, with the next final number (the withdrawn one is never reused).
        var second = await app.SendAsync(s.OrganizerA, new RecommendEntryCommand { DivisionContestId = s.A.Id, EntryId = entries[1].Id, Reason = "评委一致推荐" });
        Assert.True(second.IsOk);
        Assert.Equal($"{s.Final.Code}-S-0002", second.Value.FinalNumber);
        Assert.True((await app.SendAsync(s.OrganizerA, new WithdrawRecommendationCommand(s.A.Id, second.Value.RecommendationId))).IsOk);
        // Recommending the first again brings the same final entry back.
        var again = await app.SendAsync(s.OrganizerA, new RecommendEntryCommand { DivisionContestId = s.A.Id, EntryId = entries[0].Id, Reason = "重新推荐" });
        Assert.Equal(first.Value.FinalNumber, again.Value.FinalNumber);
        Assert.Equal(EntryState.Submitted, await app.DbAsync(db => db.Entries.Where(e => e.Id == withdrawn.FinalEntryId).Select(e => e.State).SingleAsync()));
    }

    [Fact]
    public async Task A_division_organizer_cannot_reach_another_division_or_the_final_and_the_final_organizer_sees_no_division_scores()
    {
        var s = await SceneAsync();
        var entriesA = await StoriesAsync(s.A, s.OrganizerA, [3, 9], finalize: true);
        Assert.True((await SetQuotasAsync(s, 2, start.AddDays(5))).IsOk);
        var quotaA = await QuotaIdAsync(s.A, "S");

        // Division B's organizer: A's page, A's entries (through A or through B), the final's dashboard and settings are "not found".
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(s.OrganizerB, new DivisionPageQuery(s.A.Id))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(s.OrganizerB, new RecommendFromRankingCommand(s.A.Id, quotaA))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(s.OrganizerB, new RecommendEntryCommand { DivisionContestId = s.A.Id, EntryId = entriesA[0].Id, Reason = "越权" })).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(s.OrganizerB, new RecommendEntryCommand { DivisionContestId = s.B.Id, EntryId = entriesA[0].Id, Reason = "越权" })).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(s.OrganizerB, new RecommendFromRankingCommand(s.B.Id, quotaA))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(s.OrganizerB, new FinalDashboardQuery(s.Final.Id))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(s.OrganizerB, new SetDivisionQuotasCommand { FinalId = s.Final.Id })).Outcome);
        var made = await app.SendAsync(s.OrganizerA, new RecommendEntryCommand { DivisionContestId = s.A.Id, EntryId = entriesA[0].Id, Reason = "推荐" });
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(s.OrganizerB, new WithdrawRecommendationCommand(s.B.Id, made.Value.RecommendationId))).Outcome);
        Assert.Null(await app.DbAsync(db => db.Recommendations.Where(r => r.Id == made.Value.RecommendationId).Select(r => r.WithdrawnAt).SingleAsync()));

        // The final's organizer reads the dashboard but does not run the division: no recommending, no ranking, no scores.
        var roundA = await app.DbAsync(db => db.Rounds.Where(r => r.Category.ContestId == s.A.Id).Select(r => r.Id).SingleAsync());
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(s.FinalOrganizer, new DivisionPageQuery(s.A.Id))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(s.FinalOrganizer, new RoundRankingQuery(roundA))).Outcome);
        Assert.True((await app.SendAsync(s.FinalOrganizer, new FinalDashboardQuery(s.Final.Id))).IsOk);

        // Over HTTP the same: 404 for the other division's pages and the final's.
        var web = Browserless.For(app);
        await web.SignInAsync(s.OrganizerB.Email!, AppFactory.TestPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await web.Client.GetAsync($"/manage/divisions/{s.A.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await web.Client.GetAsync($"/manage/finals/{s.Final.Id}/divisions")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await web.Client.GetAsync($"/manage/finals/{s.Final.Id}/divisions/new")).StatusCode);
        var own = await web.GetHtmlAsync($"/manage/divisions/{s.B.Id}");
        Assert.DoesNotContain(entriesA[1].Title, own);
    }

    [Fact]
    public async Task The_dashboard_counts_entries_rounds_and_recommendations_per_division_and_the_time_left()
    {
        var s = await SceneAsync();
        var entriesA = await StoriesAsync(s.A, s.OrganizerA, [3, 9, 6], finalize: true);
        await StoriesAsync(s.B, s.OrganizerB, [5], finalize: false);
        var deadline = start.AddDays(2).AddHours(5);
        Assert.True((await SetQuotasAsync(s, 2, deadline)).IsOk);
        Assert.True((await app.SendAsync(s.OrganizerA, new RecommendEntryCommand { DivisionContestId = s.A.Id, EntryId = entriesA[0].Id, Reason = "推荐" })).IsOk);

        var view = (await app.SendAsync(s.FinalOrganizer, new FinalDashboardQuery(s.Final.Id))).Value;
        // The deadline is typed to the minute in the final's zone.
        Assert.Equal(TimeSpan.FromHours(53), TimeSpan.FromMinutes(Math.Round(view.TimeLeft!.Value.TotalMinutes)));
        Assert.Equal(ContestTime.ToLocal(deadline, s.Final.TimeZoneId).DateTime.ToString("yyyy-MM-dd HH:mm"), view.DeadlineLocal!.Value.ToString("yyyy-MM-dd HH:mm"));
        var a = view.Divisions.Single(d => d.ContestId == s.A.Id);
        var b = view.Divisions.Single(d => d.ContestId == s.B.Id);
        Assert.Equal(("江城赛区", "江城主办方", 3), (a.Name, a.OrganizerName, a.Entries));
        Assert.Equal(RoundState.Finalized, Assert.Single(a.Rounds).State);
        Assert.Equal((2, 1, 1), (a.Quotas.Single(q => q.FinalCategory == "征文").Quota, a.Quotas.Single(q => q.FinalCategory == "征文").Made, a.Quotas.Single(q => q.FinalCategory == "征文").Missing));
        Assert.Equal(3, a.Missing);
        Assert.Equal((1, 0, 4), (b.Entries, b.Rounds.Count, b.Missing));

        // The page itself, in the organizer's browser.
        var web = Browserless.For(app);
        await web.SignInAsync(s.FinalOrganizer.Email!, AppFactory.TestPassword);
        var html = await web.GetHtmlAsync($"/manage/finals/{s.Final.Id}/divisions");
        Assert.Contains("江城赛区", html);
        Assert.DoesNotContain(entriesA[0].Title, html);
    }

    [Fact]
    public async Task Divisions_short_of_their_quota_are_reminded_once_per_offset_before_the_deadline()
    {
        var s = await SceneAsync();
        var entriesB = await StoriesAsync(s.B, s.OrganizerB, [5], finalize: false);
        // Division A has places to fill; B's only quota (one story) is filled below.
        Assert.True((await SetQuotasAsync(s, 0, start.AddHours(30), q => q.DivisionCategory.Code == "S" ? 1 : 0)).IsOk);
        Assert.True((await app.SendAsync(s.OrganizerB, new RecommendEntryCommand { DivisionContestId = s.B.Id, EntryId = entriesB[0].Id, Reason = "推荐" })).IsOk);
        Task<int> Pass() => app.SendAsync(null, new SendDueRemindersCommand()).ContinueWith(t => t.Result.Value);
        Task<List<string>> Mails(Account to) => app.DbAsync(db => db.Outbox.AsNoTracking().Where(m => m.RecipientId == to.Id && m.Kind == "RecommendationReminder").Select(m => m.Text).ToListAsync());

        await Pass();
        await Pass();
        var first = Assert.Single(await Mails(s.OrganizerA));
        Assert.Contains($"/manage/divisions/{s.A.Id}", first);
        Assert.Empty(await Mails(s.OrganizerB));

        // The 24-hour mark: one more, once.
        app.Clock.Advance(TimeSpan.FromHours(7));
        await Pass();
        await Pass();
        Assert.Equal(2, (await Mails(s.OrganizerA)).Count);
        // After the deadline, nothing.
        app.Clock.Advance(TimeSpan.FromHours(30));
        await Pass();
        Assert.Equal(2, (await Mails(s.OrganizerA)).Count);
    }

    [Fact]
    public async Task The_finals_jury_judges_the_carried_entry_without_seeing_its_division_or_division_number()
    {
        var s = await SceneAsync();
        // Judged and finalized in the division, with a division comment on the entry that goes on.
        var entries = await StoriesAsync(s.A, s.OrganizerA, [3, 9], finalize: true);
        var divisionRound = await app.DbAsync(db => db.Rounds.SingleAsync(r => r.Category.ContestId == s.A.Id));
        var divisionAssignment = await app.DbAsync(async db =>
        {
            var a = await db.Assignments.SingleAsync(x => x.EntryId == entries[1].Id);
            a.Comment = "赛区评语：地方特色鲜明";
            await db.SaveChangesAsync();
            return a;
        });
        Assert.True((await SetQuotasAsync(s, 1, start.AddDays(5))).IsOk);
        var made = await app.SendAsync(s.OrganizerA, new RecommendEntryCommand { DivisionContestId = s.A.Id, EntryId = entries[1].Id, Reason = "推荐" });
        Assert.True(made.IsOk);

        // The final's own jury and round, over the carried entry.
        var stories = s.Final.Categories.Single(c => c.Code == "S");
        var judge = await app.CreateUserAsync(Roles.Judge, realName: "决赛评委", organization: "决赛评审单位");
        await app.DbAsync(db => { db.ContestJudges.Add(new ContestJudge { ContestId = s.Final.Id, JudgeId = judge.Id }); return db.SaveChangesAsync(); });
        Assert.True((await app.SendAsync(s.FinalOrganizer, new SetPanelCommand { CategoryId = stories.Id, JudgeIds = [judge.Id] })).IsOk);
        var roundId = (await app.SendAsync(s.FinalOrganizer, new CreateRoundCommand { CategoryId = stories.Id, Name = "决赛", JudgesPerEntry = 1 })).Value;
        var finalEntry = await app.DbAsync(db => db.Entries.SingleAsync(e => e.Number == made.Value.FinalNumber && e.ContestId == s.Final.Id));
        var assignment = Assert.Single(await JudgingScenes.OpenAsync(app, new JudgingScene(s.Final, stories, s.FinalOrganizer, [judge], [], [finalEntry], roundId)));
        Assert.Equal(finalEntry.Id, assignment.EntryId);

        var web = Browserless.For(app);
        await web.SignInAsync(judge.Email!, AppFactory.TestPassword);
        foreach (var html in new[] { await web.GetHtmlAsync("/judging"), await web.GetHtmlAsync($"/judging/assignments/{assignment.Id}") })
        {
            Assert.Contains(entries[1].Title, html);
            Assert.DoesNotContain(entries[1].Number!, html);
            Assert.DoesNotContain(s.A.Code, html);
            Assert.DoesNotContain("江城赛区", html);
            Assert.DoesNotContain(entries[1].EntrantName!, html);
            // Nothing of how the division judged it: not its round, its score or its comment.
            Assert.DoesNotContain(divisionRound.Name, html);
            Assert.DoesNotContain(divisionAssignment.Total!.Value.ToString("0.0"), html);
            Assert.DoesNotContain("赛区评语", html);
        }
        // The division's ranking, score pages and the division's entry are not the final judge's to open.
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(judge, new RoundRankingQuery(divisionRound.Id))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(judge, new RoundPageQuery(divisionRound.Id, null, new RankingPage(null, new()), new AssignmentFilter(null, null), new()))).Outcome);
        Assert.Equal(HttpStatusCode.NotFound, (await web.Client.GetAsync($"/judging/assignments/{divisionAssignment.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await web.Client.GetAsync($"/entries/{entries[1].Id}/attachment")).StatusCode);
        foreach (var page in new[] { $"/manage/rounds/{divisionRound.Id}", $"/manage/rounds/{divisionRound.Id}/scores.csv", $"/manage/divisions/{s.A.Id}" })
        {
            var response = await web.Client.GetAsync(page);
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
            Assert.DoesNotContain(entries[1].Title, await response.Content.ReadAsStringAsync());
        }
    }

    [Fact]
    public async Task Parallel_recommendations_never_pass_the_quota_and_none_fails_with_an_error()
    {
        var s = await SceneAsync();
        var entries = await StoriesAsync(s.A, s.OrganizerA, [1, 2, 3, 4, 5, 6], finalize: false);
        Assert.True((await SetQuotasAsync(s, 2, start.AddDays(5))).IsOk);

        var results = await Task.WhenAll(entries.Select(e =>
            app.SendAsync(s.OrganizerA, new RecommendEntryCommand { DivisionContestId = s.A.Id, EntryId = e.Id, Reason = "同时推荐" })));

        Assert.Equal(2, results.Count(r => r.IsOk));
        Assert.All(results.Where(r => !r.IsOk), r => Assert.Equal(Outcome.Refused, r.Outcome));
        var division = await app.DbAsync(db => db.Divisions.SingleAsync(d => d.ContestId == s.A.Id));
        Assert.Equal(2, await app.DbAsync(db => db.Recommendations.CountAsync(r => r.DivisionId == division.Id && r.WithdrawnAt == null)));
        Assert.Equal(2, await app.DbAsync(db => db.Entries.CountAsync(e => e.ContestId == s.Final.Id)));
    }

    [Fact]
    public async Task Entries_are_recommended_only_after_the_division_closes_and_a_recommended_entry_is_not_returned_for_correction()
    {
        var s = await SceneAsync();
        var entries = await StoriesAsync(s.A, s.OrganizerA, [1, 2], finalize: false);
        Assert.True((await SetQuotasAsync(s, 2, start.AddDays(40))).IsOk);
        var closes = s.A.SubmissionClosesAt;

        // While the division still takes submissions, its entrants may replace files: nothing is recommended yet.
        app.Clock.Set(closes.AddHours(-1));
        var early = await app.SendAsync(s.OrganizerA, new RecommendEntryCommand { DivisionContestId = s.A.Id, EntryId = entries[0].Id, Reason = "提前" });
        Assert.Equal("Entries are recommended once the division's submissions have closed.", early.Violations.Single().Key);
        app.Clock.Set(start);

        var made = await app.SendAsync(s.OrganizerA, new RecommendEntryCommand { DivisionContestId = s.A.Id, EntryId = entries[0].Id, Reason = "推荐" });
        Assert.True(made.IsOk);
        var due = ContestTime.ToLocal(start.AddDays(3), s.A.TimeZoneId).DateTime;
        const string why = "This entry is recommended to a final and shares its files with it, so it cannot be returned for correction (its division can withdraw the recommendation first).";
        Assert.Equal(why, (await app.SendAsync(s.OrganizerA, new BrandStoryContest.Web.Features.Screening.ReturnEntryCommand(entries[0].Id, "请修改", due))).Violations.Single().Key);
        var finalEntryId = await app.DbAsync(db => db.Recommendations.Where(r => r.Id == made.Value.RecommendationId).Select(r => r.FinalEntryId).SingleAsync());
        Assert.Equal(why, (await app.SendAsync(s.FinalOrganizer, new BrandStoryContest.Web.Features.Screening.ReturnEntryCommand(finalEntryId, "请修改", due))).Violations.Single().Key);
        Assert.Equal(EntryState.Submitted, await app.DbAsync(db => db.Entries.Where(e => e.Id == entries[0].Id).Select(e => e.State).SingleAsync()));
    }
}
