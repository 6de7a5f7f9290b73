using System.Net;
using BrandStoryContest.Tests.Awards;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Tests.Judging;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Awards;
using BrandStoryContest.Web.Features.Certificates;
using BrandStoryContest.Web.Features.Entries;
using BrandStoryContest.Web.Features.Integrity;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Infrastructure.Results;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Entries;

/// <summary>
/// Co-authors and instructors: the category's limits on adding and on submitting, only the entrant touches the team,
/// every member's organization and linked account counts as a conflict, the leak check looks for every name, judges
/// never see any of them, and certificates carry the whole team in order or one each.
/// </summary>
public sealed class TeamEntryTests(AwardsApp app) : IClassFixture<AwardsApp>
{
    private const string Story = "我们三个人在车间里守了三十年，每一台出厂的产品都经过我们的手，这是我们对质量的承诺。";

    private async Task<(Account Entrant, int EntryId)> DraftAsync(JudgingScene scene, string name = "队长王一", string organization = "江城电器")
    {
        var entrant = await app.CreateUserAsync(Roles.Entrant, realName: name, organization: organization);
        var started = await app.SendAsync(entrant, new StartEntryCommand(scene.Stories.Id));
        Assert.True(started.IsOk);
        return (entrant, started.Value);
    }

    private Task<Result<int>> AddAsync(Account entrant, int entryId, string name, AuthorRole role = AuthorRole.Author, string? organization = null, string? email = null) =>
        app.SendAsync(entrant, new AddEntryAuthorCommand { EntryId = entryId, Name = name, Role = role, Organization = organization, Email = email });

    private async Task<Result<SaveEntryResult>> SubmitAsync(Account entrant, int entryId, string body = Story) =>
        await app.SendAsync(entrant, new SaveEntryCommand
        {
            EntryId = entryId, Version = await app.DbAsync(db => db.Entries.Where(e => e.Id == entryId).Select(e => e.Version).SingleAsync()),
            Title = "车间里的三十年", Body = body, PledgedOriginality = true, DeclaredRights = true, ConsentsToPublication = true, Submit = true,
        });

    private Task<List<EntryAuthor>> AuthorsAsync(int entryId) =>
        app.DbAsync(db => db.EntryAuthors.AsNoTracking().Where(a => a.EntryId == entryId).OrderBy(a => a.Order).ToListAsync());

