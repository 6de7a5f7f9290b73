using System.Net;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Tests.Judging;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Awards;
using BrandStoryContest.Web.Features.Contests;
using BrandStoryContest.Web.Features.Declarations;
using BrandStoryContest.Web.Features.Integrity;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Declarations;

public sealed class NextEditionTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static string NewCode() => "N" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();

    private static CopyContestCommand Copy(Contest source, string code) => new()
    {
        SourceId = source.Id, Code = code, TitleZh = "第二届测试品牌故事大赛", TitleEn = "Second test contest",
        SubmissionOpensAt = DateTime.Today.AddYears(1), SubmissionClosesAt = DateTime.Today.AddYears(1).AddDays(30),
    };

    [Fact]
    public async Task The_next_edition_copies_the_rules_rubric_tiers_and_current_declarations_and_nothing_of_last_years_people()
    {
        // Last year: entries, a jury on the panel, an open round with assignments, award tiers with an award, two pledge versions.
        var scene = await JudgingScenes.CreateAsync(app, judges: 2, entries: 3, judgesPerEntry: 1);
        var source = scene.Contest;
        await JudgingScenes.OpenAsync(app, scene);
        Assert.True((await app.SendAsync(scene.Organizer, new EnsureAwardTiersCommand(source.Id))).IsOk);
        await app.SendAsync(scene.Organizer, new PublishDeclarationCommand { ContestId = source.Id, Kind = DeclarationKind.Originality, TextZh = "承诺第一版" });
        await app.SendAsync(scene.Organizer, new PublishDeclarationCommand { ContestId = source.Id, Kind = DeclarationKind.Originality, TextZh = "承诺第二版", TextEn = "Pledge v2" });
        await app.SendAsync(scene.Organizer, new PublishDeclarationCommand { ContestId = source.Id, Kind = DeclarationKind.Licence, TextZh = "授权书" });
        // The entry form: one field to carry over, one archived (it stays with last year's answers).
        foreach (var label in new[] { "手机号", "旧字段" })
            Assert.True((await app.SendAsync(scene.Organizer, new SaveCategoryFieldCommand
            {
                CategoryId = scene.Stories.Id, Kind = FieldKind.MobilePhone, LabelZh = label, Identifying = true, Required = true,
            })).IsOk);
        await app.DbAsync(async db =>
        {
            var c = await db.Contests.SingleAsync(x => x.Id == source.Id);
            (await db.CategoryFields.SingleAsync(f => f.LabelZh == "旧字段" && f.CategoryId == scene.Stories.Id)).Archived = true;
            c.CertificateHeadingZh = "获奖证书";
            c.CertificateBodyZh = "{winner}荣获{tier}。";
            c.ReminderHours = "48, 6";
            c.IsPublic = true;
            var tier = await db.AwardTiers.FirstAsync(t => t.CategoryId == scene.Stories.Id);
            db.Awards.Add(new Award { TierId = tier.Id, CategoryId = scene.Stories.Id, EntryId = scene.Entries[0].Id, Rank = 1 });
            return await db.SaveChangesAsync();
        });
        async Task<int[]> Counts(int contestId) => await app.DbAsync(async db => new[]
        {
            await db.Categories.CountAsync(c => c.ContestId == contestId),
            await db.Rounds.CountAsync(r => r.Category.ContestId == contestId),
            await db.Criteria.CountAsync(k => db.Rounds.Any(r => r.Id == k.RoundId && r.Category.ContestId == contestId)),
            await db.AwardTiers.CountAsync(t => t.Category.ContestId == contestId),
            await db.Declarations.CountAsync(d => d.ContestId == contestId),
            await db.Entries.CountAsync(e => e.ContestId == contestId),
            await db.ContestJudges.CountAsync(j => j.ContestId == contestId),
            await db.PanelMembers.CountAsync(p => db.Categories.Any(c => c.Id == p.CategoryId && c.ContestId == contestId)),
            await db.Assignments.CountAsync(a => a.Round.Category.ContestId == contestId),
            await db.Awards.CountAsync(a => a.Entry.ContestId == contestId),
            await db.CategoryFields.CountAsync(f => f.Category.ContestId == contestId && !f.Archived),
        });
        var before = await Counts(source.Id);
        Assert.Equal(new[] { 2, 1, Criterion.DefaultRubric().Count, 8, 3, 3, 2, 2, 3, 1, 1 }, before);

        var code = NewCode();
        var copied = await app.SendAsync(scene.Organizer, Copy(source, code));
        Assert.True(copied.IsOk, string.Join("; ", copied.Violations.Select(v => v.Key)));
        var id = copied.Value;

        // Categories, rounds, criteria, tiers, the current version of each declaration and the active custom fields;
        // no entries, judges, panels, assignments, awards.
        Assert.Equal(new[] { 2, 1, Criterion.DefaultRubric().Count, 8, 2, 0, 0, 0, 0, 0, 1 }, await Counts(id));
        Assert.Equal(before, await Counts(source.Id));

        var edition = await app.DbAsync(db => db.Contests.Include(c => c.Categories).SingleAsync(c => c.Id == id));
        Assert.Equal(source.Id, edition.PreviousEditionId);
        Assert.Equal(code, edition.Code);
        Assert.Equal("第二届测试品牌故事大赛", edition.TitleZh);
        Assert.False(edition.IsPublic);
        Assert.Equal(scene.Organizer.Id, edition.OwnerId);
        Assert.Equal("获奖证书", edition.CertificateHeadingZh);
        Assert.Equal("{winner}荣获{tier}。", edition.CertificateBodyZh);
        Assert.Equal("48, 6", edition.ReminderHours);
        Assert.Equal(ContestTime.FromLocal(DateTime.Today.AddYears(1), source.TimeZoneId), edition.SubmissionOpensAt);
        Assert.Null(edition.ResultsPublishedAt);
        var story = edition.Categories.Single(c => c.Kind == CategoryKind.Story);
        Assert.Equal((scene.Stories.Code, scene.Stories.MinLength, scene.Stories.MaxLength, scene.Stories.MaxEntriesPerEntrant),
            (story.Code, story.MinLength, story.MaxLength, story.MaxEntriesPerEntrant));
        var round = await app.DbAsync(db => db.Rounds.Include(r => r.Criteria).SingleAsync(r => r.CategoryId == story.Id));
        Assert.Equal(RoundState.Draft, round.State);
        Assert.Equal("初评", round.Name);
        Assert.Equal(1, round.JudgesPerEntry);
        Assert.Equal(Criterion.DefaultRubric().Select(c => (c.Name, c.Weight)), round.Criteria.OrderBy(c => c.Order).Select(c => (c.Name, c.Weight)));
        var declarations = (await app.DbAsync(db => db.Declarations.Where(d => d.ContestId == id).ToListAsync())).OrderBy(d => d.Kind).ToList();
        Assert.Equal(new[] { ("承诺第二版", 1), ("授权书", 1) }, declarations.Select(d => (d.TextZh, d.Version)));
        Assert.Equal("Pledge v2", declarations[0].TextEn);
        var field = await app.DbAsync(db => db.CategoryFields.SingleAsync(f => f.CategoryId == story.Id));
        Assert.Equal(("手机号", FieldKind.MobilePhone, true, true), (field.LabelZh, field.Kind, field.Identifying, field.Required));
    }

    [Fact]
    public async Task Only_the_source_contests_organizer_copies_it_and_bad_input_is_refused()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var source = await TestData.ContestAsync(app, organizer);
        var stranger = await app.CreateUserAsync(Roles.Organizer);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(stranger, Copy(source, NewCode()))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(stranger, new PrepareContestCopyQuery(source.Id))).Outcome);

        var web = Browserless.For(app);
        await web.SignInAsync(organizer.Email!, AppFactory.TestPassword);
        var form = await web.GetHtmlAsync($"/manage/contests/{source.Id}/copy");
        Assert.Contains(source.TitleZh, form);
        var contests = await app.DbAsync(db => db.Contests.CountAsync());
        foreach (var (field, value) in new[] { ("Code", source.Code), ("Code", "bad code"), ("SubmissionOpensAt", "not a date"), ("TitleZh", "") })
        {
            var fields = new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = Browserless.AntiforgeryToken(form), ["Code"] = NewCode(), ["TitleZh"] = "第二届",
                ["SubmissionOpensAt"] = "2027-03-01T09:00", ["SubmissionClosesAt"] = "2027-04-01T09:00",
            };
            fields[field] = value;
            var response = await web.Client.PostAsync($"/manage/contests/{source.Id}/copy", new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Matches("[\u4e00-\u9fff]", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(contests, await app.DbAsync(db => db.Contests.CountAsync()));

        var other = Browserless.For(app);
        await other.SignInAsync(stranger.Email!, AppFactory.TestPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/manage/contests/{source.Id}/copy")).StatusCode);
    }

    [Fact]
    public async Task The_integrity_check_flags_a_story_sent_in_again_from_last_years_edition()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        // Still open while the next edition already takes entries: dates alone would not make it an earlier contest.
        var source = await TestData.ContestAsync(app, organizer);
        var id = (await app.SendAsync(organizer, WithDates(Copy(source, NewCode())))).Value;
        var veteran = await app.CreateUserAsync(Roles.Entrant, realName: "周老师");
        var again = await app.CreateUserAsync(Roles.Entrant, realName: "吴同学");
        const string story = "老码头的灯塔每晚八点亮起。守塔人擦亮每一块玻璃，四十年没有误过一次。渔船靠着这束光回家，小镇的罐头厂也靠着这束光出海。";
        await app.DbAsync(async db =>
        {
            var edition = await db.Contests.Include(x => x.Categories).SingleAsync(x => x.Id == id);
            Entry Story(Contest contest, Account who, string body, int n) => new()
            {
                ContestId = contest.Id, CategoryId = contest.Categories.First(x => x.Kind == CategoryKind.Story).Id, EntrantId = who.Id,
                State = EntryState.Submitted, Number = $"{contest.Code}-S-{n:D4}", Title = "灯塔", Body = body,
                CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
            };
            db.Entries.AddRange(Story(source, veteran, story, 1), Story(edition, again, story.Replace("四十年", "五十年"), 1));
            return await db.SaveChangesAsync();
        });

        var view = (await app.SendAsync(organizer, new IntegrityReportQuery(id))).Value;
        var pair = Assert.Single(view.Similar);
        Assert.Equal(id, pair.A.ContestId);
        Assert.Equal(source.Id, pair.B.ContestId);
        Assert.True(pair.B.EarlierEdition);
        Assert.Equal(source.TitleZh, pair.B.ContestTitle);

        var web = Browserless.For(app);
        await web.SignInAsync(organizer.Email!, AppFactory.TestPassword);
        var html = await web.GetHtmlAsync($"/manage/contests/{id}/integrity");
        Assert.Contains("earlier-edition", html);
    }

    /// <summary>The new edition opens today, before its source closes.</summary>
    private static CopyContestCommand WithDates(CopyContestCommand c)
    {
        c.SubmissionOpensAt = DateTime.Today.AddDays(-1);
        c.SubmissionClosesAt = DateTime.Today.AddDays(30);
        return c;
    }
}
