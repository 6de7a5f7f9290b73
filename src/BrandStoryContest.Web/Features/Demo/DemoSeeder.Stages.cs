using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Awards;
using BrandStoryContest.Web.Features.Contests;
using BrandStoryContest.Web.Features.Entries;
using BrandStoryContest.Web.Features.JudgeInvitations;
using BrandStoryContest.Web.Features.Judging;
using BrandStoryContest.Web.Features.Objections;
using BrandStoryContest.Web.Features.PublicVote;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Demo;

public sealed partial class DemoSeeder
{
    private const string Organizer = "organizer@demo.local", Writer = "writer@demo.local", Filmmaker = "filmmaker@demo.local";
    private static readonly string[] Judges = ["judge1@demo.local", "judge2@demo.local", "judge3@demo.local"];

    private const int LastYearStories = 40, LastYearFilms = 12, ThisYearStories = 10;

    // When the seed first ran (the first stage's marker) or runs now: every demo date is placed relative to it,
    // so a restart days later goes on with the same contests.
    private DateTimeOffset now = TimeProvider.System.GetUtcNow();
    private DateTimeOffset LastYear => now.AddYears(-1);
    public static string LastYearCode(DateTimeOffset anchor) => $"QM{anchor.Year - 1}";
    public static string ThisYearCode(DateTimeOffset anchor) => $"QM{anchor.Year}";
    public static string OpenCallCode(DateTimeOffset anchor) => $"LZH{anchor.Year}";

    private static string Author(int i) => $"author{i:D2}@demo.local";
    private static string Citizen(int i) => $"citizen{i}@demo.local";

    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡", "郭"];
    private static readonly string[] GivenNames = ["晓明", "海燕", "志强", "丽华", "建军", "雪梅", "文博", "春兰", "浩然", "静怡", "子涵", "国栋", "嘉怡", "一帆"];
    private static readonly string[] Workplaces = ["江城日化厂", "滨江食品有限公司", "江城第二机床厂", "海川电器股份有限公司", "青禾农业合作社", "江城老字号协会", "星河电子科技"];

    // ---- stage 1 ---------------------------------------------------------------------------------------------

