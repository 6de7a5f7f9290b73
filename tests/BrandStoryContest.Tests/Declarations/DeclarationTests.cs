using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using BrandStoryContest.Tests.Awards;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Declarations;
using BrandStoryContest.Web.Features.Entries;
using BrandStoryContest.Web.Infrastructure.Results;
using Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BrandStoryContest.Tests.Declarations;

public sealed class DeclarationTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Story = "江城电器三十年如一日坚持质量第一，每一台产品都经过严格检验，这就是我们的品牌故事。";
    private const string PledgeV1 = "本人郑重承诺：参赛作品为本人原创，未抄袭他人作品。\n\n如有侵权，责任由本人承担。";
    private const string PledgeV2 = "本人郑重承诺：参赛作品为本人原创，未抄袭他人作品，亦未使用人工智能代写。";
    private const string Licence = "本人同意主办方在公益宣传中**免费使用**参赛作品。";

    private static int StoryCategory(Contest c) => c.Categories.Single(x => x.Kind == CategoryKind.Story).Id;

    private async Task<int> PublishAsync(Account organizer, Contest contest, DeclarationKind kind, string zh, string? en = null)
    {
        var published = await app.SendAsync(organizer, new PublishDeclarationCommand { ContestId = contest.Id, Kind = kind, TextZh = zh, TextEn = en });
        Assert.True(published.IsOk, string.Join("; ", published.Violations.Select(v => v.Key)));
        return published.Value;
    }

    /// <summary>Saves the entry as its entrant would, from the address <paramref name="address"/>.</summary>
    private async Task<Result<SaveEntryResult>> SaveAsync(Account writer, int entryId, bool submit, IEnumerable<int> accepted, string title = "三十年的承诺",
        string address = "203.0.113.7")
    {
        var version = await app.DbAsync(db => db.Entries.Where(e => e.Id == entryId).Select(e => e.Version).SingleAsync());
        var form = new SaveEntryCommand
        {
            EntryId = entryId, Version = version, Title = title, Body = Story, DeclaredRights = true, ConsentsToPublication = true,
            Submit = submit, AcceptedDeclarations = accepted.ToList(),
        };
        return await app.RunAsAsync(writer, async sp =>
        {
            sp.GetRequiredService<IHttpContextAccessor>().HttpContext!.Connection.RemoteIpAddress = IPAddress.Parse(address);
            return await sp.GetRequiredService<IMediator>().Send(form);
        });
    }

    private async Task<(Account Writer, int EntryId)> StartAsync(Contest contest, string name = "张晓雨", string organization = "江城电器")
    {
        var writer = await app.CreateUserAsync(Roles.Entrant, realName: name, organization: organization);
        var started = await app.SendAsync(writer, new StartEntryCommand(StoryCategory(contest)));
        Assert.True(started.IsOk);
        return (writer, started.Value);
    }

    [Fact]
    public async Task An_entry_keeps_the_version_it_accepted_and_accepts_a_new_one_on_its_next_change()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var v1 = await PublishAsync(organizer, contest, DeclarationKind.Originality, PledgeV1, "I pledge that the work is my own.");
        var (writer, entryId) = await StartAsync(contest);

        // The handler refuses, whatever the form showed.
        var unsigned = await SaveAsync(writer, entryId, submit: true, accepted: []);
        Assert.Equal(Outcome.Refused, unsigned.Outcome);
        Assert.Contains(unsigned.Violations, v => v.Field == "Declarations");
        Assert.Equal(EntryState.Draft, await app.DbAsync(db => db.Entries.Where(e => e.Id == entryId).Select(e => e.State).SingleAsync()));
        Assert.Equal(0, await app.DbAsync(db => db.DeclarationAcceptances.CountAsync(a => a.EntryId == entryId)));

        var submitted = await SaveAsync(writer, entryId, submit: true, accepted: [v1]);
        Assert.True(submitted.IsOk && submitted.Value.Submitted);
        var first = await app.DbAsync(db => db.DeclarationAcceptances.SingleAsync(a => a.EntryId == entryId));
        Assert.Equal(v1, first.DeclarationId);
        Assert.Equal("203.0.113.7", first.ClientAddress);
        Assert.True(await app.DbAsync(db => db.Entries.Where(e => e.Id == entryId).Select(e => e.PledgedOriginality).SingleAsync()));

        // Publishing the same text makes no version; a changed text makes v2.
        Assert.Equal(Outcome.Refused, (await app.SendAsync(organizer, new PublishDeclarationCommand
            { ContestId = contest.Id, Kind = DeclarationKind.Originality, TextZh = PledgeV1, TextEn = "I pledge that the work is my own." })).Outcome);
        var v2 = await PublishAsync(organizer, contest, DeclarationKind.Originality, PledgeV2);
        Assert.Equal(2, await app.DbAsync(db => db.Declarations.Where(d => d.Id == v2).Select(d => d.Version).SingleAsync()));

        // The entry's record still says v1, and v1's text is still readable as it was.
        Assert.Equal(v1, (await app.DbAsync(db => db.DeclarationAcceptances.SingleAsync(a => a.EntryId == entryId))).DeclarationId);
        var old = await app.SendAsync(organizer, new DeclarationVersionQuery(v1));
        Assert.Equal(PledgeV1, old.Value.Declaration.TextZh);

        // Its next change needs v2 accepted; refused, the entry stays as it was.
        var stale = await SaveAsync(writer, entryId, submit: false, accepted: [v1], title: "改过的标题");
        Assert.Equal(Outcome.Refused, stale.Outcome);
        Assert.Equal("三十年的承诺", await app.DbAsync(db => db.Entries.Where(e => e.Id == entryId).Select(e => e.Title).SingleAsync()));
        var renewed = await SaveAsync(writer, entryId, submit: false, accepted: [v2], title: "改过的标题", address: "2001:db8::1234");
        Assert.True(renewed.IsOk);
        var rows = await app.DbAsync(db => db.DeclarationAcceptances.Where(a => a.EntryId == entryId).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(new[] { v1, v2 }, rows.Select(r => r.DeclarationId));
        Assert.Equal("2001:db8::1234", rows[1].ClientAddress);

        // The entry form shows the current text, rendered and sanitized, in place of the fixed pledge checkbox.
        await PublishAsync(organizer, contest, DeclarationKind.Licence, Licence + "<script>alert(1)</script>");
        var web = Browserless.For(app);
        await web.SignInAsync(writer.Email!, AppFactory.TestPassword);
        var html = await web.GetHtmlAsync($"/entries/{entryId}/edit");
        Assert.Contains("亦未使用人工智能代写", html);
        Assert.Contains("<strong>免费使用</strong>", html);
        Assert.DoesNotContain("<script>alert(1)", html);
        Assert.Contains($"name=\"AcceptedDeclarations\" value=\"{v2}\" checked", html);
        Assert.DoesNotContain("id=\"PledgedOriginality\"", html);
        // The receipt says which version of each the entry accepted, and which it has not yet.
        var receipt = await web.GetHtmlAsync($"/entries/{entryId}");
        Assert.Matches("已接受（第2版）|Accepted \\(version 2\\)", receipt);
        Assert.Matches("尚未接受|Not accepted yet", receipt);
    }

    [Fact]
    public async Task A_contest_without_documents_keeps_its_fixed_checkboxes()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var (writer, entryId) = await StartAsync(contest);
        var version = await app.DbAsync(db => db.Entries.Where(e => e.Id == entryId).Select(e => e.Version).SingleAsync());
        var refused = await app.SendAsync(writer, new SaveEntryCommand { EntryId = entryId, Version = version, Title = "标题", Body = Story, DeclaredRights = true, Submit = true });
        Assert.Equal("PledgedOriginality", Assert.Single(refused.Violations).Field);
        var ok = await app.SendAsync(writer, new SaveEntryCommand { EntryId = entryId, Version = version, Title = "标题", Body = Story, DeclaredRights = true, PledgedOriginality = true, Submit = true });
        Assert.True(ok.IsOk);
    }

    [Fact]
    public async Task The_organizer_downloads_signed_declarations_as_pdf_and_zip_and_nobody_else_can()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var pledge = await PublishAsync(organizer, contest, DeclarationKind.Originality, PledgeV1, "I pledge that the work is my own.");
        var licence = await PublishAsync(organizer, contest, DeclarationKind.Licence, Licence);
        var (first, firstId) = await StartAsync(contest);
        var (second, secondId) = await StartAsync(contest, "李明", "海川食品");
        var (_, draftId) = await StartAsync(contest, "王芳", "青山茶业");
        // A team: the declaration names every author, then the instructor, as the certificate does.
        Assert.True((await app.SendAsync(first, new AddEntryAuthorCommand { EntryId = firstId, Name = "周老师", Role = AuthorRole.Instructor, Organization = "江城职业学院" })).IsOk);
        Assert.True((await app.SendAsync(first, new AddEntryAuthorCommand { EntryId = firstId, Name = "陈同学", Role = AuthorRole.Author })).IsOk);
        Assert.True((await SaveAsync(first, firstId, submit: true, accepted: [pledge, licence])).IsOk);
        Assert.True((await SaveAsync(second, secondId, submit: true, accepted: [pledge, licence], address: "198.51.100.23")).IsOk);
        var entry = await app.DbAsync(db => db.Entries.SingleAsync(e => e.Id == firstId));
        var acceptedAt = await app.DbAsync(db => db.DeclarationAcceptances.Where(a => a.EntryId == firstId).Select(a => a.AcceptedAt).FirstAsync());

        var web = Browserless.For(app);
        await web.SignInAsync(organizer.Email!, AppFactory.TestPassword);
        var response = await web.Client.GetAsync($"/manage/entries/{firstId}/declarations.pdf");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        var file = Path.Combine(Directory.CreateTempSubdirectory("bsc-declaration-").FullName, "declaration.pdf");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
        var text = Regex.Replace(Cli.Run("pdftotext", "-enc", "UTF-8", file, "-"), @"\s+", "");
        Assert.Contains(entry.Number!, text);
        Assert.Contains("张晓雨（江城电器）；陈同学；指导老师/Instructor:周老师（江城职业学院）", text);
        Assert.Contains("参赛作品为本人原创", text);
        Assert.Contains("原创承诺书", text);
        Assert.Contains("作品使用授权书", text);
        Assert.Contains("免费使用", text);
        Assert.DoesNotContain("**", text);   // the Markdown is flattened, not printed
        Assert.Contains(Regex.Replace(ContestTime.Format(acceptedAt, contest.TimeZoneId), @"\s+", ""), text);
        Assert.Contains("203.0.113.7", text);

        var page = await web.GetHtmlAsync($"/manage/contests/{contest.Id}/declarations");
        Assert.Contains($"/manage/entries/{secondId}/declarations.pdf", page);
        Assert.DoesNotContain($"/manage/entries/{draftId}/declarations.pdf", page);

        var zipBytes = await web.Client.GetByteArrayAsync($"/manage/contests/{contest.Id}/declarations.zip");
        using (var zip = new ZipArchive(new MemoryStream(zipBytes)))
        {
            Assert.Equal(2, zip.Entries.Count);   // the draft signed nothing
            var numbers = await app.DbAsync(db => db.Entries.Where(e => e.Id == firstId || e.Id == secondId).Select(e => e.Number!).ToListAsync());
            Assert.Equal(numbers.Order().Select(n => $"{n}-declarations.pdf"), zip.Entries.Select(e => e.Name).Order());
            foreach (var e in zip.Entries)
            {
                using var s = e.Open();
                var head = new byte[5];
                s.ReadExactly(head);
                Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(head));
            }
        }

        // Another organizer: not found, for every way in. A judge or entrant: turned away by the role.
        var stranger = await app.CreateUserAsync(Roles.Organizer);
        var other = Browserless.For(app);
        await other.SignInAsync(stranger.Email!, AppFactory.TestPassword);
        foreach (var url in new[] { $"/manage/entries/{firstId}/declarations.pdf", $"/manage/contests/{contest.Id}/declarations.zip",
                     $"/manage/contests/{contest.Id}/declarations", $"/manage/declarations/{pledge}" })
            Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync(url)).StatusCode);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(stranger, new PublishDeclarationCommand
            { ContestId = contest.Id, Kind = DeclarationKind.Originality, TextZh = "别人的文本" })).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(stranger, new SignedDeclarationQuery(firstId))).Outcome);
        foreach (var role in new[] { Roles.Judge, Roles.Entrant })
        {
            var outsider = await app.CreateUserAsync(role);
            var denied = Browserless.For(app);
            await denied.SignInAsync(outsider.Email!, AppFactory.TestPassword);
            var answer = await denied.Client.GetAsync($"/manage/entries/{firstId}/declarations.pdf");
            Assert.True(answer.StatusCode == HttpStatusCode.Redirect && answer.Headers.Location!.ToString().Contains("/account/denied"), $"{role}: {answer.StatusCode}");
            Assert.Equal(Outcome.NotFound, (await app.SendAsync(outsider, new SignedDeclarationsZipQuery(contest.Id))).Outcome);
        }
        // An entry that signed nothing has no declaration to print: a clear 400, not a blank PDF.
        Assert.Equal(HttpStatusCode.BadRequest, (await web.Client.GetAsync($"/manage/entries/{draftId}/declarations.pdf")).StatusCode);
    }

    [Fact]
    public async Task Bad_declaration_input_is_refused_with_a_message_and_publishes_nothing()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var web = Browserless.For(app);
        await web.SignInAsync(organizer.Email!, AppFactory.TestPassword);
        var html = await web.GetHtmlAsync($"/manage/contests/{contest.Id}/declarations");
        var token = Browserless.AntiforgeryToken(html);
        foreach (var fields in new[]
                 {
                     new Dictionary<string, string> { ["Kind"] = "Originality", ["TextZh"] = "" },
                     new Dictionary<string, string> { ["Kind"] = "Originality", ["TextZh"] = new string('字', Declaration.MaxTextChars + 1) },
                     new Dictionary<string, string> { ["Kind"] = "99", ["TextZh"] = "承诺" },
                 })
        {
            fields["__RequestVerificationToken"] = token;
            var response = await web.Client.PostAsync($"/manage/contests/{contest.Id}/declarations", new FormUrlEncodedContent(fields));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Matches("[\u4e00-\u9fff]", await response.Content.ReadAsStringAsync());
        }
        Assert.Equal(0, await app.DbAsync(db => db.Declarations.CountAsync(d => d.ContestId == contest.Id)));
        var ok = await web.Client.PostAsync($"/manage/contests/{contest.Id}/declarations", new FormUrlEncodedContent(new Dictionary<string, string>
            { ["__RequestVerificationToken"] = token, ["Kind"] = "Licence", ["TextZh"] = Licence }));
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Equal(DeclarationKind.Licence, await app.DbAsync(db => db.Declarations.Where(d => d.ContestId == contest.Id).Select(d => d.Kind).SingleAsync()));
    }
}
