using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Tests.Judging;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Features.Awards;
using BrandStoryContest.Web.Features.Results;
using BrandStoryContest.Web.Features.Judging;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Tests.Awards;

public sealed class AwardsApp : AppFactory
{
    public const string Origin = "https://verify.example.test";
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["App:PublicUrl"] = Origin, ["Certificates:PollMilliseconds"] = "200",
    };
}

public sealed class AwardsTests(AwardsApp app) : IClassFixture<AwardsApp>
{
    /// <summary>Four stories scored 9, 7, 7, 3 in a finalized round; tiers 1/1/1 so the two 7s tie at the second prize.</summary>
    private async Task<(JudgingScene Scene, List<AwardTier> Tiers)> FinalizedAsync(bool consentAll = true)
    {
        var scene = await JudgingScenes.FinalizedAsync(app, 9, 7, 7, 3);
        Assert.True((await app.SendAsync(scene.Organizer, new EnsureAwardTiersCommand(scene.Contest.Id))).IsOk);
        var tiers = await app.DbAsync(async db =>
        {
            var t = await db.AwardTiers.Where(x => x.CategoryId == scene.Stories.Id).OrderBy(x => x.Order).ToListAsync();
            t[0].Quota = 1; t[1].Quota = 1; t[2].Quota = 1; t[3].Quota = 0;
            if (consentAll) foreach (var e in db.Entries.Where(e => e.ContestId == scene.Contest.Id)) e.ConsentsToPublication = true;
            await db.SaveChangesAsync();
            return t;
        });
        return (scene, tiers);
    }

    private async Task<JudgingScene> PublishedAsync(bool consentAll = true)
    {
        var (scene, tiers) = await FinalizedAsync(consentAll);
        await app.SendAsync(scene.Organizer, new ProposeAwardsCommand(scene.Stories.Id));
        var tie = await app.DbAsync(db => db.AwardTies.SingleAsync(t => t.CategoryId == scene.Stories.Id));
        Assert.True((await app.SendAsync(scene.Organizer, new ResolveTieCommand
        {
            TieId = tie.Id, Reason = "评委会复议", Placement = new() { [scene.Entries[1].Id] = tiers[1].Id, [scene.Entries[2].Id] = tiers[2].Id },
        })).IsOk);
        Assert.True((await app.SendAsync(scene.Organizer, new PublishResultsCommand(scene.Contest.Id))).IsOk);
        return scene;
    }

    [Fact]
    public async Task Proposal_reports_a_tie_at_the_quota_boundary_that_blocks_publishing_until_resolved()
    {
        var (scene, tiers) = await FinalizedAsync();
        var proposal = await app.SendAsync(scene.Organizer, new ProposeAwardsCommand(scene.Stories.Id));
        Assert.True(proposal.IsOk);
        Assert.Equal(1, proposal.Value.Ties);
        var awards = await app.DbAsync(db => db.Awards.Where(a => a.CategoryId == scene.Stories.Id).ToListAsync());
        Assert.Equal(tiers[0].Id, awards.Single(a => a.EntryId == scene.Entries[0].Id).TierId);
        Assert.Equal(tiers[2].Id, awards.Single(a => a.EntryId == scene.Entries[3].Id).TierId);
        Assert.DoesNotContain(awards, a => a.EntryId == scene.Entries[1].Id || a.EntryId == scene.Entries[2].Id);

        var refused = await app.SendAsync(scene.Organizer, new PublishResultsCommand(scene.Contest.Id));
        Assert.Equal("Resolve every tie at a quota boundary before publishing.", refused.Violations.Single().Key);

        var tie = await app.DbAsync(db => db.AwardTies.SingleAsync(t => t.CategoryId == scene.Stories.Id));
        Assert.Equal(new[] { scene.Entries[1].Id, scene.Entries[2].Id }.Order(), tie.EntryIdList.Order());
        Assert.True((await app.SendAsync(scene.Organizer, new ResolveTieCommand
        {
            TieId = tie.Id, Reason = "评委会复议", Placement = new() { [scene.Entries[1].Id] = tiers[1].Id, [scene.Entries[2].Id] = tiers[1].Id },
        })).IsOk);
        Assert.True((await app.SendAsync(scene.Organizer, new PublishResultsCommand(scene.Contest.Id))).IsOk);
    }

