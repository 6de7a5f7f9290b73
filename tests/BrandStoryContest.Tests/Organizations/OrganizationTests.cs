using System.Net;
using BrandStoryContest.Tests.Awards;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Tests.Judging;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Awards;
using BrandStoryContest.Web.Features.Entries;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Features.Organizations;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Organizations;

/// <summary>Units (单位) that send entries for their staff: registration, on-behalf entries, the contact's and the organizer's views, 优秀组织奖.</summary>
public sealed class OrganizationTests(AwardsApp app) : IClassFixture<AwardsApp>
{
    // Real codes from public registers: their check characters are right.
    private const string ValidCode = "91350100M000100Y43", OtherValidCode = "91110000600037341L";

    internal static async Task<int> RegisterAsync(AppFactory app, Account contact, int contestId, string name, string? code = null)
    {
        var registered = await app.SendAsync(contact, new RegisterOrganizationCommand { ContestId = contestId, Name = name, CreditCode = code });
        Assert.True(registered.IsOk, string.Join(" ", registered.Violations.Select(v => v.Key)));
        return registered.Value;
    }

    /// <summary>A draft in the contest's story category, sent on behalf of <paramref name="organizationId"/> when given.</summary>
    internal static async Task<int> DraftAsync(AppFactory app, Account entrant, Contest contest, int? organizationId)
    {
        var stories = contest.Categories.Single(c => c.Kind == CategoryKind.Story);
        var id = (await app.SendAsync(entrant, new StartEntryCommand(stories.Id))).Value;
        if (organizationId is not null) Assert.True((await app.SendAsync(entrant, new SetEntryOrganizationCommand(id, organizationId))).IsOk);
        return id;
    }

    internal static async Task SubmitAsync(AppFactory app, Account entrant, int entryId, string title, string? body = null)
    {
        var version = await app.DbAsync(db => db.Entries.Where(e => e.Id == entryId).Select(e => e.Version).SingleAsync());
        var saved = await app.SendAsync(entrant, new SaveEntryCommand
        {
            EntryId = entryId, Version = version, Title = title, Body = body ?? $"《{title}》讲的是一家老厂三十年如一日守住质量的故事，每一道工序都有人把关。",
            PledgedOriginality = true, DeclaredRights = true, ConsentsToPublication = true, Submit = true,
        });
        Assert.True(saved.IsOk && saved.Value.Submitted, string.Join(" ", saved.Violations.Select(v => v.Key)));
    }

    [Fact]
    public void Credit_codes_are_checked_by_their_check_character()
    {
        Assert.True(CreditCodes.IsValid(ValidCode));
        Assert.True(CreditCodes.IsValid(OtherValidCode));
        Assert.True(CreditCodes.IsValid(CreditCodes.WithCheck("91440300708461136")));
        Assert.False(CreditCodes.IsValid("91350100M000100Y44"));   // wrong check character
        Assert.False(CreditCodes.IsValid("91350100M000100Y4"));    // 17 characters
        Assert.False(CreditCodes.IsValid("91350100O000100Y43"));   // O is not in the code's alphabet
        Assert.False(CreditCodes.IsValid(""));
    }

    [Fact]
    public async Task Registration_checks_name_and_credit_code_and_one_unit_is_registered_once_per_contest()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var contact = await app.CreateUserAsync(Roles.Entrant);
        var id = await RegisterAsync(app, contact, contest.Id, "  江城电器有限公司 ", "91350100m000100y43");
        var stored = await app.DbAsync(db => db.Organizations.AsNoTracking().SingleAsync(o => o.Id == id));
        Assert.Equal(("江城电器有限公司", ValidCode, contact.Id), (stored.Name, stored.CreditCode, stored.ContactId));

