using System.IO.Compression;
using System.Net;
using System.Text;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Entries;

public sealed class StorySubmissionTests(AppFactory app) : IClassFixture<AppFactory>
{
    // The test contest's story category takes 20–200 characters/words.
    private static readonly string ChineseStory = "江城电器三十年如一日坚持质量第一，每一台产品都经过严格检验，这就是我们的品牌故事。";
    private static readonly string TooLong = string.Concat(Enumerable.Repeat("质量是企业的生命。", 30));

    private async Task<(Contest Contest, Account Writer, Browserless Web)> WriterAsync(Action<Contest>? change = null)
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer, change);
        var writer = await app.CreateUserAsync(Roles.Entrant, realName: "张晓雨");
        var web = Browserless.For(app);
        await web.SignInAsync(writer.Email!, AppFactory.TestPassword);
        return (contest, writer, web);
    }

    private static int StoryCategory(Contest c) => c.Categories.Single(x => x.Kind == CategoryKind.Story).Id;

    private static async Task<int> StartAsync(Browserless web, Contest contest)
    {
        var response = await web.PostFormAsync($"/contests/{contest.Id}", "/entries/new", new Dictionary<string, string> { ["CategoryId"] = StoryCategory(contest).ToString() });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.ToString();
        Assert.Matches(@"^/entries/\d+/edit$", location);
        return int.Parse(location.Split('/')[2]);
    }

    private static async Task<HttpResponseMessage> SaveAsync(Browserless web, int entryId, string title, string body, bool submit, int? version = null)
    {
        var html = await web.GetHtmlAsync($"/entries/{entryId}/edit");
        var v = version ?? int.Parse(System.Text.RegularExpressions.Regex.Match(html, "name=\"Version\" value=\"(\\d+)\"").Groups[1].Value);
        var fields = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Browserless.AntiforgeryToken(html), ["Version"] = v.ToString(), ["Title"] = title, ["Body"] = body,
            ["PledgedOriginality"] = "true", ["DeclaredRights"] = "true", ["ConsentsToPublication"] = "true", ["Submit"] = submit ? "true" : "false",
        };
        return await web.Client.PostAsync($"/entries/{entryId}/edit", new FormUrlEncodedContent(fields));
    }

    [Fact]
    public async Task A_chinese_story_is_drafted_submitted_numbered_and_receipted()
    {
        var (contest, writer, web) = await WriterAsync();
        var id = await StartAsync(web, contest);
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(web, id, "三十年的承诺", ChineseStory[..10], submit: false)).StatusCode);
        Assert.Equal(EntryState.Draft, await State(id));

        var submitted = await SaveAsync(web, id, "三十年的承诺", ChineseStory, submit: true);
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        Assert.Equal($"/entries/{id}", submitted.Headers.Location!.ToString());
        var entry = await app.DbAsync(db => db.Entries.SingleAsync(e => e.Id == id));
        Assert.Equal(EntryState.Submitted, entry.State);
        Assert.Equal($"{contest.Code}-S-0001", entry.Number);

        var receipt = await web.GetHtmlAsync($"/entries/{id}");
        Assert.Contains($"{contest.Code}-S-0001", receipt);
        Assert.Contains("江城电器三十年如一日", receipt);
        var mail = await app.DbAsync(db => db.Outbox.SingleAsync(m => m.To == writer.Email));
        Assert.Contains($"{contest.Code}-S-0001", mail.Subject + mail.Text);

        // The next entry in the category gets the next number.
        var second = await StartAsync(web, contest);
        await SaveAsync(web, second, "Quality first", string.Join(' ', Enumerable.Repeat("quality", 25)), submit: true);
        Assert.Equal($"{contest.Code}-S-0002", await app.DbAsync(db => db.Entries.Where(e => e.Id == second).Select(e => e.Number).SingleAsync()));
    }

    [Fact]
    public async Task An_over_limit_story_is_refused_with_its_count_and_nothing_typed_is_lost()
    {
        var (contest, _, web) = await WriterAsync();
        var id = await StartAsync(web, contest);
        var response = await SaveAsync(web, id, "太长的故事", TooLong, submit: true);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("共270字/词，最多允许200", html);
        Assert.Contains(TooLong, html);
        Assert.Equal(EntryState.Draft, await State(id));

        var tooShort = await SaveAsync(web, id, "短", "质量。", submit: true);
        Assert.Contains("至少需要20", WebUtility.HtmlDecode(await tooShort.Content.ReadAsStringAsync()));

        // English is counted in words: 201 words is one too many.
        var english = await SaveAsync(web, id, "Words", string.Join(' ', Enumerable.Repeat("brand", 201)), submit: true);
        Assert.Equal(HttpStatusCode.BadRequest, english.StatusCode);
        Assert.Contains("共201字/词", WebUtility.HtmlDecode(await english.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task Markdown_is_rendered_without_scripts_or_event_handlers()
    {
        var (contest, _, web) = await WriterAsync();
        var id = await StartAsync(web, contest);
        var hostile = ChineseStory + "\n\n<script>alert('x')</script>\n\n<img src=x onerror=alert(1)>\n\n[点我](javascript:alert(2)) **加粗**";
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(web, id, "<b>标题</b>", hostile, submit: true)).StatusCode);
        var receipt = await web.GetHtmlAsync($"/entries/{id}");
        var start = receipt.IndexOf("story-body", StringComparison.Ordinal);
        var story = receipt[start..receipt.IndexOf("</article>", start, StringComparison.Ordinal)];
        // Raw HTML is shown as the text the writer typed, never as elements or attributes.
        Assert.DoesNotContain("<script", story);
        Assert.DoesNotContain("<img", story);
        Assert.DoesNotContain("href=\"javascript", story);
        Assert.Contains("&lt;script&gt;", story);
        Assert.DoesNotContain("<b>标题</b>", receipt);
        Assert.Contains("<strong>加粗</strong>", story);
    }

    [Fact]
    public async Task After_the_deadline_nothing_can_be_started_or_changed_and_the_submitted_entry_is_intact()
    {
        var (contest, _, web) = await WriterAsync();
        var id = await StartAsync(web, contest);
        await SaveAsync(web, id, "按时提交", ChineseStory, submit: true);
        var html = await web.GetHtmlAsync($"/entries/{id}/edit");

        await app.DbAsync(async db =>
        {
            var c = await db.Contests.SingleAsync(x => x.Id == contest.Id);
            c.SubmissionClosesAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            return await db.SaveChangesAsync();
        });

        var late = await web.Client.PostAsync($"/entries/{id}/edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Browserless.AntiforgeryToken(html), ["Version"] = "2", ["Title"] = "迟到的修改", ["Body"] = ChineseStory + "再加一句。",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        Assert.Contains("本次大赛已于", await late.Content.ReadAsStringAsync());
        var entry = await app.DbAsync(db => db.Entries.SingleAsync(e => e.Id == id));
        Assert.Equal(("按时提交", EntryState.Submitted, ChineseStory), (entry.Title, entry.State, entry.Body));

        var start = await web.PostFormAsync($"/contests/{contest.Id}", "/entries/new", new Dictionary<string, string> { ["CategoryId"] = StoryCategory(contest).ToString() });
        Assert.Equal("/entries", start.Headers.Location!.ToString());
        Assert.Equal(1, await app.DbAsync(db => db.Entries.CountAsync(e => e.ContestId == contest.Id)));
    }

    [Fact]
    public async Task An_entrant_cannot_exceed_the_categorys_entry_limit_until_one_is_withdrawn()
    {
        var (contest, _, web) = await WriterAsync(); // two stories per entrant
        await StartAsync(web, contest);
        var second = await StartAsync(web, contest);
        var third = await web.PostFormAsync($"/contests/{contest.Id}", "/entries/new", new Dictionary<string, string> { ["CategoryId"] = StoryCategory(contest).ToString() });
        Assert.Equal("/entries", third.Headers.Location!.ToString());
        Assert.Contains("最多允许的数量", WebUtility.HtmlDecode(await web.GetHtmlAsync("/entries")));
        Assert.Equal(2, await app.DbAsync(db => db.Entries.CountAsync(e => e.ContestId == contest.Id)));

        await web.PostFormAsync("/entries", $"/entries/{second}/withdraw", new Dictionary<string, string>());
        Assert.Equal(EntryState.Withdrawn, await State(second));
        await StartAsync(web, contest);
    }

    [Fact]
    public async Task Another_entrants_entry_is_not_found_for_reading_editing_withdrawing_or_its_files()
    {
        var (contest, _, owner) = await WriterAsync();
        var id = await StartAsync(owner, contest);
        await SaveAsync(owner, id, "我的作品", ChineseStory, submit: true);

        var intruder = await app.CreateUserAsync(Roles.Entrant);
        var web = Browserless.For(app);
        await web.SignInAsync(intruder.Email!, AppFactory.TestPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await web.Client.GetAsync($"/entries/{id}/edit")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await web.Client.GetAsync($"/entries/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await web.Client.GetAsync($"/media/entries/{id}/Attachment")).StatusCode);
        var forged = await web.PostFormAsync("/entries", $"/entries/{id}/edit", new Dictionary<string, string> { ["Version"] = "2", ["Title"] = "抢来的", ["Body"] = ChineseStory });
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        await web.PostFormAsync("/entries", $"/entries/{id}/withdraw", new Dictionary<string, string>());
        var entry = await app.DbAsync(db => db.Entries.SingleAsync(e => e.Id == id));
        Assert.Equal(("我的作品", EntryState.Submitted), (entry.Title, entry.State));
    }

    [Fact]
    public async Task Two_tabs_editing_one_draft_cannot_overwrite_each_other_silently()
    {
        var (contest, _, web) = await WriterAsync();
        var id = await StartAsync(web, contest);
        var version = await app.DbAsync(db => db.Entries.Where(e => e.Id == id).Select(e => e.Version).SingleAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await SaveAsync(web, id, "第一个标签页", "内容一", submit: false, version)).StatusCode);
        var stale = await SaveAsync(web, id, "第二个标签页", "内容二", submit: false, version);
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        var html = await stale.Content.ReadAsStringAsync();
        Assert.Contains("已在另一个标签页或窗口中修改", html);
        Assert.Contains("内容二", html); // what the second tab typed is still on screen
        Assert.Equal("第一个标签页", await app.DbAsync(db => db.Entries.Where(e => e.Id == id).Select(e => e.Title).SingleAsync()));
    }

    [Fact]
    public async Task Attachments_are_sniffed_by_content_and_their_names_sanitized()
    {
        var (contest, _, web) = await WriterAsync();
        var id = await StartAsync(web, contest);
        var token = Browserless.AntiforgeryToken(await web.GetHtmlAsync($"/entries/{id}/edit"));
        async Task<string?> Attach(byte[] bytes, string name)
        {
            var form = new MultipartFormDataContent { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(bytes), "file", name } };
            var response = await web.Client.PostAsync($"/entries/{id}/files/Attachment", form);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            return await app.DbAsync(db => db.Entries.Where(e => e.Id == id).Select(e => e.AttachmentFileName).SingleAsync());
        }

        Assert.Null(await Attach(Encoding.UTF8.GetBytes("just text pretending to be a PDF"), "story.pdf"));
        Assert.Null(await Attach(Zip(("readme.txt", "not a word document")), "story.docx"));

        var pdfName = await Attach(Encoding.ASCII.GetBytes("%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF"), "../../etc/\u202Efdp.exe");
        Assert.Equal("fdp.pdf", pdfName);
        var download = await web.Client.GetAsync($"/media/entries/{id}/Attachment");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.StartsWith("%PDF-", await download.Content.ReadAsStringAsync());

        Assert.Equal("品牌故事.docx", await Attach(Zip(("[Content_Types].xml", "<Types/>"), ("word/document.xml", "<w:document/>")), "品牌故事.docx"));
    }

    private static byte[] Zip(params (string Name, string Content)[] files)
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in files)
                using (var w = new StreamWriter(zip.CreateEntry(name).Open())) w.Write(content);
        return ms.ToArray();
    }

    private Task<EntryState> State(int id) => app.DbAsync(db => db.Entries.Where(e => e.Id == id).Select(e => e.State).SingleAsync());
}