    [Fact]
    public async Task Adjusting_an_award_needs_a_reason_and_is_audit_logged_old_to_new()
    {
        var (scene, tiers) = await FinalizedAsync();
        await app.SendAsync(scene.Organizer, new ProposeAwardsCommand(scene.Stories.Id));
        await Assert.ThrowsAsync<FluentValidation.ValidationException>(() => app.SendAsync(scene.Organizer,
            new AdjustAwardCommand { CategoryId = scene.Stories.Id, EntryId = scene.Entries[3].Id, TierId = tiers[1].Id, Reason = "" }));
        Assert.True((await app.SendAsync(scene.Organizer,
            new AdjustAwardCommand { CategoryId = scene.Stories.Id, EntryId = scene.Entries[3].Id, TierId = tiers[1].Id, Reason = "复核加分" })).IsOk);

        var audit = await app.DbAsync(db => db.Audit.SingleAsync(a => a.Action == "AdjustAward" && a.EntityId == scene.Entries[3].Id.ToString()));
        Assert.Equal("三等奖", audit.OldValue);
        Assert.Equal("二等奖", audit.NewValue);
        Assert.Equal("复核加分", audit.Reason);
        Assert.Equal(scene.Organizer.Id, audit.ActorId);

        var stranger = await app.CreateUserAsync(Roles.Organizer);
        Assert.Equal(Outcome.NotFound, (await app.SendAsync(stranger,
            new AdjustAwardCommand { CategoryId = scene.Stories.Id, EntryId = scene.Entries[3].Id, TierId = 0, Reason = "x" })).Outcome);
    }

    [Fact]
    public async Task Publishing_locks_awards_and_notifies_awarded_entrants()
    {
        var scene = await PublishedAsync();
        var adjust = await app.SendAsync(scene.Organizer,
            new AdjustAwardCommand { CategoryId = scene.Stories.Id, EntryId = scene.Entries[3].Id, TierId = 0, Reason = "晚了" });
        Assert.Equal("Results are published; awards can no longer change.", adjust.Violations.Single().Key);
        Assert.Equal(Outcome.Refused, (await app.SendAsync(scene.Organizer, new ProposeAwardsCommand(scene.Stories.Id))).Outcome);

        var mail = await app.DbAsync(db => db.Outbox.Select(o => o.To).ToListAsync());
        foreach (var i in new[] { 0, 1, 2, 3 }) Assert.Contains(scene.Entrants[i].Email, mail);
    }

    [Fact]
    public async Task Results_are_hidden_before_the_announced_time_and_visible_after()
    {
        var (scene, tiers) = await FinalizedAsync();
        await app.SendAsync(scene.Organizer, new ProposeAwardsCommand(scene.Stories.Id));
        var tie = await app.DbAsync(db => db.AwardTies.SingleAsync(t => t.CategoryId == scene.Stories.Id));
        await app.SendAsync(scene.Organizer, new ResolveTieCommand
        {
            TieId = tie.Id, Reason = "r", Placement = new() { [scene.Entries[1].Id] = tiers[1].Id, [scene.Entries[2].Id] = 0 },
        });
        Assert.True((await app.SendAsync(scene.Organizer, new SaveAwardSettingsCommand
        {
            ContestId = scene.Contest.Id, ResultsPublishAt = ContestTime.ToLocal(DateTimeOffset.UtcNow.AddDays(1), scene.Contest.TimeZoneId).DateTime,
        })).IsOk);
        Assert.True((await app.SendAsync(scene.Organizer, new PublishResultsCommand(scene.Contest.Id))).IsOk);

        var web = Browserless.For(app);
        Assert.Equal(HttpStatusCode.NotFound, (await web.Client.GetAsync($"/contests/{scene.Contest.Id}/results")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await web.Client.GetAsync($"/contests/{scene.Contest.Id}/gallery")).StatusCode);

        await app.DbAsync(async db =>
        {
            var c = await db.Contests.SingleAsync(x => x.Id == scene.Contest.Id);
            c.ResultsPublishAt = DateTimeOffset.UtcNow.AddMinutes(-1);
            return await db.SaveChangesAsync();
        });
        var html = await web.GetHtmlAsync($"/contests/{scene.Contest.Id}/results");
        Assert.Contains("一等奖", html);
        Assert.Contains(scene.Entries[0].Title, html);
        Assert.DoesNotContain(scene.Entries[2].Title + "<", html);
    }