    /// <summary>
    /// The demo logins of the README (with the password) and, without a password, the authors and citizens who
    /// only appear as names on entries and votes. Accounts are made through Identity's UserManager, as the
    /// admin's tools do: registering would mail a confirmation link that nobody is there to open.
    /// </summary>
    private async Task SeedAccountsAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        async Task Ensure(string email, string name, string? organization, string role, string? password)
        {
            if (await users.FindByEmailAsync(email) is not null) return;
            var account = new Account
            {
                UserName = email, Email = email, EmailConfirmed = true, RealName = name, Organization = organization,
                PreferredLanguage = name.Any(c => c > 0x2E80) ? Languages.Chinese : Languages.English,
            };
            var created = password is null ? await users.CreateAsync(account) : await users.CreateAsync(account, password);
            if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
            await users.AddToRoleAsync(account, role);
        }
        foreach (var login in DemoContest.Logins) await Ensure(login.Email, login.Name, login.Organization, login.Role, DemoContest.Password);
        for (var i = 1; i <= 32; i++)
            await Ensure(Author(i), Surnames[i % Surnames.Length] + GivenNames[i * 5 % GivenNames.Length], Workplaces[i % Workplaces.Length], Roles.Entrant, null);
        for (var i = 1; i <= 6; i++)
            await Ensure(Citizen(i), Surnames[(i + 7) % Surnames.Length] + GivenNames[(i * 3 + 1) % GivenNames.Length], null, Roles.Entrant, null);
    }

    // ---- stage 2 ---------------------------------------------------------------------------------------------

    /// <summary>Last year's stories, in ranking order: the first takes First prize, the writer's the second place.</summary>
    private static IReadOnlyList<DemoStory> LastYearStoryTexts => DemoStories.Generate(LastYearStories, seed: 2025);

    private static string LastYearStoryAuthor(int i) => i == 1 ? Writer : Author(i % 20 + 1);

    private async Task SeedLastYearStoriesAsync(CancellationToken ct)
    {
        var y = LastYear;
        var contestId = await EnsureContestAsync(new SaveContestCommand
        {
            Code = LastYearCode(now),
            TitleZh = $"{y.Year}年江城市“质量月”品牌故事征文及微电影大赛",
            TitleEn = $"Jiangcheng {y.Year} Quality Month Brand Story Essay & Micro-film Contest",
            DescriptionZh = "上一届大赛：征文1000至3000字；微电影为演示用的短片（2至60秒）。结果已公布，获奖作品可在作品展中观看。",
            DescriptionEn = "Last year's edition: essays of 1,000–3,000 characters; micro-films are short demo clips (2–60 s). Results are published and the awarded works are in the gallery.",
            Theme = "质量强国 品牌兴城", OrganizerName = "江城市市场监督管理局",
        }, opens: y.AddDays(-60), closes: y.AddDays(-20), judgingStarts: y.AddDays(-19), judgingEnds: y.AddDays(-12), createdAt: y.AddDays(-70),
        [StoryCategory(), FilmCategory(maxFileMb: 20, minSeconds: 2, maxSeconds: 60)], ct);

        await UploadLastYearFilmsAsync(contestId, ct);
        var category = await CategoryIdAsync(contestId, "S", ct);
        var texts = LastYearStoryTexts;
        for (var i = 0; i < texts.Count; i++)
            await SubmitStoryAsync(LastYearStoryAuthor(i), category, texts[i], y.AddDays(-55).AddHours(i * 7), ct);
    }

    // ---- stage 3 ---------------------------------------------------------------------------------------------

    private static readonly string[] FilmTitles =
    [
        "匠心", "一滴水的旅程", "老街的灯", "守护", "回家的路", "锻造", "第一千零一次", "江城的早晨", "听见品质", "传承", "归零", "光",
    ];

    private static string LastYearFilmmaker(int i) => i == 0 ? Filmmaker : Author(20 + i);

    /// <summary>
    /// Twelve short clips made by ffmpeg now and uploaded in chunks by their filmmakers; the real media worker checks
    /// them and makes their posters meanwhile (stage 2 uploads them before the stories, so the two overlap).
    /// Films already uploaded are left alone.
    /// </summary>
    private async Task UploadLastYearFilmsAsync(int contestId, CancellationToken ct)
    {
        var category = await CategoryIdAsync(contestId, "F", ct);
        var folder = Directory.CreateTempSubdirectory("bsc-demo-films-");
        try
        {
            for (var i = 0; i < LastYearFilms; i++)
            {
                var email = LastYearFilmmaker(i);
                var at = LastYear.AddDays(-45).AddHours(i * 9);
                var entryId = await ExistingEntryAsync(email, category, FilmTitles[i], ct)
                    ?? await StartEntryAsync(email, category, at, new SaveEntryCommand { Title = FilmTitles[i] }, ct);
                var entry = (await QueryAsync(email, new EditEntryQuery(entryId))).Value.Context.Entry;
                if (entry.State == EntryState.Submitted || entry.FilmStatus is FilmStatus.Processing or FilmStatus.Ready) continue;
                var file = await DemoFilms.MakeAsync(i, FilmTitles[i], folder.FullName, ct);
                await UploadFilmAsync(email, entryId, file, at.AddMinutes(20), ct);
            }
        }
        finally { folder.Delete(recursive: true); }
    }

    /// <summary>Waits for the media worker's verdict on each film, then its filmmaker fills in the form and submits.</summary>
    private async Task SeedLastYearFilmsAsync(CancellationToken ct)
    {
        var contestId = await ContestIdAsync(LastYearCode(now), ct);
        await UploadLastYearFilmsAsync(contestId, ct);
        var category = await CategoryIdAsync(contestId, "F", ct);
        for (var i = 0; i < LastYearFilms; i++)
        {
            var email = LastYearFilmmaker(i);
            var entryId = await ExistingEntryAsync(email, category, FilmTitles[i], ct) ?? throw new InvalidOperationException($"Demo: film \"{FilmTitles[i]}\" is missing.");
            await WaitForAsync($"the film of entry {entryId}", TimeSpan.FromMinutes(3), async () =>
                (await QueryAsync(email, new EditEntryQuery(entryId))).Value.Context.Entry.FilmStatus is FilmStatus.Ready or FilmStatus.Rejected, ct);
            var view = (await QueryAsync(email, new EditEntryQuery(entryId))).Value;
            if (view.Context.Entry.State == EntryState.Submitted) continue;
            if (view.Context.Entry.FilmStatus == FilmStatus.Rejected)
                throw new InvalidOperationException($"Demo: the media worker rejected film {entryId}: {view.Context.Entry.FilmRejectionReason}");
            var saved = await SendAsync(email, LastYear.AddDays(-45).AddHours(i * 9 + 1), new SaveEntryCommand
            {
                EntryId = entryId, Version = view.Form.Version, Title = view.Form.Title, Submit = true,
                Synopsis = $"短片《{view.Form.Title}》用几个镜头讲述江城一家企业对质量的坚守。", Director = Surnames[i % Surnames.Length] + GivenNames[(i + 3) % GivenNames.Length],
                Credits = "摄影：江城影像工作室", BrandFeatured = Workplaces[i % Workplaces.Length],
                PledgedOriginality = true, DeclaredRights = true, ConsentsToPublication = true,
            });
            if (!(saved.IsOk && saved.Value.Submitted)) throw new InvalidOperationException($"Demo: film {entryId} was not submitted: {string.Join("; ", saved.Violations.Select(v => v.Encode()))}");
        }
    }

    private async Task UploadFilmAsync(string email, int entryId, string file, DateTimeOffset at, CancellationToken ct)
    {
        var bytes = await File.ReadAllBytesAsync(file, ct);
        var plan = Check(await SendAsync(email, at, new StartFilmUploadCommand(entryId, Path.GetFileName(file), bytes.Length, at.ToUnixTimeMilliseconds())),
            $"starting the upload of entry {entryId}");
        for (var index = 0; index < plan.ChunkCount; index++)
        {
            if (plan.Received.Contains(index)) continue;
            var offset = index * plan.ChunkBytes;
            var length = Math.Min(plan.ChunkBytes, bytes.Length - offset);
            Check(await SendAsync(email, at, new UploadFilmChunkCommand(plan.UploadId, index, length, new MemoryStream(bytes, offset, length))), "a film chunk");
        }
        Check(await SendAsync(email, at, new CompleteFilmUploadCommand(plan.UploadId)), "completing a film upload");
    }

    // ---- stage 4 ---------------------------------------------------------------------------------------------

    private async Task SeedLastYearJudgingAsync(CancellationToken ct)
    {
        var contestId = await ContestIdAsync(LastYearCode(now), ct);
        var y = LastYear;
        var stories = await CategoryIdAsync(contestId, "S", ct);
        var films = await CategoryIdAsync(contestId, "F", ct);
        var storyRank = await RankAsync(stories, LastYearStoryTexts.Select((s, i) => (LastYearStoryAuthor(i), s.Title)).ToList(), ct);
        var filmRank = await RankAsync(films, FilmTitles.Select((t, i) => (LastYearFilmmaker(i), t)).ToList(), ct);
        foreach (var (category, rank) in new[] { (stories, storyRank), (films, filmRank) })
        {
            var round = await EnsureRoundAsync(category, "初评", judgesPerEntry: 2, y.AddDays(-19), ct);
            await ScoreAsync(round, rank, everyone: true, y.AddDays(-16), ct);
            var state = await ReadAsync(db => db.Rounds.Where(r => r.Id == round).Select(r => r.State).SingleAsync(ct));
            if (state == RoundState.Open) Check(await SendAsync(Organizer, y.AddDays(-12), new ChangeRoundStateCommand(round, RoundState.Closed)), "closing a round");
            if (state != RoundState.Finalized) Check(await SendAsync(Organizer, y.AddDays(-12).AddHours(2), new ChangeRoundStateCommand(round, RoundState.Finalized)), "finalizing a round");
        }
    }

    // ---- stage 5 ---------------------------------------------------------------------------------------------

    private async Task SeedLastYearAwardsAsync(CancellationToken ct)
    {
        var contestId = await ContestIdAsync(LastYearCode(now), ct);
        var y = LastYear;
        var contest = await ReadAsync(db => db.Contests.AsNoTracking().SingleAsync(c => c.Id == contestId, ct));
        if (contest.NoticeStartedAt is null)
        {
            Check(await SendAsync(Organizer, y.AddDays(-11), new EnsureAwardTiersCommand(contestId)), "adding the default award tiers");
            foreach (var (code, quotas) in new[] { ("S", new[] { 1, 2, 3, 6 }), ("F", new[] { 1, 1, 2, 3 }) })
            {
                var category = await CategoryIdAsync(contestId, code, ct);
                var tiers = await ReadAsync(db => db.AwardTiers.AsNoTracking().Where(t => t.CategoryId == category && !t.IsSpecial).OrderBy(t => t.Order).ToListAsync(ct));
                for (var t = 0; t < tiers.Count; t++)
                    Check((await SendAsync(Organizer, y.AddDays(-11), new SaveTierCommand
                    {
                        TierId = tiers[t].Id, CategoryId = category, NameZh = tiers[t].NameZh, NameEn = tiers[t].NameEn, Order = tiers[t].Order,
                        Quota = t < quotas.Length ? quotas[t] : 0,
                    })), "setting a tier's quota");
                var proposal = Check(await SendAsync(Organizer, y.AddDays(-11).AddHours(1), new ProposeAwardsCommand(category)), "proposing awards");
                if (proposal.Ties > 0) throw new InvalidOperationException("Demo: the proposal has ties; the demo scores should rank every entry apart.");
            }
            Check(await SendAsync(Organizer, y.AddDays(-10), new OpenNoticePeriodCommand(contestId)), "opening the notice period");
        }

        // A citizen objects to the first prize during the notice period; the organizer looks into it and dismisses it.
        var winner = await ReadAsync(db => db.Awards.Where(a => a.Entry.ContestId == contestId && a.Entry.Category.Code == "S")
            .OrderBy(a => a.Tier.Order).ThenBy(a => a.Rank).Select(a => a.EntryId).FirstAsync(ct));
        if (!await ReadAsync(db => db.Objections.AnyAsync(o => o.ContestId == contestId, ct)))
            Check((await SendAsync(Citizen(1), y.AddDays(-8), new FileObjectionCommand(contestId, winner,
                "该作品中的部分情节与我厂的经历高度相似，怀疑作者并非亲历者，请核实作品的原创性。"))), "filing an objection");
        var objection = await ReadAsync(db => db.Objections.AsNoTracking().FirstAsync(o => o.ContestId == contestId, ct));
        if (objection.State == ObjectionState.Pending)
            Check((await SendAsync(Organizer, y.AddDays(-6), new DecideObjectionCommand
            {
                ObjectionId = objection.Id, Uphold = false,
                Decision = "经联系作者所在单位并查阅生产记录，作品所述情节属实，系作者亲身经历。异议不成立，维持原评审结果。",
            })), "deciding the objection");

        contest = await ReadAsync(db => db.Contests.AsNoTracking().SingleAsync(c => c.Id == contestId, ct));
        if (!contest.AwardsLocked) Check(await SendAsync(Organizer, y.AddDays(-2), new PublishResultsCommand(contestId)), "publishing the results");
        if (Check(await QueryAsync(Organizer, new CertificateProgressQuery(contestId)), "reading the certificate progress") is { JobId: 0 })
            Check((await SendAsync(Organizer, y.AddDays(-2).AddHours(1), new IssueCertificatesCommand(contestId))), "issuing certificates");
        await WaitForAsync("the certificates", TimeSpan.FromMinutes(3), async () =>
        {
            var p = Check(await QueryAsync(Organizer, new CertificateProgressQuery(contestId)), "reading the certificate progress");
            if (p.State == nameof(CertificateJobState.Failed)) throw new InvalidOperationException($"Demo: certificates failed: {p.Error}");
            return p.State == nameof(CertificateJobState.Done);
        }, ct);
    }

    // ---- stage 6 ---------------------------------------------------------------------------------------------

    private static IReadOnlyList<DemoStory> ThisYearStoryTexts
    {
        get
        {
            var stories = DemoStories.Generate(ThisYearStories - 1, seed: 2026).ToList();
            // Someone sends in last year's story again, lightly reworked: the integrity report should catch it.
            stories.Add(DemoStories.Rework(LastYearStoryTexts[7], seed: 7));
            return stories;
        }
    }

    private static string ThisYearStoryAuthor(int i) => i == 0 ? Writer : i == ThisYearStories - 1 ? Author(29) : Author(i + 20);

    private async Task SeedThisYearAsync(CancellationToken ct)
    {
        var contestId = await EnsureContestAsync(new SaveContestCommand
        {
            Code = ThisYearCode(now),
            TitleZh = $"{now.Year}年江城市“质量月”品牌故事征文及微电影大赛",
            TitleEn = $"Jiangcheng {now.Year} Quality Month Brand Story Essay & Micro-film Contest",
            DescriptionZh = "讲述江城企业以质量立身、以品牌致远的真实故事。征文1000至3000字；微电影3至8分钟，MP4格式，分辨率不低于1920×1080，文件不超过500MB。",
            DescriptionEn = "Tell the true stories of Jiangcheng companies built on quality. Essays of 1,000–3,000 characters; micro-films of 3–8 minutes, MP4, at least 1920×1080, at most 500 MB.",
            Theme = "质量强国 品牌兴城", OrganizerName = "江城市市场监督管理局",
        }, opens: now.AddDays(-40), closes: now.AddDays(-5), judgingStarts: now.AddDays(-4), judgingEnds: now.AddDays(20), createdAt: now.AddDays(-50),
        [StoryCategory(), FilmCategory(maxFileMb: 500, minSeconds: 180, maxSeconds: 480, minWidth: 1920, minHeight: 1080)], ct);

        var category = await CategoryIdAsync(contestId, "S", ct);
        var texts = ThisYearStoryTexts;
        for (var i = 0; i < texts.Count; i++)
            await SubmitStoryAsync(ThisYearStoryAuthor(i), category, texts[i], now.AddDays(-30).AddHours(i * 11), ct);

        var rank = await RankAsync(category, texts.Select((s, i) => (ThisYearStoryAuthor(i), s.Title)).ToList(), ct);
        var round = await EnsureRoundAsync(category, "初评", judgesPerEntry: 3, now.AddDays(-4), ct);
        // Judging is under way: each judge has scored some of their entries and left the rest.
        await ScoreAsync(round, rank, everyone: false, now.AddDays(-2), ct);

        var zone = await ReadAsync(db => db.Contests.Where(c => c.Id == contestId).Select(c => c.TimeZoneId).SingleAsync(ct));
        var vote = await ReadAsync(db => db.Rounds.AsNoTracking().SingleAsync(r => r.Id == round, ct));
        if (!vote.HasPublicVote)
        {
            var set = await SendAsync(Organizer, now.AddDays(-3), new SetPublicVoteCommand
            {
                RoundId = round, PublicWeightPercent = 20,
                VotingOpens = ContestTime.ToLocal(now.AddDays(-2), zone).DateTime, VotingCloses = ContestTime.ToLocal(now.AddDays(10), zone).DateTime,
            });
            Check(set, "setting the public vote");
            var entries = rank.OrderBy(r => r.Value).Select(r => r.Key).ToList();
            for (var c = 1; c <= 6; c++)
                foreach (var entry in entries.Take(7 - c))
                    Check(await SendAsync(Citizen(c), now.AddDays(-1).AddMinutes(c * 13), new CastRoundVoteCommand(round, entry, "127.0.0.1")), "a public vote");
        }
    }

    // ---- stage 7 ---------------------------------------------------------------------------------------------

    private async Task SeedOpenCallAsync(CancellationToken ct)
    {
        var contestId = await EnsureContestAsync(new SaveContestCommand
        {
            Code = OpenCallCode(now),
            TitleZh = "“江城老字号”品牌故事与微电影征集",
            TitleEn = "Jiangcheng Heritage Brands: Stories and Micro-films Wanted",
            DescriptionZh = "征集江城老字号的品牌故事（1000至3000字）和微电影（演示规则：2秒至10分钟，MP4或MOV）。",
            DescriptionEn = "Brand stories (1,000–3,000 characters) and micro-films (demo rules: 2 s to 10 min, MP4 or MOV) about Jiangcheng's heritage brands.",
            Theme = "老字号 新活力", OrganizerName = "江城市商务局",
        }, opens: now.AddDays(-3), closes: now.AddDays(45), judgingStarts: now.AddDays(46), judgingEnds: now.AddDays(60), createdAt: now.AddDays(-5),
        [StoryCategory(), FilmCategory(maxFileMb: 200, minSeconds: 2, maxSeconds: 600)], ct);

        var stories = await CategoryIdAsync(contestId, "S", ct);
        var films = await CategoryIdAsync(contestId, "F", ct);
        await SeedOpenCallFieldsAsync(stories, ct);
        var draft = DemoStories.Generate(1, seed: 2027)[0];
        if (await ExistingEntryAsync(Writer, stories, "百年酱园的第四代传人", ct) is null)
            await StartEntryAsync(Writer, stories, now.AddDays(-1), new SaveEntryCommand
            {
                Title = "百年酱园的第四代传人", Body = string.Join("\n\n", draft.Body.Split("\n\n").Take(3)), PledgedOriginality = true,
            }, ct);
        await SeedTeamEntryAsync(await ExistingEntryAsync(Writer, stories, "百年酱园的第四代传人", ct), ct);
        if (await ExistingEntryAsync(Filmmaker, films, "老字号的一天", ct) is null)
            await StartEntryAsync(Filmmaker, films, now.AddDays(-1), new SaveEntryCommand
            {
                Title = "老字号的一天", Synopsis = "跟拍一家百年糕点铺从凌晨三点到打烊的一天。", Director = "刘一鸣", BrandFeatured = "江城老字号协会",
            }, ct);
        await SeedOpenCallDeclarationsAsync(contestId, ct);
        await SeedReturnedEntryAsync(contestId, stories, ct);
        await SeedOpenCallOrganizationAsync(contestId, stories, ct);
    }

    // ---- shared steps ----------------------------------------------------------------------------------------

    private static SaveCategoryCommand StoryCategory() => new()
    {
        Kind = CategoryKind.Story, Code = "S", NameZh = "品牌故事征文", NameEn = "Brand Story Essay", MinLength = 1000, MaxLength = 3000,
        AttachmentTypes = "pdf,docx", MaxEntriesPerEntrant = 2, RequirePublicationConsent = true,
    };

    private static SaveCategoryCommand FilmCategory(int maxFileMb, int minSeconds, int maxSeconds, int minWidth = 0, int minHeight = 0) => new()
    {
        Kind = CategoryKind.Film, Code = "F", NameZh = "品牌微电影", NameEn = "Brand Micro-film", AllowedContainers = "mp4,mov", AllowedVideoCodecs = "h264,hevc",
        MaxFileMb = maxFileMb, MinDurationSeconds = minSeconds, MaxDurationSeconds = maxSeconds, MinWidth = minWidth, MinHeight = minHeight,
        MaxEntriesPerEntrant = 1, RequirePublicationConsent = true,
    };

    /// <summary>The contest with this code, made by the organizer at <paramref name="createdAt"/> if it is not there yet, with its categories and judges.</summary>
    private async Task<int> EnsureContestAsync(SaveContestCommand form, DateTimeOffset opens, DateTimeOffset closes, DateTimeOffset judgingStarts,
        DateTimeOffset judgingEnds, DateTimeOffset createdAt, SaveCategoryCommand[] categories, CancellationToken ct)
    {
        var id = await ReadAsync(db => db.Contests.Where(c => c.Code == form.Code).Select(c => (int?)c.Id).SingleOrDefaultAsync(ct));
        if (id is null)
        {
            DateTime Local(DateTimeOffset t) => ContestTime.ToLocal(t, form.TimeZoneId).DateTime;
            form.SubmissionOpensAt = Local(opens);
            form.SubmissionClosesAt = Local(closes);
            form.JudgingStartsAt = Local(judgingStarts);
            form.JudgingEndsAt = Local(judgingEnds);
            id = Check(await SendAsync(Organizer, createdAt, form), $"creating contest {form.Code}");
        }
        foreach (var category in categories)
        {
            if (await ReadAsync(db => db.Categories.AnyAsync(c => c.ContestId == id && c.Code == category.Code, ct))) continue;
            category.ContestId = id.Value;
            Check(await SendAsync(Organizer, createdAt, category), $"creating category {category.Code}");
        }
        // Judges join the way real ones do: the organizer invites them and each accepts the link in the mail.
        foreach (var judge in Judges)
        {
            var judgeId = await ReadAsync(db => db.Users.Where(u => u.Email == judge).Select(u => u.Id).SingleAsync(ct));
            if (await ReadAsync(db => db.ContestJudges.AnyAsync(j => j.ContestId == id && j.JudgeId == judgeId, ct))) continue;
            Check(await SendAsync(Organizer, createdAt.AddHours(1), new InviteJudgeCommand { ContestId = id.Value, Email = judge }), "a judge invitation");
            var token = await ReadAsync(db => db.JudgeInvitations.Where(i => i.ContestId == id && i.Email == judge && i.AcceptedAt == null)
                .OrderByDescending(i => i.Id).Select(i => i.Token).FirstAsync(ct));
            Check(await AsAsync(judge, createdAt.AddHours(3), m => m.Send(new AcceptInvitationCommand(token)).AsTask(), withCookie: true),
                "accepting a judge invitation");
        }
        return id.Value;
    }

    private Task<int> ContestIdAsync(string code, CancellationToken ct) =>
        ReadAsync(db => db.Contests.Where(c => c.Code == code).Select(c => c.Id).SingleAsync(ct));

    private Task<int> CategoryIdAsync(int contestId, string code, CancellationToken ct) =>
        ReadAsync(db => db.Categories.Where(c => c.ContestId == contestId && c.Code == code).Select(c => c.Id).SingleAsync(ct));

    private Task<int?> ExistingEntryAsync(string email, int categoryId, string title, CancellationToken ct) =>
        // An untitled draft is one a cut-short run started and had not saved yet: it is taken up again.
        ReadAsync(db => db.Entries.Where(e => e.CategoryId == categoryId && e.Entrant.Email == email && e.State != EntryState.Withdrawn
            && (e.Title == title || (e.State == EntryState.Draft && e.Title == ""))).OrderByDescending(e => e.Title).Select(e => (int?)e.Id).FirstOrDefaultAsync(ct));

    /// <summary>A new draft with <paramref name="fields"/> saved on it (not submitted).</summary>
    private async Task<int> StartEntryAsync(string email, int categoryId, DateTimeOffset at, SaveEntryCommand fields, CancellationToken ct)
    {
        var id = Check(await SendAsync(email, at, new StartEntryCommand(categoryId)), $"starting an entry for {email}");
        var form = (await QueryAsync(email, new EditEntryQuery(id))).Value.Form;
        fields.EntryId = id;
        fields.Version = form.Version;
        fields.Submit = false;
        var saved = await SendAsync(email, at.AddMinutes(10), fields);
        if (!saved.IsOk) throw new InvalidOperationException($"Demo: a draft of {email} was not saved: {string.Join("; ", saved.Violations.Select(v => v.Encode()))}");
        return id;
    }

    private async Task SubmitStoryAsync(string email, int categoryId, DemoStory story, DateTimeOffset at, CancellationToken ct)
    {
        var id = await ExistingEntryAsync(email, categoryId, story.Title, ct);
        if (id is not null && (await QueryAsync(email, new EditEntryQuery(id.Value))).Value.Context.Entry.State == EntryState.Submitted) return;
        if (id is null)
        {
            id = Check(await SendAsync(email, at, new StartEntryCommand(categoryId)), $"starting an entry for {email}");
        }
        var view = (await QueryAsync(email, new EditEntryQuery(id.Value))).Value;
        var saved = await SendAsync(email, at.AddMinutes(40), new SaveEntryCommand
        {
            EntryId = id.Value, Version = view.Form.Version, Title = story.Title, Body = story.Body, Submit = true,
            PledgedOriginality = true, DeclaredRights = true, ConsentsToPublication = true,
            // What the call's own form asks, and its pledge and licence texts: a real entrant answers and signs them.
            AcceptedDeclarations = view.Context.Declarations.Select(d => d.Current.Id).ToList(),
            Fields = (view.Fields ?? []).Where(f => f.Required).Select(f => new FieldAnswerInput { FieldId = f.Id, Values = [DemoAnswer(f.Kind)] }).ToList(),
        });
        if (!(saved.IsOk && saved.Value.Submitted)) throw new InvalidOperationException($"Demo: story \"{story.Title}\" was not submitted: {string.Join("; ", saved.Violations.Select(v => v.Encode()))}");
    }

    /// <summary>A plausible answer to a required custom field of the demo's forms.</summary>
    private static string DemoAnswer(FieldKind kind) => kind switch
    {
        FieldKind.MobilePhone => "13800138000",
        FieldKind.Email => "writer@demo.local",
        FieldKind.Number => "1",
        FieldKind.Url => "https://example.org/",
        _ => "江城市质量协会",
    };

    /// <summary>Entry id → place the demo gives it (0 = best), from the (author, title) list in ranking order.</summary>
    private async Task<Dictionary<int, int>> RankAsync(int categoryId, IReadOnlyList<(string Email, string Title)> order, CancellationToken ct)
    {
        var rank = new Dictionary<int, int>();
        for (var i = 0; i < order.Count; i++)
            rank[await ExistingEntryAsync(order[i].Email, categoryId, order[i].Title, ct) ?? throw new InvalidOperationException($"Demo: entry \"{order[i].Title}\" is missing.")] = i;
        return rank;
    }

    /// <summary>Round 1 of a category, with the whole jury on the panel, assigned and open.</summary>
    private async Task<int> EnsureRoundAsync(int categoryId, string name, int judgesPerEntry, DateTimeOffset at, CancellationToken ct)
    {
        var round = await ReadAsync(db => db.Rounds.AsNoTracking().Where(r => r.CategoryId == categoryId).OrderBy(r => r.Sequence).FirstOrDefaultAsync(ct));
        if (round is null)
        {
            var judgeIds = await ReadAsync(db => db.Users.Where(u => Judges.Contains(u.Email!)).Select(u => u.Id).ToListAsync(ct));
            Check(await SendAsync(Organizer, at, new SetPanelCommand { CategoryId = categoryId, JudgeIds = judgeIds }), "setting the panel");
            var id = Check(await SendAsync(Organizer, at.AddMinutes(5), new CreateRoundCommand { CategoryId = categoryId, Name = name, JudgesPerEntry = judgesPerEntry }),
                "creating the round");
            round = await ReadAsync(db => db.Rounds.AsNoTracking().SingleAsync(r => r.Id == id, ct));
        }
        if (round.State == RoundState.Draft)
        {
            if (!await ReadAsync(db => db.Assignments.AnyAsync(a => a.RoundId == round.Id, ct)))
            {
                Check(await SendAsync(Organizer, at.AddMinutes(10), new AssignJudgesCommand(round.Id, Seed: 42)), "assigning judges");
            }
            Check(await SendAsync(Organizer, at.AddHours(1), new ChangeRoundStateCommand(round.Id, RoundState.Open)), "opening a round");
        }
        return round.Id;
    }

    /// <summary>
    /// Each judge scores their sheets through their own assignment list and score sheet. The scores follow the demo's
    /// ranking with a little disagreement between judges that cancels out, so every entry's total differs from the next
    /// one's and the awards come out without ties. Not <paramref name="everyone"/>: each judge leaves some unscored.
    /// </summary>
    private async Task ScoreAsync(int roundId, Dictionary<int, int> rank, bool everyone, DateTimeOffset at, CancellationToken ct)
    {
        var levels = ScoreLevels(rank.Count);
        var sheets = new List<List<Judging.AssignmentRow>>();
        foreach (var judge in Judges)
            sheets.Add((await QueryAsync(judge, new MyAssignmentsQuery())).Value.Where(r => r.RoundId == roundId).SelectMany(r => r.Assignments).OrderBy(a => a.AssignmentId).ToList());
        for (var j = 0; j < Judges.Length; j++)
        {
            var mine = sheets[j];
            var toScore = everyone ? mine.Count : j switch { 0 => mine.Count / 2, 1 => mine.Count * 2 / 3, _ => mine.Count / 4 };
            for (var k = 0; k < toScore; k++)
            {
                if (mine[k].Total is not null) continue;
                var sheet = Check(await QueryAsync(Judges[j], new ScoreSheetQuery(mine[k].AssignmentId, Languages.Chinese)), "opening a score sheet");
                var level = levels[rank[mine[k].EntryId]];
                // Judges disagree on the first criterion by one point up or down; over a pair of judges it evens out.
                var jury = Enumerable.Range(0, Judges.Length).Where(x => sheets[x].Any(a => a.EntryId == mine[k].EntryId)).ToList();
                var position = jury.IndexOf(j);
                var lean = position == jury.Count - 1 && jury.Count % 2 == 1 ? 0 : position % 2 == 0 ? 1 : -1;
                var values = sheet.Criteria.OrderBy(c => c.Order).Select((c, i) => i == 0 ? level[0] + lean : level[Math.Min(i, level.Length - 1)]).ToList();
                Check(await SendAsync(Judges[j], at.AddMinutes(j * 300 + k * 17), new ScoreEntryCommand
                {
                    AssignmentId = sheet.AssignmentId, Version = sheet.Version,
                    Scores = sheet.Criteria.OrderBy(c => c.Order).Select((c, i) => (c.Id, values[i])).ToDictionary(x => x.Id, x => (int?)x.Item2),
                    Comment = level[0] >= 8 ? "立意鲜明，细节真实，质量主题表达充分。" : level[0] >= 6 ? "故事完整，个别段落略显重复。" : "主题契合，但表现力有待加强。",
                }), "scoring");
            }
        }
    }

    /// <summary>
    /// Score levels for the default rubric (weights 30/25/25/20), best first, each with a different weighted total.
    /// The first criterion stays within 4..9 so a judge's lean of one point either way is still a valid score.
    /// </summary>
    private static int[][] ScoreLevels(int count)
    {
        var all = (from a in Enumerable.Range(4, 6) from b in Enumerable.Range(3, 8) from c in Enumerable.Range(3, 8) from d in Enumerable.Range(3, 8)
                   select new[] { a, b, c, d }).GroupBy(v => 30 * v[0] + 25 * v[1] + 25 * v[2] + 20 * v[3])
            .OrderByDescending(g => g.Key).Select(g => g.OrderByDescending(v => v[0]).First()).ToList();
        var step = Math.Max(1, all.Count / (count + 1));
        return Enumerable.Range(0, count).Select(i => all[Math.Min(all.Count - 1, i * step)]).ToArray();
    }
}
