using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Tests.Judging;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Contests;
using BrandStoryContest.Web.Features.Entries;
using BrandStoryContest.Web.Features.Integrity;
using BrandStoryContest.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Entries;

/// <summary>Custom entry fields per category: defined by the organizer, answered by entrants, hidden from judges when identifying.</summary>
public sealed partial class CustomFieldTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly string Story = "江城电器三十年如一日坚持质量第一，每一台产品都经过严格检验，这就是我们的品牌故事。";
    private const string Phone = "13812345678", IdNumber = "11010519491231002X";
    private static readonly byte[] Pdf = "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"u8.ToArray();

    private sealed record Scene(Contest Contest, Category Stories, Account Organizer, Account Writer, Browserless Web);

    private async Task<Scene> SceneAsync()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var writer = await app.CreateUserAsync(Roles.Entrant, realName: "张晓雨");
        var web = Browserless.For(app);
        await web.SignInAsync(writer.Email!, AppFactory.TestPassword);
        return new Scene(contest, contest.Categories.Single(c => c.Kind == CategoryKind.Story), organizer, writer, web);
    }

    private async Task<int> AddFieldAsync(Account organizer, int categoryId, FieldKind kind, string label, bool required = false, bool identifying = false, string? choices = null)
    {
        var result = await app.SendAsync(organizer, new SaveCategoryFieldCommand
        {
            CategoryId = categoryId, Kind = kind, LabelZh = label, LabelEn = label + " (en)", HelpZh = label + "说明", HelpEn = "Help on " + label, Required = required,
            Identifying = identifying, Choices = choices,
        });
        Assert.True(result.IsOk, string.Join(";", result.Violations.Select(v => v.Key)));
        return await app.DbAsync(db => db.CategoryFields.Where(f => f.CategoryId == categoryId && f.LabelZh == label).Select(f => f.Id).SingleAsync());
    }

    private static async Task<int> StartAsync(Scene s)
    {
        var response = await s.Web.PostFormAsync($"/contests/{s.Contest.Id}", "/entries/new", new Dictionary<string, string> { ["CategoryId"] = s.Stories.Id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return int.Parse(response.Headers.Location!.ToString().Split('/')[2]);
    }

    /// <summary>Posts the entry form as the page renders it, with <paramref name="answers"/> (field id → values) for the custom fields.</summary>
    private static async Task<(HttpResponseMessage Response, string Html)> SaveAsync(Scene s, int entryId, bool submit, params (int FieldId, string[] Values)[] answers)
    {
        var page = await s.Web.GetHtmlAsync($"/entries/{entryId}/edit");
        var fields = new List<KeyValuePair<string, string>>
        {
            new("__RequestVerificationToken", Browserless.AntiforgeryToken(page)),
            new("Version", VersionPattern().Match(page).Groups[1].Value), new("Title", "三十年的承诺"), new("Body", Story),
            new("PledgedOriginality", "true"), new("DeclaredRights", "true"), new("Submit", submit ? "true" : "false"),
        };
        for (var i = 0; i < answers.Length; i++)
        {
            fields.Add(new($"Fields[{i}].FieldId", answers[i].FieldId.ToString()));
            fields.AddRange(answers[i].Values.Select(v => new KeyValuePair<string, string>($"Fields[{i}].Values", v)));
        }
        var response = await s.Web.Client.PostAsync($"/entries/{entryId}/edit", new FormUrlEncodedContent(fields));
        return (response, await response.Content.ReadAsStringAsync());
    }

    private Task<Dictionary<int, string>> AnswersAsync(int entryId) =>
        app.DbAsync(db => db.EntryFieldAnswers.Where(a => a.EntryId == entryId).ToDictionaryAsync(a => a.FieldId, a => a.Value));

    private Task<EntryState> StateAsync(int entryId) => app.DbAsync(db => db.Entries.Where(e => e.Id == entryId).Select(e => e.State).SingleAsync());

    [Fact]
    public async Task The_entrant_form_shows_the_fields_in_order_with_help_and_submission_checks_each_one()
    {
        var s = await SceneAsync();
        var phone = await AddFieldAsync(s.Organizer, s.Stories.Id, FieldKind.MobilePhone, "手机号", required: true, identifying: true);
        var degree = await AddFieldAsync(s.Organizer, s.Stories.Id, FieldKind.SingleChoice, "学历", required: true, choices: "本科\n硕士");
        var id = await AddFieldAsync(s.Organizer, s.Stories.Id, FieldKind.ResidentId, "身份证号");
        Assert.True((await app.SendAsync(s.Organizer, new MoveCategoryFieldCommand(id, Up: true))).IsOk);
        var entry = await StartAsync(s);

        var form = await s.Web.GetHtmlAsync($"/entries/{entry}/edit");
        Assert.True(form.IndexOf("手机号", StringComparison.Ordinal) < form.IndexOf("身份证号", StringComparison.Ordinal)
            && form.IndexOf("身份证号", StringComparison.Ordinal) < form.IndexOf("学历", StringComparison.Ordinal), "fields in the organizer's order");
        Assert.Contains("手机号说明", form);

        // A draft may still break the rules, as a short story may.
        var (draft, _) = await SaveAsync(s, entry, submit: false, (phone, ["123"]));
        Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        Assert.Equal("123", (await AnswersAsync(entry))[phone]);

        var (refused, html) = await SaveAsync(s, entry, submit: true, (phone, ["456"]), (degree, []));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("手机号：请填写以13–19开头的11位中国大陆手机号。", WebUtility.HtmlDecode(html));
        Assert.Contains("学历：此项为必填。", WebUtility.HtmlDecode(html));
        Assert.Contains("value=\"456\"", html); // what was typed is shown again
        Assert.Equal(EntryState.Draft, await StateAsync(entry));
        Assert.Equal("123", (await AnswersAsync(entry))[phone]); // and the stored entry is as it was

        var (submitted, _) = await SaveAsync(s, entry, submit: true, (phone, [Phone]), (degree, ["硕士"]), (id, [" 11010519491231002x "]));
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal(EntryState.Submitted, await StateAsync(entry));
        var stored = await AnswersAsync(entry);
        Assert.Equal(Phone, stored[phone]);
        Assert.Equal("硕士", stored[degree]);
        Assert.Equal(IdNumber, stored[id]);

        // A submitted entry may only change into another valid one.
        var (change, changeHtml) = await SaveAsync(s, entry, submit: false, (id, ["110105194912310021"]));
        Assert.Equal(HttpStatusCode.BadRequest, change.StatusCode);
        Assert.Contains("身份证号：不是有效的18位居民身份证号", WebUtility.HtmlDecode(changeHtml));
        Assert.Equal(IdNumber, (await AnswersAsync(entry))[id]);
        Assert.Equal(EntryState.Submitted, await StateAsync(entry));
    }

    [Fact]
    public async Task A_multiple_choice_is_saved_one_per_line_an_optional_field_may_stay_empty_and_labels_follow_the_readers_language()
    {
        var s = await SceneAsync();
        var channels = await AddFieldAsync(s.Organizer, s.Stories.Id, FieldKind.MultipleChoice, "获知渠道", required: true, choices: "微信\n微博\n海报");
        var site = await AddFieldAsync(s.Organizer, s.Stories.Id, FieldKind.Url, "作品链接");
        var entry = await StartAsync(s);
        var (response, _) = await SaveAsync(s, entry, submit: true, (channels, ["海报", "微信"]), (site, [""]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = await AnswersAsync(entry);
        Assert.Equal("微信\n海报", stored[channels]);
        Assert.False(stored.ContainsKey(site));
        var form = await s.Web.GetHtmlAsync($"/entries/{entry}/edit");
        Assert.Matches("value=\"微信\" checked", form);
        Assert.DoesNotMatch("value=\"微博\" checked", form);

        // Labels and help in the reader's language.
        Assert.Contains("获知渠道说明", form);
        Assert.Equal(HttpStatusCode.Redirect, (await s.Web.PostFormAsync("/", "/language", new Dictionary<string, string> { ["culture"] = "en" })).StatusCode);
        var english = await s.Web.GetHtmlAsync($"/entries/{entry}/edit");
        Assert.Contains("获知渠道 (en)", english);
        Assert.Contains("Help on 获知渠道", english);
        Assert.DoesNotContain("获知渠道说明", english);
    }

    [Fact]
    public async Task Answers_survive_field_edits_and_a_removed_field_is_archived_with_its_answers()
    {
        var s = await SceneAsync();
        var org = await AddFieldAsync(s.Organizer, s.Stories.Id, FieldKind.ShortText, "工作单位", required: true, identifying: true);
        var unused = await AddFieldAsync(s.Organizer, s.Stories.Id, FieldKind.Number, "年龄");
        var entry = await StartAsync(s);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(s, entry, submit: true, (org, ["海川电器"]))).Response.StatusCode);

        // Relabelling keeps the answer; changing what an answered field asks for is refused.
        var edit = (await app.SendAsync(s.Organizer, new EditCategoryFieldQuery(0, org))).Value;
        edit.LabelZh = "所在单位";
        Assert.True((await app.SendAsync(s.Organizer, edit)).IsOk);
        Assert.Equal("海川电器", (await AnswersAsync(entry))[org]);
        edit.Kind = FieldKind.Email;
        var kindChange = await app.SendAsync(s.Organizer, edit);
        Assert.Equal(Outcome.Refused, kindChange.Outcome);
        Assert.Equal(FieldKind.ShortText, await app.DbAsync(db => db.CategoryFields.Where(f => f.Id == org).Select(f => f.Kind).SingleAsync()));

        // Removing: the answered field is archived, the unanswered one is gone.
        Assert.True((await app.SendAsync(s.Organizer, new ArchiveCategoryFieldCommand(org))).IsOk);
        Assert.True((await app.SendAsync(s.Organizer, new ArchiveCategoryFieldCommand(unused))).IsOk);
        Assert.True(await app.DbAsync(db => db.CategoryFields.Where(f => f.Id == org).Select(f => f.Archived).SingleAsync()));
        Assert.False(await app.DbAsync(db => db.CategoryFields.AnyAsync(f => f.Id == unused)));
        Assert.Equal("海川电器", (await AnswersAsync(entry))[org]);

        // It leaves the entrant's form, and no longer holds up a change of the entry although it was required.
        Assert.DoesNotContain("所在单位", await s.Web.GetHtmlAsync($"/entries/{entry}/edit"));
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(s, entry, submit: false)).Response.StatusCode);
        Assert.Equal("海川电器", (await AnswersAsync(entry))[org]);

        // The organizer still sees it, marked archived, on the entry's form page and on the category page.
        var organizerWeb = Browserless.For(app);
        await organizerWeb.SignInAsync(s.Organizer.Email!, AppFactory.TestPassword);
        var answers = await organizerWeb.GetHtmlAsync($"/manage/entries/{entry}/answers");
        Assert.Contains("所在单位", answers);
        Assert.Contains("海川电器", answers);
        Assert.Contains("已归档", answers);
        Assert.Contains("已归档", await organizerWeb.GetHtmlAsync($"/manage/categories/{s.Stories.Id}/edit"));
    }

    [Fact]
    public async Task Only_the_contests_organizer_can_see_or_change_its_fields_and_answers()
    {
        var s = await SceneAsync();
        var phone = await AddFieldAsync(s.Organizer, s.Stories.Id, FieldKind.MobilePhone, "手机号", identifying: true);
        var file = await AddFieldAsync(s.Organizer, s.Stories.Id, FieldKind.File, "报名表扫描件");
        var entry = await StartAsync(s);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(s, entry, submit: true, (phone, [Phone]))).Response.StatusCode);
        await UploadAsync(s, entry, file, Pdf, "报名表.pdf");

        var other = await app.CreateUserAsync(Roles.Organizer);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(other, new EditCategoryFieldQuery(s.Stories.Id, null))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(other, new EditCategoryFieldQuery(0, phone))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(other, new SaveCategoryFieldCommand { CategoryId = s.Stories.Id, Kind = FieldKind.ShortText, LabelZh = "偷加" })).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(other, new SaveCategoryFieldCommand { Id = phone, CategoryId = s.Stories.Id, Kind = FieldKind.MobilePhone, LabelZh = "改名" })).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(other, new MoveCategoryFieldCommand(phone, Up: false))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(other, new ArchiveCategoryFieldCommand(phone))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(other, new EntryAnswersQuery(entry))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(other, new ReadFieldFileQuery(entry, file))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(other, new ContestEntriesQuery(s.Contest.Id, new EntryFilter(), new PageRequest(null, null)))).Outcome);

        var otherWeb = Browserless.For(app);
        await otherWeb.SignInAsync(other.Email!, AppFactory.TestPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await otherWeb.Client.GetAsync($"/manage/fields/{phone}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherWeb.Client.GetAsync($"/manage/entries/{entry}/answers")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherWeb.PostFormAsync("/", $"/manage/fields/{phone}/remove", new Dictionary<string, string>())).StatusCode);
        var field = await app.DbAsync(db => db.CategoryFields.SingleAsync(f => f.Id == phone));
        Assert.Equal("手机号", field.LabelZh);
        Assert.False(field.Archived);
        Assert.Equal(2, await app.DbAsync(db => db.CategoryFields.CountAsync(f => f.CategoryId == s.Stories.Id)));

        // The organizer who runs the contest reads the numbers in full.
        var own = (await app.SendAsync(s.Organizer, new EntryAnswersQuery(entry))).Value;
        Assert.Contains(own.Answers, a => a.Value == Phone);
    }

    [Fact]
    public async Task Judges_never_see_identifying_answers_nor_field_files_and_see_phone_numbers_masked()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 1, entries: 1, judgesPerEntry: 1);
        var o = scene.Organizer;
        var id = await AddFieldAsync(o, scene.Stories.Id, FieldKind.ResidentId, "身份证号", identifying: true);
        var school = await AddFieldAsync(o, scene.Stories.Id, FieldKind.ShortText, "毕业院校", identifying: true);
        var contact = await AddFieldAsync(o, scene.Stories.Id, FieldKind.MobilePhone, "联系电话");
        var region = await AddFieldAsync(o, scene.Stories.Id, FieldKind.ShortText, "所在地区");
        var scan = await AddFieldAsync(o, scene.Stories.Id, FieldKind.File, "推荐信");
        var entry = scene.Entries[0].Id;
        await app.DbAsync(async db =>
        {
            db.EntryFieldAnswers.AddRange(
                new EntryFieldAnswer { EntryId = entry, FieldId = id, Value = IdNumber },
                new EntryFieldAnswer { EntryId = entry, FieldId = school, Value = "江城理工大学" },
                new EntryFieldAnswer { EntryId = entry, FieldId = contact, Value = Phone },
                new EntryFieldAnswer { EntryId = entry, FieldId = region, Value = "华东地区" },
                new EntryFieldAnswer { EntryId = entry, FieldId = scan, Value = "推荐信.pdf", BlobName = $"entries/{entry}/field-{scan}-test.pdf" });
            return await db.SaveChangesAsync();
        });
        var assignment = (await JudgingScenes.OpenAsync(app, scene)).Single();

        var judge = Browserless.For(app);
        await judge.SignInAsync(scene.Judges[0].Email!, AppFactory.TestPassword);
        var sheet = await judge.GetHtmlAsync($"/judging/assignments/{assignment.Id}");
        Assert.Contains("所在地区", sheet);
        Assert.Contains("华东地区", sheet);
        Assert.Contains("138****5678", sheet);
        Assert.DoesNotContain(Phone, sheet);
        foreach (var hidden in new[] { "身份证号", IdNumber, "110***********002X", "毕业院校", "江城理工大学", "推荐信" })
            Assert.DoesNotContain(hidden, sheet);
        Assert.Equal(HttpStatusCode.NotFound, (await judge.Client.GetAsync($"/media/entries/{entry}/fields/{scan}")).StatusCode);
    }

    [Fact]
    public async Task The_leak_check_flags_a_story_that_contains_an_identifying_answer()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 1, entries: 2, judgesPerEntry: 1);
        var school = await AddFieldAsync(scene.Organizer, scene.Stories.Id, FieldKind.ShortText, "毕业院校", identifying: true);
        var hobby = await AddFieldAsync(scene.Organizer, scene.Stories.Id, FieldKind.ShortText, "爱好");
        var (leaking, innocent) = (scene.Entries[0].Id, scene.Entries[1].Id);
        await app.DbAsync(async db =>
        {
            foreach (var e in await db.Entries.Where(e => e.Id == leaking || e.Id == innocent).ToListAsync())
                e.Body = "我毕业于江城理工大学，喜欢长跑，质量是企业的生命。";
            db.EntryFieldAnswers.AddRange(
                new EntryFieldAnswer { EntryId = leaking, FieldId = school, Value = "江城理工大学" },
                // The same words as a non-identifying answer: not a leak.
                new EntryFieldAnswer { EntryId = innocent, FieldId = hobby, Value = "江城理工大学" });
            return await db.SaveChangesAsync();
        });
        var report = (await app.SendAsync(scene.Organizer, new IntegrityReportQuery(scene.Contest.Id))).Value;
        var flag = Assert.Single(report.Leaks, l => l.Story.Id == leaking);
        Assert.Contains(flag.Passages, p => p.Term == "江城理工大学");
        Assert.DoesNotContain(report.Leaks, l => l.Story.Id == innocent);

        // A redacted copy that still gives the school away is refused; one without it is kept for the judges.
        Assert.Equal(Outcome.Refused, (await app.SendAsync(scene.Organizer, new RedactStoryCommand(leaking, "我毕业于江城理工大学，质量是企业的生命。"))).Outcome);
        Assert.True((await app.SendAsync(scene.Organizer, new RedactStoryCommand(leaking, "我毕业于■■■■，质量是企业的生命。"))).IsOk);
    }

    [Fact]
    public async Task The_entries_export_has_a_column_per_field_archived_ones_marked()
    {
        var s = await SceneAsync();
        var phone = await AddFieldAsync(s.Organizer, s.Stories.Id, FieldKind.MobilePhone, "手机号", identifying: true);
        var old = await AddFieldAsync(s.Organizer, s.Stories.Id, FieldKind.ShortText, "旧问题");
        var entry = await StartAsync(s);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(s, entry, submit: true, (phone, [Phone]), (old, ["旧回答"]))).Response.StatusCode);
        Assert.True((await app.SendAsync(s.Organizer, new ArchiveCategoryFieldCommand(old))).IsOk);

        var organizer = Browserless.For(app);
        await organizer.SignInAsync(s.Organizer.Email!, AppFactory.TestPassword);
        var csv = await organizer.GetHtmlAsync($"/manage/contests/{s.Contest.Id}/entries.csv");
        var lines = csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // Every cell is quoted (Csv.Field).
        static string[] Cells(string line) => CsvCell().Matches(line).Select(m => m.Groups[1].Value.Replace("\"\"", "\"")).ToArray();
        var header = Cells(lines[0]);
        Assert.Contains("S: 手机号", header);
        Assert.Contains("S: 旧问题 [archived]", header);
        var row = Cells(lines.Single(l => l.Contains("三十年的承诺")));
        Assert.Equal(Phone, row[Array.IndexOf(header, "S: 手机号")]);
        Assert.Equal("旧回答", row[Array.IndexOf(header, "S: 旧问题 [archived]")]);

        var xlsx = await organizer.Client.GetAsync($"/manage/contests/{s.Contest.Id}/entries.xlsx");
        Assert.Equal(HttpStatusCode.OK, xlsx.StatusCode);
        using var zip = new System.IO.Compression.ZipArchive(await xlsx.Content.ReadAsStreamAsync());
        var sheet = string.Concat(zip.Entries.Where(e => e.FullName.StartsWith("xl/")).Select(e => new StreamReader(e.Open()).ReadToEnd()));
        Assert.Contains("S: 旧问题 [archived]", sheet);
        Assert.Contains(Phone, sheet);
    }

    [Fact]
    public async Task A_file_field_takes_only_a_real_document_and_a_required_one_holds_up_submission()
    {
        var s = await SceneAsync();
        var scan = await AddFieldAsync(s.Organizer, s.Stories.Id, FieldKind.File, "报名表", required: true);
        var entry = await StartAsync(s);
        var (early, earlyHtml) = await SaveAsync(s, entry, submit: true);
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        Assert.Contains("报名表：此项为必填。", WebUtility.HtmlDecode(earlyHtml));

        await UploadAsync(s, entry, scan, Encoding.UTF8.GetBytes("just text pretending to be a PDF"), "报名表.pdf");
        Assert.False((await AnswersAsync(entry)).ContainsKey(scan));
        await UploadAsync(s, entry, scan, Pdf, "../报名表.pdf");
        Assert.Equal("报名表.pdf", (await AnswersAsync(entry))[scan]);

        var download = await s.Web.Client.GetAsync($"/media/entries/{entry}/fields/{scan}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.StartsWith("%PDF-", await download.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(s, entry, submit: true)).Response.StatusCode);
        Assert.Equal(EntryState.Submitted, await StateAsync(entry));

        // The orphan sweeper knows these files belong to an entry.
        await app.SendAsync(null, new BrandStoryContest.Web.Features.Maintenance.SweepOrphanBlobsCommand(TimeSpan.Zero));
        Assert.Equal(HttpStatusCode.OK, (await s.Web.Client.GetAsync($"/media/entries/{entry}/fields/{scan}")).StatusCode);
    }

    [Fact]
    public async Task Bad_field_definitions_and_oversized_answers_get_a_4xx_and_change_nothing()
    {
        var s = await SceneAsync();
        var note = await AddFieldAsync(s.Organizer, s.Stories.Id, FieldKind.LongText, "补充说明");
        var organizer = Browserless.For(app);
        await organizer.SignInAsync(s.Organizer.Email!, AppFactory.TestPassword);
        var formPage = $"/manage/categories/{s.Stories.Id}/fields/new";
        Assert.Contains("field-form", await organizer.GetHtmlAsync(formPage));
        var noLabel = await organizer.PostFormAsync(formPage, "/manage/fields/save", new Dictionary<string, string>
        {
            ["CategoryId"] = s.Stories.Id.ToString(), ["Kind"] = "ShortText", ["LabelZh"] = "",
        });
        Assert.Equal(HttpStatusCode.BadRequest, noLabel.StatusCode);
        Assert.Contains("请填写字段的中文名称", WebUtility.HtmlDecode(await noLabel.Content.ReadAsStringAsync()));
        var noChoices = await organizer.PostFormAsync(formPage, "/manage/fields/save", new Dictionary<string, string>
        {
            ["CategoryId"] = s.Stories.Id.ToString(), ["Kind"] = "SingleChoice", ["LabelZh"] = "学历", ["Choices"] = "",
        });
        Assert.Equal(HttpStatusCode.BadRequest, noChoices.StatusCode);
        Assert.Equal(1, await app.DbAsync(db => db.CategoryFields.CountAsync(f => f.CategoryId == s.Stories.Id)));

        var entry = await StartAsync(s);
        var (huge, hugeHtml) = await SaveAsync(s, entry, submit: false, (note, [new string('长', FieldRules.MaxValue + 1)]));
        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Contains("补充说明：最多4000个字符。", WebUtility.HtmlDecode(hugeHtml));
        var many = Enumerable.Range(0, CategoryField.MaxPerCategory + 1).Select(_ => (note, new[] { "x" })).ToArray();
        Assert.Equal(HttpStatusCode.BadRequest, (await SaveAsync(s, entry, submit: false, many)).Response.StatusCode);
        Assert.Empty(await AnswersAsync(entry));
        Assert.Equal("", await app.DbAsync(db => db.Entries.Where(e => e.Id == entry).Select(e => e.Body).SingleAsync()));
    }

    [Fact]
    public async Task A_category_takes_at_most_its_limit_of_fields()
    {
        var s = await SceneAsync();
        await app.DbAsync(async db =>
        {
            db.CategoryFields.AddRange(Enumerable.Range(1, CategoryField.MaxPerCategory)
                .Select(i => new CategoryField { CategoryId = s.Stories.Id, Kind = FieldKind.ShortText, LabelZh = $"问题{i}", Order = i }));
            return await db.SaveChangesAsync();
        });
        var more = await app.SendAsync(s.Organizer, new SaveCategoryFieldCommand { CategoryId = s.Stories.Id, Kind = FieldKind.ShortText, LabelZh = "再加一个" });
        Assert.Equal(Outcome.Refused, more.Outcome);
        Assert.Equal(CategoryField.MaxPerCategory, await app.DbAsync(db => db.CategoryFields.CountAsync(f => f.CategoryId == s.Stories.Id)));
    }

    private static async Task UploadAsync(Scene s, int entryId, int fieldId, byte[] bytes, string name)
    {
        var token = Browserless.AntiforgeryToken(await s.Web.GetHtmlAsync($"/entries/{entryId}/edit"));
        var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(bytes), "file", name } };
        var response = await s.Web.Client.PostAsync($"/entries/{entryId}/fields/{fieldId}/file", form);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    [GeneratedRegex("\"((?:[^\"]|\"\")*)\"")]
    private static partial Regex CsvCell();

    [GeneratedRegex("name=\"Version\" value=\"(\\d+)\"")]
    private static partial Regex VersionPattern();
}