    [Fact]
    public async Task Public_pages_and_media_never_show_non_consenting_or_non_awarded_entries()
    {
        var (scene, tiers) = await FinalizedAsync(consentAll: true);
        // Entry 0 (first prize) did not consent; entry 3 gets no award at all.
        await app.DbAsync(async db =>
        {
            (await db.Entries.SingleAsync(e => e.Id == scene.Entries[0].Id)).ConsentsToPublication = false;
            foreach (var e in db.Entries.Where(e => e.ContestId == scene.Contest.Id)) e.CoverBlob = $"covers/{e.Id}.jpg";
            return await db.SaveChangesAsync();
        });
        var blobs = app.Services.GetService(typeof(BrandStoryContest.Web.Infrastructure.Storage.IBlobStore)) as BrandStoryContest.Web.Infrastructure.Storage.IBlobStore;
        foreach (var e in scene.Entries) await blobs!.UploadAsync($"covers/{e.Id}.jpg", new MemoryStream([0xFF, 0xD8, 0xFF, 1]), "image/jpeg", default);
        await app.SendAsync(scene.Organizer, new ProposeAwardsCommand(scene.Stories.Id));
        var tie = await app.DbAsync(db => db.AwardTies.SingleAsync(t => t.CategoryId == scene.Stories.Id));
        await app.SendAsync(scene.Organizer, new ResolveTieCommand
        {
            TieId = tie.Id, Reason = "r", Placement = new() { [scene.Entries[1].Id] = tiers[1].Id, [scene.Entries[2].Id] = tiers[2].Id },
        });
        await app.SendAsync(scene.Organizer, new AdjustAwardCommand { CategoryId = scene.Stories.Id, EntryId = scene.Entries[3].Id, TierId = 0, Reason = "不予获奖" });
        Assert.True((await app.SendAsync(scene.Organizer, new PublishResultsCommand(scene.Contest.Id))).IsOk);

        var anonymous = Browserless.For(app);
        var pages = await anonymous.GetHtmlAsync($"/contests/{scene.Contest.Id}/results") + await anonymous.GetHtmlAsync($"/contests/{scene.Contest.Id}/gallery");
        Assert.Contains(scene.Entries[1].Title, pages);
        Assert.DoesNotContain(scene.Entries[0].Title, pages);
        Assert.DoesNotContain(scene.Entries[3].Title, pages);
        Assert.DoesNotContain(scene.Entrants[0].RealName, pages);

        Assert.Contains(scene.Entries[1].Body, await anonymous.GetHtmlAsync($"/contests/{scene.Contest.Id}/gallery/{scene.Entries[1].Id}"));
        Assert.Equal(HttpStatusCode.OK, (await anonymous.Client.GetAsync($"/media/entries/{scene.Entries[1].Id}/Cover")).StatusCode);
        foreach (var hidden in new[] { scene.Entries[0].Id, scene.Entries[3].Id })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Client.GetAsync($"/contests/{scene.Contest.Id}/gallery/{hidden}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Client.GetAsync($"/media/entries/{hidden}/Cover")).StatusCode);
        }
        // Even a public work never gives out its attachment.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Client.GetAsync($"/media/entries/{scene.Entries[1].Id}/Attachment")).StatusCode);
    }

    private async Task OpenVotingAsync(JudgingScene scene, bool perDay) =>
        await app.DbAsync(async db =>
        {
            var c = await db.Contests.SingleAsync(x => x.Id == scene.Contest.Id);
            c.VotingOpensAt = DateTimeOffset.UtcNow.AddHours(-1);
            c.VotingClosesAt = DateTimeOffset.UtcNow.AddDays(3);
            c.VotePerDay = perDay;
            return await db.SaveChangesAsync();
        });

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_second_vote_by_the_same_user_is_refused(bool perDay)
    {
        var scene = await PublishedAsync();
        await OpenVotingAsync(scene, perDay);
        var voter = await app.CreateUserAsync(Roles.Entrant);
        var first = await app.SendAsync(voter, new LikeGalleryEntryCommand(scene.Contest.Id, scene.Entries[1].Id));
        Assert.True(first.IsOk);
        var second = await app.SendAsync(voter, new LikeGalleryEntryCommand(scene.Contest.Id, scene.Entries[1].Id));
        Assert.Equal(Outcome.Refused, second.Outcome);
        Assert.Equal(perDay ? "You have already liked this entry today." : "You have already liked this entry.", Assert.Single(second.Violations).Key);
        Assert.Equal(1, await app.DbAsync(db => db.Votes.CountAsync(v => v.EntryId == scene.Entries[1].Id && v.RoundId == null)));
    }