        await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(contact, new RegisterOrganizationCommand { ContestId = contest.Id, Name = "海川集团", CreditCode = "91350100M000100Y44" }));
        await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(contact, new RegisterOrganizationCommand { ContestId = contest.Id, Name = " " }));
        await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(contact, new RegisterOrganizationCommand { ContestId = contest.Id, Name = new string('单', 101) }));

        var colleague = await app.CreateUserAsync(Roles.Entrant);
        var sameName = await app.SendAsync(colleague, new RegisterOrganizationCommand { ContestId = contest.Id, Name = "江城电器有限公司" });
        Assert.Equal("Name", sameName.Violations.Single().Field);
        var sameCode = await app.SendAsync(colleague, new RegisterOrganizationCommand { ContestId = contest.Id, Name = "江城电器", CreditCode = ValidCode });
        Assert.Equal("CreditCode", sameCode.Violations.Single().Field);
        // Another contest is another call: the unit registers there again.
        var next = await TestData.ContestAsync(app, organizer);
        await RegisterAsync(app, colleague, next.Id, "江城电器有限公司", ValidCode);
        // A closed call takes no new units.
        var closed = await TestData.ContestAsync(app, organizer, c => { c.SubmissionOpensAt = DateTimeOffset.UtcNow.AddDays(-9); c.SubmissionClosesAt = DateTimeOffset.UtcNow.AddDays(-1); });
        Assert.False((await app.SendAsync(colleague, new RegisterOrganizationCommand { ContestId = closed.Id, Name = "海川集团" })).IsOk);
        Assert.Equal(1, await app.DbAsync(db => db.Organizations.CountAsync(o => o.ContestId == contest.Id)));
    }

    [Fact]
    public async Task Bad_registration_over_http_answers_with_a_message_and_saves_nothing()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var contact = await app.CreateUserAsync(Roles.Entrant);
        var web = Browserless.For(app);
        await web.SignInAsync(contact.Email!, AppFactory.TestPassword);
        var page = await web.GetHtmlAsync("/organizations");
        Assert.Contains("register-organization", page);

        var bad = await web.PostFormAsync("/organizations", "/organizations/register", new Dictionary<string, string>
        {
            ["ContestId"] = contest.Id.ToString(), ["Name"] = "江城电器有限公司", ["CreditCode"] = "12345",
        });
        // Posted without a page to go back to (no referrer): the message alone, with 400.
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("统一社会信用代码为18位", await bad.Content.ReadAsStringAsync());
        Assert.False(await app.DbAsync(db => db.Organizations.AnyAsync(o => o.ContestId == contest.Id)));

        var unknown = await web.PostFormAsync("/organizations", "/organizations/register", new Dictionary<string, string> { ["ContestId"] = "999999", ["Name"] = "江城电器有限公司" });
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);

        var ok = await web.PostFormAsync("/organizations", "/organizations/register", new Dictionary<string, string>
        {
            ["ContestId"] = contest.Id.ToString(), ["Name"] = "江城电器有限公司", ["CreditCode"] = ValidCode,
        });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        Assert.Contains("江城电器有限公司", await web.GetHtmlAsync("/organizations"));
    }

    [Fact]
    public async Task An_entry_sent_on_behalf_of_a_unit_takes_its_name_as_organization_of_record_and_conflicts_follow_it()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 1, entries: 1, judgesPerEntry: 1);
        var contact = await app.CreateUserAsync(Roles.Entrant);
        var unit = await RegisterAsync(app, contact, scene.Contest.Id, "江城电器有限公司");
        var entrant = await app.CreateUserAsync(Roles.Entrant, realName: "王小明", organization: "个人工作室");
        var id = await DraftAsync(app, entrant, scene.Contest, null);

        // The entry page offers the contest's units in its own small form.
        var web = Browserless.For(app);
        await web.SignInAsync(entrant.Email!, AppFactory.TestPassword);
        var edit = await web.GetHtmlAsync($"/entries/{id}/edit");
        Assert.Contains("江城电器有限公司", edit);
        var set = await web.PostFormAsync($"/entries/{id}/edit", $"/entries/{id}/organization", new Dictionary<string, string> { ["OrganizationId"] = unit.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, set.StatusCode);
        Assert.Equal(unit, await app.DbAsync(db => db.Entries.Where(e => e.Id == id).Select(e => e.OrganizationId).SingleAsync()));

        await SubmitAsync(app, entrant, id, "三十年的承诺", "江城电器有限公司的老厂里，每一台产品都经过质检员的手，三十年没有变过。");
        var entry = await app.DbAsync(db => db.Entries.AsNoTracking().SingleAsync(e => e.Id == id));
        Assert.Equal(("王小明", "江城电器有限公司"), (entry.EntrantName, entry.EntrantOrganization));

        // Once submitted the unit is fixed, like the rest of the identity.
        var other = await RegisterAsync(app, contact, scene.Contest.Id, "海川集团");
        var refused = await app.SendAsync(entrant, new SetEntryOrganizationCommand(id, other));
        Assert.Equal("The organization is fixed once the entry is submitted.", refused.Violations.Single().Key);
        Assert.Contains("江城电器有限公司", await web.GetHtmlAsync($"/entries/{id}/edit"));

        // A judge from the unit is in conflict with the entry; one from the entrant's own profile organization is not the point any more.
        var colleague = await app.CreateUserAsync(Roles.Judge, organization: "江城电器有限公司");
        var pairs = await app.DbAsync(db => db.ConflictedPairsAsync(scene.Contest.Id, [id], [colleague.Id, scene.Judges[0].Id], default));
        Assert.Equal([(id, colleague.Id)], pairs);

        // The story names the unit it was sent for: the leak check finds it.
        var report = (await app.SendAsync(scene.Organizer, new BrandStoryContest.Web.Features.Integrity.IntegrityReportQuery(scene.Contest.Id))).Value;
        var leak = Assert.Single(report!.Leaks, l => l.Story.Id == id);
        Assert.Equal("江城电器有限公司", leak.Passages.Single().Term);
    }

    [Fact]
    public async Task An_entrant_can_only_choose_a_unit_of_the_entrys_own_contest()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var elsewhere = await TestData.ContestAsync(app, organizer);
        var contact = await app.CreateUserAsync(Roles.Entrant);
        var foreign = await RegisterAsync(app, contact, elsewhere.Id, "海川集团");
        var entrant = await app.CreateUserAsync(Roles.Entrant);
        var id = await DraftAsync(app, entrant, contest, null);
        var refused = await app.SendAsync(entrant, new SetEntryOrganizationCommand(id, foreign));
        Assert.Equal("Choose one of the organizations registered for this contest.", refused.Violations.Single().Key);
        Assert.Equal("Choose one of the organizations registered for this contest.",
            (await app.SendAsync(entrant, new SetEntryOrganizationCommand(id, 999_999))).Violations.Single().Key);
        // Someone else's draft is not found.
        Assert.Equal(BrandStoryContest.Web.Infrastructure.Results.Outcome.NotFound, (await app.SendAsync(contact, new SetEntryOrganizationCommand(id, null))).Outcome);
        Assert.Null(await app.DbAsync(db => db.Entries.Where(e => e.Id == id).Select(e => e.OrganizationId).SingleAsync()));
    }

    [Fact]
    public async Task The_organizer_sees_started_submitted_and_awarded_per_unit_most_submissions_first()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var contactA = await app.CreateUserAsync(Roles.Entrant);
        var contactB = await app.CreateUserAsync(Roles.Entrant);
        var a = await RegisterAsync(app, contactA, contest.Id, "甲单位");
        var b = await RegisterAsync(app, contactB, contest.Id, "乙单位");
        // A: 3 started, 2 submitted (one of them awarded). B: 2 started, 1 submitted then withdrawn... and 1 submitted.
        var staff = new List<Account>();
        for (var i = 0; i < 5; i++) staff.Add(await app.CreateUserAsync(Roles.Entrant));
        var a1 = await DraftAsync(app, staff[0], contest, a);
        var a2 = await DraftAsync(app, staff[1], contest, a);
        await DraftAsync(app, staff[2], contest, a);
        var b1 = await DraftAsync(app, staff[3], contest, b);
        var b2 = await DraftAsync(app, staff[4], contest, b);
        await DraftAsync(app, staff[4], contest, null);
        await SubmitAsync(app, staff[0], a1, "甲之一");
        await SubmitAsync(app, staff[1], a2, "甲之二");
        await SubmitAsync(app, staff[3], b1, "乙之一");
        await SubmitAsync(app, staff[4], b2, "乙之二");
        Assert.True((await app.SendAsync(staff[4], new WithdrawEntryCommand(b2))).IsOk);
        Assert.True((await app.SendAsync(organizer, new EnsureAwardTiersCommand(contest.Id))).IsOk);
        var storiesId = contest.Categories.Single(c => c.Kind == CategoryKind.Story).Id;
        await app.DbAsync(async db =>
        {
            var tier = await db.AwardTiers.FirstAsync(t => t.CategoryId == storiesId);
            db.Awards.Add(new Award { CategoryId = tier.CategoryId, EntryId = a2, TierId = tier.Id, CreatedAt = DateTimeOffset.UtcNow });
            return await db.SaveChangesAsync();
        });

        var view = await app.SendAsync(organizer, new ContestOrganizationsQuery(contest.Id, new BrandStoryContest.Web.Infrastructure.Web.PageRequest()));
        Assert.True(view.IsOk);
        Assert.Equal([("甲单位", 3, 2, 1), ("乙单位", 2, 1, 0)], view.Value.Organizations.Items.Select(o => (o.Name, o.Started, o.Submitted, o.Awarded)));

        // One per page: the pager holds the second unit.
        var second = await app.SendAsync(organizer, new ContestOrganizationsQuery(contest.Id, new BrandStoryContest.Web.Infrastructure.Web.PageRequest(2, 1)));
        Assert.Equal(("乙单位", 2), (second.Value.Organizations.Items.Single().Name, second.Value.Organizations.Info.Total));

        var web = Browserless.For(app);
        await web.SignInAsync(organizer.Email!, AppFactory.TestPassword);
        var html = await web.GetHtmlAsync($"/manage/contests/{contest.Id}/organizations");
        Assert.Contains("甲单位", html);
        Assert.Contains("organization-award-form", html);
        // The organizer's list of a unit's entries leaves drafts out, as every organizer list does.
        var list = await web.GetHtmlAsync($"/manage/organizations/{a}/entries");
        Assert.Contains("甲之一", list);
        Assert.Equal(2, System.Text.RegularExpressions.Regex.Matches(list, "data-entry=").Count);

        // Another organizer does not see this contest's units.
        var stranger = await app.CreateUserAsync(Roles.Organizer);
        Assert.Equal(BrandStoryContest.Web.Infrastructure.Results.Outcome.NotFound,
            (await app.SendAsync(stranger, new ContestOrganizationsQuery(contest.Id, new BrandStoryContest.Web.Infrastructure.Web.PageRequest()))).Outcome);
    }

    [Fact]
    public async Task A_unit_award_gets_its_own_certificate_mail_and_verification_page()
    {
        var scene = await JudgingScenes.FinalizedAsync(app, 9, 5);
        var contact = await app.CreateUserAsync(Roles.Entrant, realName: "联系人赵六");
        var unit = await RegisterAsync(app, contact, scene.Contest.Id, "江城电器有限公司", ValidCode);
        var empty = await RegisterAsync(app, contact, scene.Contest.Id, "海川集团");
        await app.DbAsync(async db =>
        {
            foreach (var e in db.Entries.Where(e => e.ContestId == scene.Contest.Id)) { e.OrganizationId = unit; e.ConsentsToPublication = true; }
            return await db.SaveChangesAsync();
        });
        Assert.True((await app.SendAsync(scene.Organizer, new EnsureAwardTiersCommand(scene.Contest.Id))).IsOk);
        await app.DbAsync(async db =>
        {
            foreach (var t in db.AwardTiers.Where(x => x.CategoryId == scene.Stories.Id)) t.Quota = t.Order == 1 ? 1 : 0;
            return await db.SaveChangesAsync();
        });
        Assert.True((await app.SendAsync(scene.Organizer, new ProposeAwardsCommand(scene.Stories.Id))).IsOk);

        // Bad input is refused with a message and changes nothing.
        await Assert.ThrowsAsync<ValidationException>(() => app.SendAsync(scene.Organizer, new GiveOrganizationAwardCommand { OrganizationId = unit, NameZh = "" }));
        Assert.Equal("Only an organization with submitted entries can be given an award.",
            (await app.SendAsync(scene.Organizer, new GiveOrganizationAwardCommand { OrganizationId = empty })).Violations.Single().Key);
        var stranger = await app.CreateUserAsync(Roles.Organizer);
        Assert.Equal(BrandStoryContest.Web.Infrastructure.Results.Outcome.NotFound,
            (await app.SendAsync(stranger, new GiveOrganizationAwardCommand { OrganizationId = unit })).Outcome);
        Assert.False(await app.DbAsync(db => db.OrganizationAwards.AnyAsync(a => a.ContestId == scene.Contest.Id)));

        var organizerWeb = Browserless.For(app);
        await organizerWeb.SignInAsync(scene.Organizer.Email!, AppFactory.TestPassword);
        var given = await organizerWeb.PostFormAsync($"/manage/contests/{scene.Contest.Id}/organizations", $"/manage/organizations/{unit}/awards",
            new Dictionary<string, string> { ["NameZh"] = "优秀组织奖", ["NameEn"] = "Best Organizer Award", ["Reason"] = "报送踊跃" });
        Assert.Equal(HttpStatusCode.Redirect, given.StatusCode);
        Assert.Equal("This organization already has this award.",
            (await app.SendAsync(scene.Organizer, new GiveOrganizationAwardCommand { OrganizationId = unit })).Violations.Single().Key);

        // Before publication the contact sees no award yet.
        var contactWeb = Browserless.For(app);
        await contactWeb.SignInAsync(contact.Email!, AppFactory.TestPassword);
        Assert.DoesNotContain("优秀组织奖", await contactWeb.GetHtmlAsync("/organizations"));

        Assert.True((await app.SendAsync(scene.Organizer, new PublishResultsCommand(scene.Contest.Id))).IsOk);
        var mail = await app.DbAsync(db => db.Outbox.SingleAsync(m => m.Kind == "OrganizationAward" && m.RecipientId == contact.Id && m.ContestId == scene.Contest.Id));
        Assert.Contains("江城电器有限公司", mail.Text);
        Assert.Contains("优秀组织奖", mail.Text);
        Assert.Equal("Results are published; awards can no longer change.",
            (await app.SendAsync(scene.Organizer, new GiveOrganizationAwardCommand { OrganizationId = unit, Remove = true, NameZh = "优秀组织奖" })).Violations.Single().Key);

        // Issued with the entries' certificates, in one job.
        var job = await app.SendAsync(scene.Organizer, new IssueCertificatesCommand(scene.Contest.Id));
        Assert.True(job.IsOk);
        var progress = await Eventually.Async(() => app.SendAsync(scene.Organizer, new CertificateProgressQuery(scene.Contest.Id)),
            p => p.Value.State is "Done" or "Failed", TimeSpan.FromSeconds(60), "the certificate job finishes");
        Assert.Equal(("Done", 2, 2), (progress.Value.State, progress.Value.Total, progress.Value.Done));
        var award = await app.DbAsync(db => db.OrganizationAwards.AsNoTracking().SingleAsync(a => a.OrganizationId == unit));
        Assert.Matches("^BSC-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$", award.CertificateNumber!);

        Assert.Contains(award.CertificateNumber!, await contactWeb.GetHtmlAsync("/organizations"));
        var pdf = await contactWeb.Client.GetByteArrayAsync($"/certificates/{award.CertificateNumber}.pdf");
        var path = Path.Combine(Directory.CreateTempSubdirectory("bsc-org-cert-").FullName, "c.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        var text = Cli.Run("pdftotext", "-enc", "UTF-8", path, "-");
        Assert.Contains("江城电器有限公司", text);
        Assert.Contains("优秀组织奖", text);
        Assert.Contains(award.CertificateNumber!, text);

        // An entrant of the contest who is not the contact gets "not found".
        var entrantWeb = Browserless.For(app);
        await entrantWeb.SignInAsync(scene.Entrants[0].Email!, AppFactory.TestPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await entrantWeb.Client.GetAsync($"/certificates/{award.CertificateNumber}.pdf")).StatusCode);

        // The organizer's ZIP holds it beside the entry's certificate.
        var zipBytes = await organizerWeb.Client.GetByteArrayAsync($"/manage/contests/{scene.Contest.Id}/certificates.zip");
        using (var zip = new System.IO.Compression.ZipArchive(new MemoryStream(zipBytes)))
        {
            Assert.Equal(2, zip.Entries.Count);
            Assert.Contains(zip.Entries, e => e.Name == $"organization-{award.CertificateNumber}.pdf");
        }

        var verify = await Browserless.For(app).GetHtmlAsync($"/certificates/verify/{award.CertificateNumber}");
        Assert.Contains("data-status=\"valid\"", verify);
        Assert.Contains("江城电器有限公司", verify);
        Assert.Contains("优秀组织奖", verify);

        // Issuing again keeps the number.
        Assert.True((await app.SendAsync(scene.Organizer, new IssueCertificatesCommand(scene.Contest.Id))).IsOk);
        await Eventually.Async(() => app.SendAsync(scene.Organizer, new CertificateProgressQuery(scene.Contest.Id)),
            p => p.Value.State is "Done" or "Failed", TimeSpan.FromSeconds(60), "the second certificate job finishes");
        Assert.Equal(award.CertificateNumber, await app.DbAsync(db => db.OrganizationAwards.Where(a => a.OrganizationId == unit).Select(a => a.CertificateNumber).SingleAsync()));
    }
}
