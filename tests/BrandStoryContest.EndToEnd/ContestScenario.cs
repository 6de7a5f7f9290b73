using System.Text.RegularExpressions;
using BrandStoryContest.EndToEnd.Infrastructure;
using BrandStoryContest.Web.Domain;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace BrandStoryContest.EndToEnd;

/// <summary>
/// The whole contest in a real browser, as one ordered scenario: each step is a method that continues from
/// the state the previous ones left (pages, contest, entries) and ends with a screenshot. Later stages
/// (judging, awards) are added as further steps at the end of the list.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed partial class ContestScenario(BrowserFixture fx) : IAsyncLifetime
{
    // The story is typed in two parts; the live count must follow both. Hand-counted: 20 + 24.
    private const string StoryStart = "江城电器三十年如一日，坚持“质量第一”。";
    private const string StoryEnd = "每台产品都经过ISO 9001检验——这就是我们的品牌故事！";

    private readonly string code = "E2E" + Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
    private readonly string title = "品质之城品牌故事大赛" + Guid.NewGuid().ToString("N")[..4];
    private readonly string files = Directory.CreateTempSubdirectory("bsc-e2e-files-").FullName;
    private IPage organizer = null!, writer = null!, filmmaker = null!;
    private readonly List<IPage> judges = [];
    private readonly List<int> roundIds = [];
    private IPage? watchedBy;
    private DateTime closesAt;
    private int contestId;

    [Fact]
    public async Task An_organizer_opens_a_contest_and_entrants_submit_a_story_and_a_film()
    {
        await using var steps = new Steps(fx, nameof(ContestScenario));
        await steps.RunAsync("organizer-signs-in", OrganizerSignsIn);
        await steps.RunAsync("organizer-creates-contest", OrganizerCreatesContest);
        await steps.RunAsync("organizer-adds-story-category", OrganizerAddsStoryCategory);
        await steps.RunAsync("organizer-adds-film-category", OrganizerAddsFilmCategory);
        await steps.RunAsync("contest-page-shows-window", ContestPageShowsWindow);
        await steps.RunAsync("writer-registers-and-confirms", WriterRegistersAndConfirms);
        await steps.RunAsync("writer-types-story-with-live-count", WriterTypesStoryWithLiveCount);
        await steps.RunAsync("phone-story-form", PhoneStoryForm);
        await steps.RunAsync("writer-submits-story", WriterSubmitsStory);
        await steps.RunAsync("filmmaker-registers-and-confirms", FilmmakerRegistersAndConfirms);
        await steps.RunAsync("filmmaker-uploads-film", FilmmakerUploadsFilm);
        await steps.RunAsync("filmmaker-submits-film", FilmmakerSubmitsFilm);
        await steps.RunAsync("fake-video-is-refused", FakeVideoIsRefused);
        await steps.RunAsync("organizer-sees-both-entries", OrganizerSeesBothEntries);
        await steps.RunAsync("organizer-invites-three-judges", OrganizerInvitesThreeJudges);
        await steps.RunAsync("organizer-closes-submissions", OrganizerClosesSubmissions);
        await steps.RunAsync("organizer-builds-panels-and-opens-round-1", OrganizerBuildsPanelsAndOpensRoundOne);
        await steps.RunAsync("judges-score-blind", JudgesScoreBlind);
        await steps.RunAsync("phone-judge-scores-a-film-with-notes", PhoneJudgeScoresAFilmWithNotes);
        await steps.RunAsync("phone-public-vote", PhonePublicVote);
        await steps.RunAsync("organizer-closes-round-and-reviews-ranking", OrganizerClosesRoundAndReviewsRanking);
        await steps.RunAsync("organizer-proposes-awards-and-opens-notice", OrganizerProposesAwardsAndOpensNotice);
        await steps.RunAsync("filmmaker-objects-on-the-public-notice", FilmmakerObjectsOnThePublicNotice);
        await steps.RunAsync("organizer-dismisses-the-objection", OrganizerDismissesTheObjection);
        await steps.RunAsync("writer-sees-the-objection-and-decision", WriterSeesTheObjectionAndDecision);
        await steps.RunAsync("notice-ends-and-organizer-publishes-final-results", NoticeEndsAndOrganizerPublishesFinalResults);
        await steps.RunAsync("phone-gallery", PhoneGallery);
        await steps.RunAsync("organizer-generates-certificates", OrganizerGeneratesCertificates);
        await steps.RunAsync("winner-downloads-certificate", WinnerDownloadsCertificate);
        await steps.RunAsync("anyone-verifies-certificate", AnyoneVerifiesCertificate);
    }

    private async Task<IPage> OrganizerSignsIn()
    {
        organizer = await fx.NewPersonAsync();
        await Site.SignInAsync(organizer, fx.OrganizerEmail, BrowserFixture.Password);
        await Expect(organizer.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "管理", Exact = true })).ToBeVisibleAsync();
        return organizer;
    }

    private async Task<IPage> OrganizerCreatesContest()
    {
        // Open from an hour ago (Shanghai wall clock) until a few days from now.
        var now = Site.NowInShanghai();
        closesAt = new DateTime(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0).AddDays(3);
        contestId = await Site.CreateContestAsync(organizer,
            new Site.ContestInput(code, title, "Quality City brand stories", "品质之城质量协会", now.AddHours(-1), closesAt));
        return organizer;
    }

    private async Task<IPage> OrganizerAddsStoryCategory()
    {
        await Site.AddCategoryAsync(organizer, contestId, "Story", "品牌故事征文", new Dictionary<string, string>
        {
            ["NameEn"] = "Brand story essay", ["MinLength"] = "20", ["MaxLength"] = "300",
        });
        return organizer;
    }

    private async Task<IPage> OrganizerAddsFilmCategory()
    {
        // Two films per entrant: the second draft receives the fake video.
        await Site.AddCategoryAsync(organizer, contestId, "Film", "品牌微电影", new Dictionary<string, string>
        {
            ["NameEn"] = "Brand micro-film", ["MaxEntriesPerEntrant"] = "2", ["MinDurationSeconds"] = "1", ["MaxDurationSeconds"] = "10",
            ["MinWidth"] = "320", ["MinHeight"] = "240", ["AllowedContainers"] = "mp4,mov", ["MaxFileMb"] = "20",
        });
        await Expect(organizer.Locator("#category-counts tbody tr")).ToHaveCountAsync(2);
        return organizer;
    }

    private async Task<IPage> ContestPageShowsWindow()
    {
        await organizer.GotoAsync($"/contests/{contestId}");
        await Expect(organizer.Locator("main")).ToContainTextAsync("征集中");
        await Expect(organizer.Locator("main")).ToContainTextAsync(Site.ShownInShanghai(closesAt));
        await Expect(organizer.Locator("main")).ToContainTextAsync("字数：20–300字");
        await Expect(organizer.Locator("main")).ToContainTextAsync("分辨率不低于320×240");
        return organizer;
    }

    private async Task<IPage> WriterRegistersAndConfirms()
    {
        writer = await fx.NewPersonAsync();
        await Site.RegisterConfirmAndSignInAsync(fx.Mail, writer, $"writer-{code.ToLowerInvariant()}@e2e.local", "张晓雨", fx.App.BaseUrl);
        await Expect(writer.Locator("nav.navbar")).ToContainTextAsync("我的作品");
        return writer;
    }

    private async Task<IPage> WriterTypesStoryWithLiveCount()
    {
        await Site.StartEntryAsync(writer, title, "撰写征文");
        var count = writer.Locator("#body-count");
        await Expect(count).ToHaveAttributeAsync("data-count", "0");
        await writer.Locator("#Title").FillAsync("三十年的承诺");

        await writer.Locator("#Body").FillAsync(StoryStart);
        Assert.Equal(20, StoryText.Length(StoryStart));
        await Expect(count).ToHaveAttributeAsync("data-count", "20");
        await Expect(count).ToContainTextAsync("20");

        // Typed key by key, as a person would: the count follows every keystroke.
        await writer.Locator("#Body").PressSequentiallyAsync(StoryEnd);
        var expected = StoryText.Length(StoryStart + StoryEnd);
        Assert.Equal(44, expected);
        await Expect(count).ToHaveAttributeAsync("data-count", expected.ToString());
        await Expect(count).ToContainTextAsync(expected.ToString());
        await Expect(count).ToHaveClassAsync(new Regex("text-success"));
        return writer;
    }

    private async Task<IPage> WriterSubmitsStory()
    {
        await writer.Locator("#PledgedOriginality").CheckAsync();
        await writer.Locator("#DeclaredRights").CheckAsync();
        await writer.Locator("#ConsentsToPublication").CheckAsync();
        await writer.Locator("#submit-entry").ClickAsync();
        await Expect(writer.Locator("#receipt-ok")).ToBeVisibleAsync();
        await Expect(writer.Locator("#entry-number")).ToHaveTextAsync(new Regex("^[A-Z0-9]+-S-0001$"));
        await Expect(writer.Locator("#entry-number")).ToHaveTextAsync($"{code}-S-0001");
        await Expect(writer.Locator(".receipt")).ToContainTextAsync("44");
        await Expect(writer.Locator(".story-body")).ToContainTextAsync("ISO 9001");
        return writer;
    }

    private async Task<IPage> FilmmakerRegistersAndConfirms()
    {
        filmmaker = await fx.NewPersonAsync();
        await Site.RegisterConfirmAndSignInAsync(fx.Mail, filmmaker, $"filmmaker-{code.ToLowerInvariant()}@e2e.local", "李光影", fx.App.BaseUrl);
        return filmmaker;
    }

    private async Task<IPage> FilmmakerUploadsFilm()
    {
        var clip = await Site.MakeClipAsync(files);
        await Site.StartEntryAsync(filmmaker, title, "提交微电影");
        await filmmaker.SetViewportSizeAsync(Phone.Width, Phone.Height); // the film form and its upload on a phone
        await filmmaker.Locator("#Title").FillAsync("一根丝线的旅程");
        await filmmaker.Locator("#Synopsis").FillAsync("从蚕茧到成衣，一家老丝绸厂的三代人讲述他们对品质的坚持。");
        await filmmaker.Locator("#film-file").SetInputFilesAsync(clip);
        await filmmaker.Locator("#film-upload").ClickAsync();

        var progress = filmmaker.Locator("#film-progress");
        await Expect(progress).ToBeVisibleAsync();
        await Expect(progress).ToHaveAttributeAsync("aria-valuenow", "100");
        // The real worker probes the film with ffprobe and cuts the poster with ffmpeg; the page polls.
        await Expect(filmmaker.Locator("#film-status")).ToHaveAttributeAsync("data-status", "Ready",
            new LocatorAssertionsToHaveAttributeOptions { Timeout = 60_000 });
        await Expect(filmmaker.Locator("#film-poster")).ToBeVisibleAsync();
        await filmmaker.WaitForFunctionAsync("() => { const p = document.getElementById('film-poster'); return p.complete && p.naturalWidth > 0; }");
        Assert.True(await filmmaker.Locator("#film-poster").EvaluateAsync<int>("p => p.naturalWidth") > 0);
        await Expect(filmmaker.Locator("#film-error")).ToBeEmptyAsync();
        await Phone.AssertFitsAsync(fx, filmmaker, "film-form-and-upload");
        await filmmaker.SetViewportSizeAsync(1280, 900);
        return filmmaker;
    }

    private async Task<IPage> FilmmakerSubmitsFilm()
    {
        // The same page, without a reload: what a person does once the film is ready.
        await filmmaker.Locator("#PledgedOriginality").CheckAsync();
        await filmmaker.Locator("#DeclaredRights").CheckAsync();
        await filmmaker.Locator("#submit-entry").ClickAsync();
        await Expect(filmmaker.Locator("#receipt-ok")).ToBeVisibleAsync();
        await Expect(filmmaker.Locator("#entry-number")).ToHaveTextAsync(new Regex("^[A-Z0-9]+-F-0001$"));
        await Expect(filmmaker.Locator("#entry-number")).ToHaveTextAsync($"{code}-F-0001");
        return filmmaker;
    }

    private async Task<IPage> FakeVideoIsRefused()
    {
        var fake = Path.Combine(files, "fake.mp4");
        await File.WriteAllTextAsync(fake, "这不是视频，只是一段改了扩展名的文字。This is not a video.\n");
        await Site.StartEntryAsync(filmmaker, title, "提交微电影");
        await filmmaker.Locator("#film-file").SetInputFilesAsync(fake);
        await filmmaker.Locator("#film-upload").ClickAsync();
        await Expect(filmmaker.Locator("#film-error")).ToContainTextAsync("该文件不是视频");
        await Expect(filmmaker.Locator("#film-status")).ToHaveAttributeAsync("data-status", "None");
        await Expect(filmmaker.Locator("#film-upload")).ToBeEnabledAsync();
        return filmmaker;
    }

    private async Task<IPage> OrganizerSeesBothEntries()
    {
        await organizer.GotoAsync($"/manage/contests/{contestId}");
        await Expect(organizer.Locator("#entry-total")).ToHaveTextAsync("2");
        await Expect(organizer.Locator("#entries")).ToContainTextAsync($"{code}-S-0001");
        await Expect(organizer.Locator("#entries")).ToContainTextAsync("张晓雨");
        await Expect(organizer.Locator("#entries")).ToContainTextAsync($"{code}-F-0001");
        await Expect(organizer.Locator("#entries")).ToContainTextAsync("李光影");
        return organizer;
    }

    private async Task<IPage> OrganizerInvitesThreeJudges()
    {
        string[] names = ["王建国", "陈思远", "Emily Carter"];
        for (var i = 0; i < names.Length; i++)
        {
            var email = $"judge{i + 1}-{code.ToLowerInvariant()}@e2e.local";
            await organizer.GotoAsync($"/contests/{contestId}");
            await organizer.Locator("#invite-email").FillAsync(email);
            await organizer.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "邀请评委" }).ClickAsync();
            var judge = await fx.NewPersonAsync();
            await Site.RegisterConfirmAndSignInAsync(fx.Mail, judge, email, names[i], fx.App.BaseUrl);
            var invitation = await Site.LinkFromMailAsync(fx.Mail, email, "/judges/accept?");
            await judge.GotoAsync(invitation);
            await judge.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "接受邀请" }).ClickAsync();
            await Expect(judge.Locator("nav.navbar")).ToContainTextAsync("评审");
            judges.Add(judge);
        }
        await organizer.GotoAsync($"/contests/{contestId}");
        foreach (var name in names) await Expect(organizer.Locator("main")).ToContainTextAsync(name);
        return organizer;
    }

    private async Task<IPage> OrganizerClosesSubmissions()
    {
        await organizer.GotoAsync($"/manage/contests/{contestId}/edit");
        await organizer.Locator("#SubmissionClosesAt").FillAsync(Site.LocalInput(Site.NowInShanghai().AddMinutes(-1)));
        await organizer.Locator("#contest-form button[type=submit]").ClickAsync();
        await organizer.GotoAsync($"/contests/{contestId}");
        await Expect(organizer.Locator("main")).ToContainTextAsync("已截止投稿");
        return organizer;
    }

    private async Task<IPage> OrganizerBuildsPanelsAndOpensRoundOne()
    {
        await organizer.GotoAsync($"/manage/contests/{contestId}");
        var categoryLinks = await organizer.Locator("#category-counts a[href$='/judging']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.Equal(2, categoryLinks.Length);
        foreach (var link in categoryLinks)
        {
            await organizer.GotoAsync(link);
            foreach (var box in await organizer.Locator("#panel-form input[type=checkbox]").AllAsync()) await box.CheckAsync();
            await organizer.Locator("#save-panel").ClickAsync();
            await organizer.Locator("#new-round").ClickAsync();
            await organizer.Locator("#round-form button[type=submit]").ClickAsync();
            await Expect(organizer).ToHaveURLAsync(new Regex(@"/manage/rounds/\d+$"));
            roundIds.Add(int.Parse(organizer.Url.Split('/')[^1]));
            await organizer.Locator("#auto-assign").ClickAsync();
            await Expect(organizer.Locator("#judge-progress li")).ToHaveCountAsync(3);
            await organizer.Locator("#state-Open").ClickAsync();
            await Expect(organizer.Locator("#round-state")).ToHaveTextAsync("进行中");
        }
        return organizer;
    }

    private async Task<IPage> JudgesScoreBlind()
    {
        string[] authors = ["张晓雨", "李光影", $"writer-{code.ToLowerInvariant()}@e2e.local", $"filmmaker-{code.ToLowerInvariant()}@e2e.local"];
        for (var j = 0; j < judges.Count; j++)
        {
            var judge = judges[j];
            await judge.GotoAsync("/judging");
            var sheets = await judge.Locator("a.assignment-link").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
            Assert.Equal(2, sheets.Length); // one story and one film, each to all three judges
            foreach (var author in authors) await Expect(judge.Locator("body")).Not.ToContainTextAsync(author);
            foreach (var sheet in sheets)
            {
                await judge.GotoAsync(sheet);
                if (j == 0 && await judge.Locator("video").CountAsync() > 0)
                {
                    // Play about a second of the generated clip; the page reports what was played.
                    await judge.Locator("video").EvaluateAsync("v => { v.muted = true; return v.play(); }");
                    await judge.WaitForFunctionAsync("() => document.querySelector('video').currentTime > 1");
                    await judge.Locator("video").EvaluateAsync("v => v.pause()");
                    watchedBy = judge;
                }
                foreach (var author in authors) await Expect(judge.Locator("body")).Not.ToContainTextAsync(author);
                Assert.DoesNotContain("张晓雨", await judge.ContentAsync());
                Assert.DoesNotContain("李光影", await judge.ContentAsync());
                var inputs = await judge.Locator("input.criterion").AllAsync();
                Assert.Equal(4, inputs.Count);
                foreach (var input in inputs) await input.FillAsync((6 + j).ToString());
                await judge.Locator("#save-scores").ClickAsync();
                await Expect(judge.Locator("#score-total")).ToHaveTextAsync(((6 + j) * 10.0).ToString("0.0"));
            }
            await judge.GotoAsync("/judging");
            await Expect(judge.Locator(".judge-round .progress-bar").First).ToContainTextAsync("1 / 1");
        }
        return judges[^1];
    }

    private async Task<IPage> OrganizerClosesRoundAndReviewsRanking()
    {
        foreach (var roundId in roundIds)
        {
            await organizer.GotoAsync($"/manage/rounds/{roundId}");
            await organizer.Locator("#state-Closed").ClickAsync();
            await Expect(organizer.Locator("#round-state")).ToHaveTextAsync("已结束");
            await Expect(organizer.Locator("#ranking tbody tr")).ToHaveCountAsync(1);
            // Trimmed mean needs five judges; with three it is the plain mean of 60, 70 and 80.
            await Expect(organizer.Locator("#ranking tbody tr").First).ToContainTextAsync("70.00");
            await organizer.Locator("#state-Finalized").ClickAsync();
            await Expect(organizer.Locator("#round-state")).ToHaveTextAsync("已定稿");
        }
        await Expect(organizer.Locator("#ranking")).ToContainTextAsync("李光影"); // the organizer, not a judge, sees authors
        Assert.NotNull(watchedBy);
        await Expect(organizer.Locator(".evidence").Filter(new LocatorFilterOptions { HasTextRegex = new Regex("已观看影片([1-9]\\d*)%") })).ToHaveCountAsync(1);
        await organizer.GotoAsync($"/manage/contests/{contestId}/dashboard");
        await Expect(organizer.Locator("#dashboard-figures")).ToContainTextAsync("2");
        await Expect(organizer.Locator("svg.chart rect").First).ToBeVisibleAsync();
        return organizer;
    }

    private string certificateNumber = "";

    private async Task<IPage> OrganizerProposesAwardsAndOpensNotice()
    {
        organizer.Dialog += async (_, dialog) => await dialog.AcceptAsync(); // the confirmations of notice and publication
        await organizer.GotoAsync($"/manage/contests/{contestId}/awards");
        for (var i = 0; i < 2; i++)
        {
            await organizer.Locator("form[action$='/awards/propose'] button").Nth(i).ClickAsync();
            await Expect(organizer).ToHaveURLAsync(new Regex($"/manage/contests/{contestId}/awards$"));
        }
        await Expect(organizer.Locator(".category-awards").First).ToContainTextAsync("三十年的承诺");
        // A new contest has a 7-day public notice (公示) before results are final.
        await organizer.Locator("form[action$='/notice/open'] button").ClickAsync();
        await Expect(organizer.Locator("#in-notice")).ToBeVisibleAsync();
        await Expect(organizer.Locator("form[action$='/awards/propose']")).ToHaveCountAsync(0);
        return organizer;
    }

    private async Task<IPage> FilmmakerObjectsOnThePublicNotice()
    {
        await filmmaker.GotoAsync($"/contests/{contestId}/notice");
        var story = filmmaker.Locator(".proposed-winner", new PageLocatorOptions { HasText = "三十年的承诺" });
        await Expect(story).ToContainTextAsync("张晓雨");
        await story.Locator("summary").ClickAsync();
        await story.Locator("textarea[name=reason]").FillAsync("文中“三十年”与企业注册时间不符，请核实。");
        var evidence = Path.Combine(files, "工商登记信息.pdf");
        await File.WriteAllTextAsync(evidence, "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        await story.Locator("input[name=evidence]").SetInputFilesAsync(evidence);
        await story.Locator("button[type=submit]").ClickAsync();
        await Expect(filmmaker.Locator("#my-objections")).ToContainTextAsync("与企业注册时间不符");
        await Expect(filmmaker.Locator("#my-objections .objection-state")).ToHaveTextAsync("待处理");
        return filmmaker;
    }

    private async Task<IPage> OrganizerDismissesTheObjection()
    {
        await organizer.GotoAsync($"/manage/contests/{contestId}/objections");
        var objection = organizer.Locator(".objection").First;
        await Expect(objection).ToContainTextAsync("与企业注册时间不符");
        await Expect(objection).ToContainTextAsync("工商登记信息.pdf");
        await objection.Locator("textarea[name=Decision]").FillAsync("经核查，企业前身创立于1994年，表述属实。");
        await objection.Locator("button[value=false]").ClickAsync();
        await Expect(organizer.Locator(".objection").First).ToHaveAttributeAsync("data-state", "Dismissed");
        return organizer;
    }

    private async Task<IPage> WriterSeesTheObjectionAndDecision()
    {
        await writer.GotoAsync("/entries");
        var shown = writer.Locator(".objection-to-mine");
        await Expect(shown).ToContainTextAsync("与企业注册时间不符");
        await Expect(shown).ToContainTextAsync("表述属实");
        await Expect(shown.Locator(".objection-state")).ToHaveTextAsync("已驳回");
        return writer;
    }

    private async Task<IPage> NoticeEndsAndOrganizerPublishesFinalResults()
    {
        await organizer.GotoAsync($"/manage/contests/{contestId}/awards");
        await organizer.Locator("form[action$='/awards/publish'] button").ClickAsync();
        await Expect(organizer.Locator("#page-error")).ToContainTextAsync("公示期至");
        await TimeTravel.EndNoticePeriodAsync(fx.App.DatabasePath, contestId);
        await organizer.Locator("form[action$='/awards/publish'] button").ClickAsync();
        await Expect(organizer.Locator("#published")).ToBeVisibleAsync();

        var visitor = await fx.NewPersonAsync();
        await visitor.GotoAsync($"/contests/{contestId}/results");
        await Expect(visitor.Locator("main")).ToContainTextAsync("三十年的承诺");
        await Expect(visitor.Locator("main")).ToContainTextAsync("一等奖");
        return visitor;
    }

    private async Task<IPage> OrganizerGeneratesCertificates()
    {
        await organizer.Locator("form[action$='/certificates/issue'] button").ClickAsync();
        // The bulk job runs in the background; the page polls its progress.
        await Expect(organizer.Locator("#certificate-progress")).ToHaveAttributeAsync("data-state", "Done", new LocatorAssertionsToHaveAttributeOptions { Timeout = 60_000 });
        await Expect(organizer.Locator("#certificate-progress .done")).ToHaveTextAsync("2");
        var zip = await organizer.APIRequest.GetAsync($"/manage/contests/{contestId}/certificates.zip");
        Assert.True(zip.Ok);
        using var archive = new System.IO.Compression.ZipArchive(new MemoryStream(await zip.BodyAsync()));
        Assert.Equal(2, archive.Entries.Count(e => e.FullName.EndsWith(".pdf")));
        return organizer;
    }

    private async Task<IPage> WinnerDownloadsCertificate()
    {
        await writer.GotoAsync("/entries");
        var link = writer.Locator(".my-award a[href$='.pdf']");
        await Expect(link).ToBeVisibleAsync();
        var href = (await link.GetAttributeAsync("href"))!;
        certificateNumber = href.Split('/')[^1].Replace(".pdf", "");
        var pdf = await writer.APIRequest.GetAsync(href);
        Assert.True(pdf.Ok);
        var path = Path.Combine(files, "certificate.pdf");
        await File.WriteAllBytesAsync(path, await pdf.BodyAsync());
        var text = await Site.PdfTextAsync(path);
        Assert.Contains("张晓雨", text);
        Assert.Contains("一等奖", text);
        Assert.Contains(certificateNumber, text);
        return writer;
    }

    private async Task<IPage> AnyoneVerifiesCertificate()
    {
        var visitor = await fx.NewPersonAsync();
        await visitor.GotoAsync($"/certificates/verify/{certificateNumber}");
        await Expect(visitor.Locator("#verification")).ToHaveAttributeAsync("data-status", "valid");
        await Expect(visitor.Locator("main")).ToContainTextAsync("张晓雨");
        await Expect(visitor.Locator("main")).ToContainTextAsync("三十年的承诺");
        await visitor.GotoAsync("/certificates/verify/BSC-AAAA-BBBB-CCCC");
        await Expect(visitor.Locator("#verification")).ToHaveAttributeAsync("data-status", "not-found");
        return visitor;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await fx.ClosePeopleAsync();
        try { Directory.Delete(files, recursive: true); } catch (IOException) { }
    }
}