    [Fact]
    public async Task Twenty_concurrent_votes_are_counted_exactly()
    {
        var scene = await PublishedAsync();
        await OpenVotingAsync(scene, perDay: false);
        var voters = new List<Account>();
        for (var i = 0; i < 20; i++) voters.Add(await app.CreateUserAsync(Roles.Entrant));
        var results = await Task.WhenAll(voters.Select(v => app.SendAsync(v, new LikeGalleryEntryCommand(scene.Contest.Id, scene.Entries[1].Id))));
        Assert.All(results, r => Assert.True(r.IsOk));
        Assert.Equal(20, await app.DbAsync(db => db.Votes.CountAsync(v => v.EntryId == scene.Entries[1].Id)));
        var html = await Browserless.For(app).GetHtmlAsync($"/contests/{scene.Contest.Id}/gallery/{scene.Entries[1].Id}");
        Assert.Contains("♥ 20", html);
    }

    [Fact]
    public async Task Public_votes_of_a_judging_round_do_not_count_as_popular_choice_likes()
    {
        var scene = await PublishedAsync();
        await OpenVotingAsync(scene, perDay: true);
        var voter = await app.CreateUserAsync(Roles.Entrant);
        // The same person voted for the same entry in the round, today; that vote is not a like.
        await app.DbAsync(db =>
        {
            db.Votes.Add(new Vote { EntryId = scene.Entries[1].Id, ContestId = scene.Contest.Id, RoundId = scene.RoundId, VoterId = voter.Id,
                DayKey = $"r{scene.RoundId}:{Vote.KeyFor(scene.Contest, DateTimeOffset.UtcNow)}", CreatedAt = DateTimeOffset.UtcNow });
            return db.SaveChangesAsync();
        });
        var like = await app.SendAsync(voter, new LikeGalleryEntryCommand(scene.Contest.Id, scene.Entries[1].Id));
        Assert.True(like.IsOk);
        Assert.Equal(1, like.Value);
        Assert.Contains("♥ 1", await Browserless.For(app).GetHtmlAsync($"/contests/{scene.Contest.Id}/gallery/{scene.Entries[1].Id}"));
    }

