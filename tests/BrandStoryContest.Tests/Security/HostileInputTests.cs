using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Tests.Judging;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Infrastructure.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace BrandStoryContest.Tests.Security;

/// <summary>
/// A corpus of hostile inputs against the running app. Each is refused with a 4xx or a validation message,
/// the server stays up, and nothing stored changes (compared row by row and blob by blob).
/// </summary>
public sealed class HostileInputTests(AppFactory app) : IClassFixture<AppFactory>
{
    private const string Payloads = "'; DROP TABLE Entries; -- <script>alert(1)</script><img src=x onerror=alert(1)> 🎬🏆 \u202Eexe.txt عربي";

    private async Task<string> SnapshotAsync() => await app.DbAsync(async db =>
    {
        var sb = new StringBuilder();
        foreach (var e in await db.Entries.AsNoTracking().OrderBy(e => e.Id).ToListAsync())
            sb.Append($"{e.Id}|{e.State}|{e.Title}|{e.Body.GetHashCode()}|{e.AttachmentBlob}|{e.FilmBlob}|{e.FilmStatus}|{e.Version}\n");
        foreach (var a in await db.Assignments.AsNoTracking().OrderBy(a => a.Id).ToListAsync()) sb.Append($"{a.Id}|{a.Total}|{a.Comment}|{a.Version}\n");
        sb.Append($"users {await db.Users.CountAsync()} contests {await db.Contests.CountAsync()} scores {await db.CriterionScores.CountAsync()}\n");
        foreach (var u in await db.Users.AsNoTracking().OrderBy(u => u.Id).ToListAsync()) sb.Append($"{u.Id}|{u.RealName}|{u.Organization}\n");
        foreach (var r in await db.UserRoles.AsNoTracking().OrderBy(r => r.UserId).ThenBy(r => r.RoleId).ToListAsync()) sb.Append($"{r.UserId}|{r.RoleId}\n");
        var blobs = app.Services.GetRequiredService<IBlobStore>();
        await foreach (var (name, modified) in blobs.ListAsync("", default)) sb.Append($"{name}|{modified:O}\n");
        return sb.ToString();
    });