    [Fact]
    public async Task A_fifth_author_and_a_third_instructor_are_refused_when_added()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 1, entries: 0, judgesPerEntry: 1);
        var (entrant, id) = await DraftAsync(scene);
        foreach (var name in new[] { "合作者甲", "合作者乙", "合作者丙" }) Assert.True((await AddAsync(entrant, id, name)).IsOk);
        var fifth = await AddAsync(entrant, id, "合作者丁");
        Assert.Equal(Outcome.Refused, fifth.Outcome);
        Assert.Equal("This category allows at most {0} authors, you included.", Assert.Single(fifth.Violations).Key);

        foreach (var name in new[] { "指导老师甲", "指导老师乙" }) Assert.True((await AddAsync(entrant, id, name, AuthorRole.Instructor)).IsOk);
        var third = await AddAsync(entrant, id, "指导老师丙", AuthorRole.Instructor);
        Assert.Equal(Outcome.Refused, third.Outcome);
        Assert.Equal("This category allows at most {0} instructors.", Assert.Single(third.Violations).Key);

        var stored = await AuthorsAsync(id);
        Assert.Equal(["合作者甲", "合作者乙", "合作者丙", "指导老师甲", "指导老师乙"], stored.Select(a => a.Name));
    }

    [Fact]
    public async Task Submitting_is_refused_while_the_team_is_over_the_limits_the_organizer_lowered()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 1, entries: 0, judgesPerEntry: 1);
        var (entrant, id) = await DraftAsync(scene);
        foreach (var name in new[] { "合作者甲", "合作者乙", "合作者丙" }) Assert.True((await AddAsync(entrant, id, name)).IsOk);
        foreach (var name in new[] { "指导老师甲", "指导老师乙" }) Assert.True((await AddAsync(entrant, id, name, AuthorRole.Instructor)).IsOk);
        await app.DbAsync(async db =>
        {
            var category = await db.Categories.SingleAsync(c => c.Id == scene.Stories.Id);
            (category.MaxAuthors, category.MaxInstructors) = (3, 1);
            return await db.SaveChangesAsync();
        });

        var refused = await SubmitAsync(entrant, id);
        Assert.Equal(Outcome.Refused, refused.Outcome);
        Assert.Contains(refused.Violations, v => v.Key == "This category allows at most {0} authors, you included." && (int)v.Args[0] == 3);
        Assert.Contains(refused.Violations, v => v.Key == "This category allows at most {0} instructors." && (int)v.Args[0] == 1);
        var entry = await app.DbAsync(db => db.Entries.AsNoTracking().SingleAsync(e => e.Id == id));
        Assert.Equal((EntryState.Draft, (string?)null), (entry.State, entry.Number));

        // Back within the limits, the same entry goes in.
        var authors = await AuthorsAsync(id);
        Assert.True((await app.SendAsync(entrant, new RemoveEntryAuthorCommand(id, authors.First(a => a.Name == "合作者丙").Id))).IsOk);
        Assert.True((await app.SendAsync(entrant, new RemoveEntryAuthorCommand(id, authors.First(a => a.Name == "指导老师乙").Id))).IsOk);
        Assert.True((await SubmitAsync(entrant, id)).Value.Submitted);
    }

    [Fact]
    public async Task Only_the_entrant_changes_the_team_of_their_entry()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 1, entries: 0, judgesPerEntry: 1);
        var (entrant, id) = await DraftAsync(scene);
        var (other, otherId) = await DraftAsync(scene, "别人赵二", "别家单位");
        var mine = (await AddAsync(entrant, id, "合作者甲")).Value;
        var theirs = (await AddAsync(other, otherId, "别人的合作者")).Value;

        Assert.Equal(Outcome.NotFound, (await AddAsync(other, id, "冒名者")).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(other, new RemoveEntryAuthorCommand(id, mine))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(other, new MoveEntryAuthorCommand(id, mine, true))).Outcome);
        // Their own entry id with an author of someone else's entry is no way in either.
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(other, new RemoveEntryAuthorCommand(otherId, mine))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(entrant, new RemoveEntryAuthorCommand(id, theirs))).Outcome);

        // The same over HTTP, with the other entrant's own antiforgery token.
        var web = Browserless.For(app);
        await web.SignInAsync(other.Email!, AppFactory.TestPassword);
        var posted = await web.PostFormAsync($"/entries/{otherId}/edit", $"/entries/{id}/authors", new Dictionary<string, string> { ["Name"] = "冒名者", ["Role"] = "Author" });
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        var removed = await web.PostFormAsync($"/entries/{otherId}/edit", $"/entries/{id}/authors/{mine}/remove", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.NotFound, removed.StatusCode);
        Assert.Equal(["合作者甲"], (await AuthorsAsync(id)).Select(a => a.Name));
        Assert.Equal(["别人的合作者"], (await AuthorsAsync(otherId)).Select(a => a.Name));
    }

    [Fact]
    public async Task Bad_input_on_the_team_form_is_a_400_with_a_message_and_adds_nobody()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 1, entries: 0, judgesPerEntry: 1);
        var (entrant, id) = await DraftAsync(scene);
        var web = Browserless.For(app);
        await web.SignInAsync(entrant.Email!, AppFactory.TestPassword);
        Assert.Contains("id=\"add-author\"", await web.GetHtmlAsync($"/entries/{id}/edit"));
        foreach (var fields in new[]
                 {
                     new Dictionary<string, string> { ["Name"] = "", ["Role"] = "Author" },
                     new Dictionary<string, string> { ["Name"] = new string('名', 51), ["Role"] = "Author" },
                     new Dictionary<string, string> { ["Name"] = "合作者甲", ["Role"] = "Author", ["Email"] = "not-an-address" },
                     new Dictionary<string, string> { ["Name"] = "合作者甲", ["Role"] = "Author", ["Organization"] = new string('单', 101) },
                 })
        {
            var response = await web.PostFormAsync($"/entries/{id}/edit", $"/entries/{id}/authors", fields);
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Matches(@"\p{IsCJKUnifiedIdeographs}", await response.Content.ReadAsStringAsync());
        }
        Assert.Empty(await AuthorsAsync(id));
    }

    [Fact]
    public async Task A_co_authors_organization_or_account_keeps_that_judge_off_the_entry()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 3, entries: 1, judgesPerEntry: 3);
        var entry = scene.Entries[0];
        var entrant = scene.Entrants[0];
        var assignments = await JudgingScenes.OpenAsync(app, scene);
        Assert.Equal(3, assignments.Count);
        var (colleague, coAuthor, free) = (scene.Judges[0], scene.Judges[1], scene.Judges[2]);
        Assert.True(await app.DbAsync(db => db.JudgeSeesEntryAsync(colleague.Id, entry.Id, default)));

        // The submitted entry is still editable: the entrant adds a co-author from the first judge's organization,
        // and the second judge by their account's email.
        Assert.True((await AddAsync(entrant, entry.Id, "合作者甲", organization: " " + colleague.Organization!.ToUpperInvariant() + " ")).IsOk);
        Assert.True((await AddAsync(entrant, entry.Id, "评委本人", email: coAuthor.Email)).IsOk);

        var pairs = await app.DbAsync(db => db.ConflictedPairsAsync(scene.Contest.Id, [entry.Id], scene.Judges.Select(j => j.Id).ToList(), default));
        Assert.Equal([(entry.Id, colleague.Id), (entry.Id, coAuthor.Id)], pairs.OrderBy(p => p.JudgeId == colleague.Id ? 0 : 1));
        // Their assignments no longer open, over HTTP too; the third judge's still does.
        Assert.False(await app.DbAsync(db => db.JudgeSeesEntryAsync(colleague.Id, entry.Id, default)));
        Assert.False(await app.DbAsync(db => db.JudgeSeesEntryAsync(coAuthor.Id, entry.Id, default)));
        Assert.True(await app.DbAsync(db => db.JudgeSeesEntryAsync(free.Id, entry.Id, default)));
        var web = Browserless.For(app);
        await web.SignInAsync(colleague.Email!, AppFactory.TestPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await web.Client.GetAsync($"/judging/assignments/{assignments.Single(a => a.JudgeId == colleague.Id).Id}")).StatusCode);

        // Planning again leaves them out.
        Assert.True((await app.SendAsync(scene.Organizer, new AssignJudgesCommand(scene.RoundId))).IsOk);
        Assert.Equal([free.Id], (await JudgingScenes.AssignmentsAsync(app, scene.RoundId)).Select(a => a.JudgeId));
    }

    [Fact]
    public async Task The_leak_check_flags_a_co_authors_name_and_an_instructors_organization()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 1, entries: 0, judgesPerEntry: 1);
        var (entrant, id) = await DraftAsync(scene);
        Assert.True((await AddAsync(entrant, id, "陈默然", organization: "远山小学")).IsOk);
        Assert.True((await AddAsync(entrant, id, "林老师", AuthorRole.Instructor, organization: "海川电器股份有限公司")).IsOk);
        Assert.True((await SubmitAsync(entrant, id, "那年陈默然刚进厂，海川电器的老师傅手把手教他检验，每一台产品都要过三道关，这就是质量的承诺。")).Value.Submitted);

        var report = (await app.SendAsync(scene.Organizer, new IntegrityReportQuery(scene.Contest.Id))).Value;
        var leak = Assert.Single(report.Leaks, l => l.Story.Id == id);
        Assert.Equal(["陈默然", "海川电器"], leak.Passages.Select(p => p.Term));

        // A redacted copy that still names a co-author is refused; one without any name is kept.
        Assert.Equal(Outcome.Refused, (await app.SendAsync(scene.Organizer, new RedactStoryCommand(id, "那年陈默然刚进厂……"))).Outcome);
        Assert.True((await app.SendAsync(scene.Organizer, new RedactStoryCommand(id, "那年某某刚进厂，某单位的老师傅手把手教他检验。"))).IsOk);
    }

    [Fact]
    public async Task Judges_never_see_the_authors_or_instructors_of_an_entry()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 1, entries: 0, judgesPerEntry: 1);
        var (entrant, id) = await DraftAsync(scene, "队长孙七", "北岸机械");
        Assert.True((await AddAsync(entrant, id, "合作者周八", organization: "南湖设计院")).IsOk);
        Assert.True((await AddAsync(entrant, id, "导师吴九", AuthorRole.Instructor, organization: "西岭大学")).IsOk);
        Assert.True((await SubmitAsync(entrant, id)).Value.Submitted);
        var assignment = Assert.Single(await JudgingScenes.OpenAsync(app, scene));

        var judge = Browserless.For(app);
        await judge.SignInAsync(scene.Judges[0].Email!, AppFactory.TestPassword);
        foreach (var page in new[] { "/judging", $"/judging/assignments/{assignment.Id}" })
        {
            var html = WebUtility.HtmlDecode(await judge.GetHtmlAsync(page));
            if (page != "/judging") Assert.Contains("三十年", html);
            foreach (var name in new[] { "队长孙七", "北岸机械", "合作者周八", "南湖设计院", "导师吴九", "西岭大学" }) Assert.DoesNotContain(name, html);
        }
        var mails = await app.DbAsync(db => db.Outbox.AsNoTracking().Where(m => m.RecipientId == scene.Judges[0].Id).Select(m => m.Text).ToListAsync());
        foreach (var name in new[] { "合作者周八", "南湖设计院", "导师吴九", "西岭大学" }) Assert.DoesNotContain(mails, m => m.Contains(name));
    }

    /// <summary>A team entry (the entrant, two co-authors, the second moved first, and an instructor), judged, awarded and published.</summary>
    private async Task<(JudgingScene Scene, int EntryId, int AwardId, Account ZhangSan)> AwardedTeamAsync()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 1, entries: 0, judgesPerEntry: 1);
        var (entrant, id) = await DraftAsync(scene, "队长王一", "江城电器");
        Assert.True((await AddAsync(entrant, id, "李二")).IsOk);
        // 张三 has an account and confirms.
        var zhang = await app.CreateUserAsync(Roles.Entrant, realName: "张三");
        var moved = (await AddAsync(entrant, id, "张三", email: zhang.Email)).Value;
        var token = await app.DbAsync(db => db.EntryAuthors.Where(a => a.Id == moved).Select(a => a.ConfirmToken).SingleAsync());
        Assert.True((await app.SendAsync(zhang, new ConfirmCoAuthorCommand(token))).IsOk);
        Assert.True((await AddAsync(entrant, id, "刘老师", AuthorRole.Instructor)).IsOk);
        Assert.True((await app.SendAsync(entrant, new MoveEntryAuthorCommand(id, moved, Up: true))).IsOk);
        Assert.True((await SubmitAsync(entrant, id)).Value.Submitted);
        foreach (var a in await JudgingScenes.OpenAsync(app, scene)) Assert.True((await JudgingScenes.ScoreAsync(app, scene.Judges[0], a, 9)).IsOk);
        Assert.True((await app.SendAsync(scene.Organizer, new ChangeRoundStateCommand(scene.RoundId, RoundState.Closed))).IsOk);
        Assert.True((await app.SendAsync(scene.Organizer, new ChangeRoundStateCommand(scene.RoundId, RoundState.Finalized))).IsOk);
        Assert.True((await app.SendAsync(scene.Organizer, new EnsureAwardTiersCommand(scene.Contest.Id))).IsOk);
        Assert.True((await app.SendAsync(scene.Organizer, new ProposeAwardsCommand(scene.Stories.Id))).IsOk);
        var awardId = await app.DbAsync(db => db.Awards.Where(a => a.EntryId == id).Select(a => a.Id).SingleAsync());
        return (scene, id, awardId, zhang);
    }

    private async Task<List<Certificate>> IssueAsync(JudgingScene scene, int awardId)
    {
        Assert.True((await app.SendAsync(scene.Organizer, new PublishResultsCommand(scene.Contest.Id))).IsOk);
        Assert.True((await app.SendAsync(scene.Organizer, new IssueCertificatesCommand(scene.Contest.Id))).IsOk);
        var progress = await Eventually.Async(async () => (await app.SendAsync(scene.Organizer, new CertificateProgressQuery(scene.Contest.Id))).Value.State,
            s => s is "Done" or "Failed", TimeSpan.FromMinutes(2), "the certificate job to finish");
        Assert.Equal("Done", progress);
        return await app.DbAsync(db => db.Certificates.AsNoTracking().Where(c => c.AwardId == awardId).OrderBy(c => c.Holder).ToListAsync());
    }

    private static async Task<string> PdfTextAsync(Browserless web, string number)
    {
        var path = Path.Combine(Directory.CreateTempSubdirectory("bsc-team-").FullName, "c.pdf");
        await File.WriteAllBytesAsync(path, await web.Client.GetByteArrayAsync($"/certificates/{number}.pdf"));
        return Cli.Run("pdftotext", "-enc", "UTF-8", path, "-");
    }

    private static void InOrder(string text, params string[] names)
    {
        var at = names.Select(n => text.IndexOf(n, StringComparison.Ordinal)).ToList();
        Assert.All(at, i => Assert.True(i >= 0, $"missing from: {text}"));
        Assert.Equal(at.Order(), at);
    }

    [Fact]
    public async Task The_team_certificate_carries_every_author_in_order_and_the_verify_page_says_the_same()
    {
        var (scene, _, awardId, zhang) = await AwardedTeamAsync();
        var certificate = Assert.Single(await IssueAsync(scene, awardId));
        // The confirmed co-author downloads the team's certificate; someone else gets "not found".
        Assert.Equal(Outcome.Ok, (await app.SendAsync(zhang, new ReadCertificateQuery(certificate.Number))).Outcome);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(await app.CreateUserAsync(Roles.Entrant), new ReadCertificateQuery(certificate.Number))).Outcome);
        Assert.Equal("队长王一\n张三\n李二\n刘老师（指导老师）", certificate.Names);

        var organizer = Browserless.For(app);
        await organizer.SignInAsync(scene.Organizer.Email!, AppFactory.TestPassword);
        var text = await PdfTextAsync(organizer, certificate.Number);
        InOrder(text, "队长王一", "张三", "李二", "刘老师（指导老师）");

        var verify = WebUtility.HtmlDecode(await Browserless.For(app).GetHtmlAsync($"/certificates/verify/{certificate.Number}"));
        Assert.Contains("队长王一、张三、李二、刘老师（指导老师）", verify);

        // The choice is made before issuing: a printed certificate keeps saying what the verification page says.
        Assert.Equal(Outcome.Refused, (await app.SendAsync(scene.Organizer, new SetCertificateModeCommand(awardId, PerPerson: true))).Outcome);
    }

    [Fact]
    public async Task One_certificate_each_names_only_its_holder_and_the_instructors_says_instructor()
    {
        var (scene, _, awardId, zhang) = await AwardedTeamAsync();
        var stranger = await app.CreateUserAsync(Roles.Organizer);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(stranger, new SetCertificateModeCommand(awardId, PerPerson: true))).Outcome);
        Assert.True((await app.SendAsync(scene.Organizer, new SetCertificateModeCommand(awardId, PerPerson: true))).IsOk);

        var certificates = await IssueAsync(scene, awardId);
        Assert.Equal(4, certificates.Count);
        Assert.Equal(4, certificates.Select(c => c.Number).Distinct().Count());
        var organizer = Browserless.For(app);
        await organizer.SignInAsync(scene.Organizer.Email!, AppFactory.TestPassword);
        Assert.Equal(new[] { "队长王一", "张三", "李二", "刘老师（指导老师）" }.Order(), certificates.Select(c => c.Names!).Order());
        foreach (var c in certificates)
        {
            var text = await PdfTextAsync(organizer, c.Number);
            Assert.Contains(c.Names!, text);
            // The sentence names the work's authors; only the instructor's own certificate names the instructor.
            if (c.Names!.Contains("指导老师")) Assert.Contains("队长王一、张三、李二", text);
            else Assert.DoesNotContain("刘老师", text);
            var verify = WebUtility.HtmlDecode(await Browserless.For(app).GetHtmlAsync($"/certificates/verify/{c.Number}"));
            Assert.Contains($"id=\"certificate-names\">{c.Names}<", verify);
        }
        // A confirmed co-author gets their own certificate, not the others'.
        foreach (var c in certificates)
            Assert.Equal(c.Names == "张三" ? Outcome.Ok : Outcome.NotFound, (await app.SendAsync(zhang, new ReadCertificateQuery(c.Number))).Outcome);
    }
}
