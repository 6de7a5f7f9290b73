using System.Net;
using BrandStoryContest.Tests.Awards;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Tests.Judging;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Features.Awards;
using BrandStoryContest.Web.Features.Entries;
using BrandStoryContest.Web.Features.Integrity;
using BrandStoryContest.Web.Features.Judging;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Entries;

/// <summary>
/// The entrant's name and organization are copied onto the entry at submission; a later profile edit is audited
/// and changes none of what was decided on that identity: conflicts, the leak check, the certificate, the public verification.
/// </summary>
public sealed class IdentityAtSubmissionTests(AwardsApp app) : IClassFixture<AwardsApp>
{
    private const string OldName = "原名张三", OldOrganization = "江城原单位", NewName = "改名李四", NewOrganization = "海川新单位";

    private async Task<(JudgingScene Scene, Account Entrant, Browserless Web, int EntryId)> SubmittedThenRenamedAsync()
    {
        var scene = await JudgingScenes.CreateAsync(app, judges: 1, entries: 1, judgesPerEntry: 1);
        var entrant = await app.CreateUserAsync(Roles.Entrant, realName: OldName, organization: OldOrganization);
        var started = await app.SendAsync(entrant, new StartEntryCommand(scene.Stories.Id));
        var id = started.Value;
        var saved = await app.SendAsync(entrant, new SaveEntryCommand
        {
            EntryId = id, Version = await app.DbAsync(db => db.Entries.Where(e => e.Id == id).Select(e => e.Version).SingleAsync()),
            Title = "三十年的承诺", Body = $"我叫{OldName}，在工厂做了三十年质检，每一台产品都经过我手。", PledgedOriginality = true, DeclaredRights = true,
            ConsentsToPublication = true, Submit = true,
        });
        Assert.True(saved.Value.Submitted);

        var web = Browserless.For(app);
        await web.SignInAsync(entrant.Email!, AppFactory.TestPassword);
        var edited = await web.PostFormAsync("/account/profile", "/account/profile", new Dictionary<string, string>
        {
            ["RealName"] = NewName, ["Organization"] = NewOrganization, ["Phone"] = "", ["PreferredLanguage"] = "zh-CN",
        });
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        Assert.Equal(NewName, await app.DbAsync(db => db.Users.Where(u => u.Id == entrant.Id).Select(u => u.RealName).SingleAsync()));
        return (scene, entrant, web, id);
    }

    [Fact]
    public async Task A_profile_edit_after_submission_is_audited_and_conflicts_and_the_leak_check_keep_the_submitted_identity()
    {
        var (scene, entrant, _, id) = await SubmittedThenRenamedAsync();
        var entry = await app.DbAsync(db => db.Entries.AsNoTracking().SingleAsync(e => e.Id == id));
        Assert.Equal((OldName, OldOrganization), (entry.EntrantName, entry.EntrantOrganization));

        var audit = await app.DbAsync(db => db.Audit.SingleAsync(a => a.Action == "EditProfile" && a.EntityId == entrant.Id));
        Assert.Contains(OldName, audit.OldValue);
        Assert.Contains(OldOrganization, audit.OldValue);
        Assert.Contains(NewName, audit.NewValue);
        Assert.Contains(NewOrganization, audit.NewValue);

        // A colleague from the organization at submission is still in conflict; one from the new organization is not.
        var colleague = await app.CreateUserAsync(Roles.Judge, organization: OldOrganization);
        var newColleague = await app.CreateUserAsync(Roles.Judge, organization: NewOrganization);
        var pairs = await app.DbAsync(db => db.ConflictedPairsAsync(scene.Contest.Id, [id], [colleague.Id, newColleague.Id], default));
        Assert.Equal([(id, colleague.Id)], pairs);

        // The story names the submitted author, so it still leaks after the rename.
        var report = (await app.SendAsync(scene.Organizer, new IntegrityReportQuery(scene.Contest.Id))).Value;
        var leak = Assert.Single(report!.Leaks, l => l.Story.Id == id);
        Assert.Equal(OldName, leak.Passages.Single().Term);
        Assert.Equal(OldName, leak.Story.EntrantName);
    }

    [Fact]
    public async Task The_certificate_and_the_public_verification_page_name_the_submitted_identity()
    {
        var (scene, entrant, web, id) = await SubmittedThenRenamedAsync();
        foreach (var a in await JudgingScenes.OpenAsync(app, scene))
            Assert.True((await JudgingScenes.ScoreAsync(app, scene.Judges[0], a, a.EntryId == id ? 9 : 5)).IsOk);
        Assert.True((await app.SendAsync(scene.Organizer, new ChangeRoundStateCommand(scene.RoundId, RoundState.Closed))).IsOk);
        Assert.True((await app.SendAsync(scene.Organizer, new ChangeRoundStateCommand(scene.RoundId, RoundState.Finalized))).IsOk);
        Assert.True((await app.SendAsync(scene.Organizer, new EnsureAwardTiersCommand(scene.Contest.Id))).IsOk);
        Assert.True((await app.SendAsync(scene.Organizer, new ProposeAwardsCommand(scene.Stories.Id))).IsOk);
        Assert.True((await app.SendAsync(scene.Organizer, new PublishResultsCommand(scene.Contest.Id))).IsOk);
        Assert.True((await app.SendAsync(scene.Organizer, new IssueCertificatesCommand(scene.Contest.Id))).IsOk);
        var deadline = DateTime.UtcNow.AddMinutes(2);
        string? number = null;
        while (number is null && DateTime.UtcNow < deadline)
        {
            var p = await app.SendAsync(scene.Organizer, new CertificateProgressQuery(scene.Contest.Id));
            if (p.Value.State is "Done" or "Failed") { Assert.Equal("Done", p.Value.State); number = await app.DbAsync(db => db.Certificates.Where(c => c.Award.EntryId == id).Select(c => c.Number).SingleAsync()); }
            else await Task.Delay(50);
        }
        Assert.NotNull(number);

        var pdf = await web.Client.GetByteArrayAsync($"/certificates/{number}.pdf");
        var path = Path.Combine(Directory.CreateTempSubdirectory("bsc-cert-").FullName, "c.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        var text = Cli.Run("pdftotext", "-enc", "UTF-8", path, "-");
        Assert.Contains(OldName, text);
        Assert.DoesNotContain(NewName, text);

        var verify = WebUtility.HtmlDecode(await Browserless.For(app).GetHtmlAsync($"/certificates/verify/{number}"));
        Assert.Contains(OldName, verify);
        Assert.DoesNotContain(NewName, verify);
    }
}