    [Fact]
    public async Task Hostile_inputs_are_refused_the_server_stays_up_and_nothing_changes()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 2, entries: 1, judgesPerEntry: 1);
        var assignment = (await JudgingScenes.OpenAsync(app, scene)).Single();
        var judge = scene.Judges.Single(j => j.Id == assignment.JudgeId);

        var writer = await app.CreateUserAsync(Roles.Entrant);
        var web = Browserless.For(app);
        await web.SignInAsync(writer.Email!, AppFactory.TestPassword);
        var started = await web.PostFormAsync($"/contests/{scene.Contest.Id}", "/entries/new", new Dictionary<string, string> { ["CategoryId"] = scene.Stories.Id.ToString() });
        var entryId = int.Parse(started.Headers.Location!.ToString().Split('/')[2]);
        var editHtml = await web.GetHtmlAsync($"/entries/{entryId}/edit");
        var token = Browserless.AntiforgeryToken(editHtml);
        var judgeWeb = Browserless.For(app);
        await judgeWeb.SignInAsync(judge.Email!, AppFactory.TestPassword);
        var judgeToken = Browserless.AntiforgeryToken(await judgeWeb.GetHtmlAsync($"/judging/assignments/{assignment.Id}"));

        var before = await SnapshotAsync();
        var responses = new List<(string What, HttpResponseMessage Response)>();

        async Task Post(string what, Browserless who, string url, HttpContent content) => responses.Add((what, await who.Client.PostAsync(url, content)));
        FormUrlEncodedContent Form(string t, params (string, string)[] fields) =>
            new(fields.Append(("__RequestVerificationToken", t)).Select(f => new KeyValuePair<string, string>(f.Item1, f.Item2)));
        MultipartFormDataContent File(byte[] bytes, string name) =>
            new() { { new StringContent(token), "__RequestVerificationToken" }, { new ByteArrayContent(bytes), "file", name } };

        // A huge Markdown document, far beyond any category.
        await Post("huge markdown", web, $"/entries/{entryId}/edit", Form(token, ("Version", "0"), ("Title", Payloads), ("Body", new string('质', 300_000)), ("Submit", "false")));
        // Hostile text in every field of a submit that breaks the rules (too short): refused, not stored.
        await Post("payload submit", web, $"/entries/{entryId}/edit", Form(token, ("Version", "0"), ("Title", Payloads), ("Body", Payloads), ("Submit", "true")));
        // A stale version (another tab) with hostile text.
        await Post("stale version", web, $"/entries/{entryId}/edit", Form(token, ("Version", "99"), ("Title", Payloads), ("Body", "x"), ("Submit", "false")));
        // Invalid UTF-8 in a form body.
        var bad = new ByteArrayContent([.. "__RequestVerificationToken="u8, .. Encoding.ASCII.GetBytes(Uri.EscapeDataString(token)), .. "&Version=0&Title="u8, 0xC3, 0x28, 0xFF, 0xFE, .. "&Submit=true"u8]);
        bad.Headers.ContentType = new MediaTypeHeaderValue("application/x-www-form-urlencoded");
        await Post("invalid utf-8", web, $"/entries/{entryId}/edit", bad);
        // Files: a text file named .pdf, a truncated PDF, a zip bomb named .docx, an oversized attachment, an SVG cover.
        await Post("text as pdf", web, $"/entries/{entryId}/files/Attachment", File("not a pdf at all"u8.ToArray(), "story.pdf"));
        await Post("truncated pdf", web, $"/entries/{entryId}/files/Attachment", File("%PD"u8.ToArray(), "story.pdf"));
        await Post("zip bomb", web, $"/entries/{entryId}/files/Attachment", File(ZipBomb(), "story.docx"));
        var oversized = new byte[11 * 1024 * 1024];
        "%PDF-"u8.CopyTo(oversized);
        await Post("oversized pdf", web, $"/entries/{entryId}/files/Attachment", File(oversized, "big.pdf"));
        await Post("svg cover", web, $"/entries/{entryId}/files/Cover", File("<svg onload=alert(1)></svg>"u8.ToArray(), "cover.png"));
        // Out-of-range and negative scores, and a comment far too long.
        await Post("score 11", judgeWeb, $"/judging/assignments/{assignment.Id}", Form(judgeToken, ("Version", "0"), ($"Scores[{await FirstCriterion()}]", "11")));
        await Post("score -5", judgeWeb, $"/judging/assignments/{assignment.Id}", Form(judgeToken, ("Version", "0"), ($"Scores[{await FirstCriterion()}]", "-5")));
        await Post("long comment", judgeWeb, $"/judging/assignments/{assignment.Id}", Form(judgeToken, ("Version", "0"), ("Comment", new string('评', 5000))));
        // Forged roles: an entrant posting the admin's role form, and a forged auth cookie.
        await Post("forged role", web, "/admin/users/role", Form(token, ("UserId", writer.Id), ("Role", Roles.Admin), ("Granted", "true")));
        await Post("forged profile role", web, "/account/profile", Form(token, ("RealName", ""), ("Roles", "Admin"), ("PreferredLanguage", "xx")));
        var forgedCookie = new HttpRequestMessage(HttpMethod.Get, "/admin/users");
        forgedCookie.Headers.Add("Cookie", "bsc.auth=CfDJ8Forged" + new string('A', 200));
        responses.Add(("forged cookie", await app.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = false }).SendAsync(forgedCookie)));
        // A contest whose window closes before it opens, from its own organizer.
        var orgWeb = Browserless.For(app);
        await orgWeb.SignInAsync(scene.Organizer.Email!, AppFactory.TestPassword);
        var orgToken = Browserless.AntiforgeryToken(await orgWeb.GetHtmlAsync("/manage"));
        await Post("window backwards", orgWeb, "/manage/contests/save", Form(orgToken, ("Id", scene.Contest.Id.ToString()), ("Code", scene.Contest.Code),
            ("TitleZh", Payloads), ("OrganizerName", "x"), ("TimeZoneId", "Asia/Shanghai"), ("SubmissionOpensAt", "2027-01-02T00:00"), ("SubmissionClosesAt", "2027-01-01T00:00")));

        foreach (var (what, response) in responses)
        {
            var status = (int)response.StatusCode;
            var refused = status is >= 400 and < 500
                || (status == 302 && response.Headers.Location!.ToString() is var l && (l.Contains("/account/") || l.Contains($"/entries/{entryId}/edit")));
            Assert.True(refused, $"{what}: {status} {response.Headers.Location}");
        }
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/healthz")).StatusCode);
        Assert.Equal(before, await SnapshotAsync());

        // Hostile text that breaks no rule is kept as text and shown escaped, never run.
        var saved = await web.Client.PostAsync($"/entries/{entryId}/edit", Form(token, ("Version", "0"), ("Title", Payloads), ("Body", Payloads), ("Submit", "false")));
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var page = await web.GetHtmlAsync($"/entries/{entryId}/edit");
        Assert.DoesNotContain("<script>alert(1)</script>", page);
        Assert.DoesNotContain("<img src=x onerror", page);
        Assert.Equal(1, await app.DbAsync(db => db.Entries.CountAsync(e => e.Id == entryId)));
    }

    private Task<int> FirstCriterion() => app.DbAsync(db => db.Criteria.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());

    /// <summary>A .docx-shaped zip whose document inflates to 300 MB of zeros.</summary>
    private static byte[] ZipBomb()
    {
        var ms = new MemoryStream();
        using (var zip = new ZipArchive(ms, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var w = new StreamWriter(zip.CreateEntry("[Content_Types].xml").Open())) w.Write("<Types/>");
            using var doc = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            var zeros = new byte[1024 * 1024];
            for (var i = 0; i < 300; i++) doc.Write(zeros);
        }
        return ms.ToArray();
    }
}