    [Fact]
    public async Task Voting_over_http_is_once_per_contest_and_needs_sign_in()
    {
        var scene = await PublishedAsync();
        await OpenVotingAsync(scene, perDay: false);
        var voter = await app.CreateUserAsync(Roles.Entrant);
        var web = Browserless.For(app);
        var page = $"/contests/{scene.Contest.Id}/gallery/{scene.Entries[1].Id}";
        Assert.Equal(HttpStatusCode.Redirect, (await web.PostFormAsync("/account/login", page + "/vote", new Dictionary<string, string>())).StatusCode);
        await web.SignInAsync(voter.Email!, AppFactory.TestPassword);
        Assert.Equal(HttpStatusCode.Redirect, (await web.PostFormAsync(page, page + "/vote", new Dictionary<string, string>())).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await web.PostFormAsync(page, page + "/vote", new Dictionary<string, string>())).StatusCode);
        Assert.Equal(1, await app.DbAsync(db => db.Votes.CountAsync(v => v.EntryId == scene.Entries[1].Id)));
    }

    private async Task<List<Certificate>> IssueAllAsync(JudgingScene scene)
    {
        var job = await app.SendAsync(scene.Organizer, new IssueCertificatesCommand(scene.Contest.Id));
        Assert.True(job.IsOk);
        var p = await Eventually.Async(() => app.SendAsync(scene.Organizer, new CertificateProgressQuery(scene.Contest.Id)),
            p => p.Value.State is "Done" or "Failed", TimeSpan.FromSeconds(60), "the certificate job finishes");
        Assert.Equal("Done", p.Value.State);
        Assert.Equal(p.Value.Total, p.Value.Done);
        return await app.DbAsync(db => db.Certificates.Include(c => c.Award).Where(c => c.Award.Entry.ContestId == scene.Contest.Id).ToListAsync());
    }

    [Fact]
    public async Task Certificates_are_generated_in_bulk_verifiable_and_zipped()
    {
        var scene = await PublishedAsync();
        var certificates = await IssueAllAsync(scene);
        Assert.Equal(4, certificates.Count);
        Assert.All(certificates, c => Assert.Matches("^BSC-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$", c.Number));

        var winner = scene.Entrants[0];
        var mine = certificates.Single(c => c.Award.EntryId == scene.Entries[0].Id);
        var web = Browserless.For(app);
        await web.SignInAsync(winner.Email!, AppFactory.TestPassword);
        Assert.Contains(mine.Number, await web.GetHtmlAsync("/entries"));
        var pdf = await web.Client.GetByteArrayAsync($"/certificates/{mine.Number}.pdf");
        var dir = Directory.CreateTempSubdirectory("bsc-cert-").FullName;
        var path = Path.Combine(dir, "c.pdf");
        await File.WriteAllBytesAsync(path, pdf);
        var text = Cli.Run("pdftotext", "-enc", "UTF-8", path, "-");
        Assert.Contains(winner.RealName, text);
        Assert.Contains("一等奖", text);
        Assert.Contains(mine.Number, text);
        Cli.Run("pdftoppm", "-gray", "-r", "40", "-singlefile", path, Path.Combine(dir, "page"));
        var pgm = await File.ReadAllBytesAsync(Path.Combine(dir, "page.pgm"));
        Assert.Contains(pgm[^2000..], b => b < 128 || b > 200);
        Assert.True(pgm.Skip(20).Distinct().Count() > 10, "the page is blank");
        Cli.Run("pdftoppm", "-png", "-r", "150", "-singlefile", path, Path.Combine(dir, "qr"));
        var decoded = Cli.Run("zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", Path.Combine(dir, "qr.png"));
        Assert.Equal($"{AwardsApp.Origin}/certificates/verify/{mine.Number}", decoded.Trim());

        // Someone else's certificate is not found, for another entrant as for the anonymous.
        var other = Browserless.For(app);
        await other.SignInAsync(scene.Entrants[1].Email!, AppFactory.TestPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/certificates/{mine.Number}.pdf")).StatusCode);

        // Regenerating keeps every number.
        var again = await IssueAllAsync(scene);
        Assert.Equal(certificates.Select(c => (c.AwardId, c.Number)).Order(), again.Select(c => (c.AwardId, c.Number)).Order());

        var organizer = Browserless.For(app);
        await organizer.SignInAsync(scene.Organizer.Email!, AppFactory.TestPassword);
        Assert.Contains("certificates.zip", await organizer.GetHtmlAsync($"/manage/contests/{scene.Contest.Id}/awards"));
        var zipBytes = await organizer.Client.GetByteArrayAsync($"/manage/contests/{scene.Contest.Id}/certificates.zip");
        using var zip = new ZipArchive(new MemoryStream(zipBytes));
        Assert.Equal(4, zip.Entries.Count);
        Assert.All(zip.Entries, e => Assert.EndsWith(".pdf", e.Name));
        Assert.Equal(certificates.Select(c => c.Number).Order(), zip.Entries.Select(e => Regex.Match(e.Name, "BSC-[A-Z0-9-]{14}").Value).Order());
        var progress = await organizer.Client.GetStringAsync($"/manage/contests/{scene.Contest.Id}/certificates/progress");
        Assert.Contains("\"done\":4", progress);
    }

    [Fact]
    public async Task Verification_page_shows_valid_unknown_and_revoked_certificates()
    {
        var scene = await PublishedAsync();
        var certificates = await IssueAllAsync(scene);
        var valid = certificates.Single(c => c.Award.EntryId == scene.Entries[0].Id);
        var revoked = certificates.Single(c => c.Award.EntryId == scene.Entries[1].Id);
        Assert.True((await app.SendAsync(scene.Organizer, new RevokeCertificateCommand { Number = revoked.Number, Reason = "作品抄袭" })).IsOk);

        var web = Browserless.For(app);
        var ok = await web.GetHtmlAsync($"/certificates/verify/{valid.Number}");
        Assert.Contains("data-status=\"valid\"", ok);
        Assert.Contains(scene.Entrants[0].RealName, ok);
        Assert.Contains(scene.Entries[0].Title, ok);
        var gone = await web.GetHtmlAsync($"/certificates/verify/{revoked.Number}");
        Assert.Contains("data-status=\"revoked\"", gone);
        Assert.Contains("作品抄袭", gone);
        var unknown = await web.Client.GetAsync("/certificates/verify/BSC-2222-3333-4444");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("data-status=\"not-found\"", await unknown.Content.ReadAsStringAsync());
    }
}
