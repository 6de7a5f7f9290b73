using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Demo;

public sealed record DemoLogin(string Role, string Email, string Name, string Organization);

/// <summary>
/// A city "Quality Month" brand-story essay and micro-film call with the rules of the national contest,
/// an organizer, three judges and two entrants. Only for run.sh and local trials: production refuses it.
/// </summary>
public static class DemoContest
{
    public const string Password = "Demo#2026";
    public const string Code = "QM2026";

    public static readonly DemoLogin[] Logins =
    [
        new(Roles.Admin, "admin@demo.local", "系统管理员", "BrandStoryContest"),
        new(Roles.Organizer, "organizer@demo.local", "李明华", "江城市市场监督管理局"),
        new(Roles.Judge, "judge1@demo.local", "王建国", "江城大学新闻学院"),
        new(Roles.Judge, "judge2@demo.local", "陈思远", "江城日报社"),
        new(Roles.Judge, "judge3@demo.local", "Emily Carter", "Harbor Film Academy"),
        new(Roles.Entrant, "writer@demo.local", "张晓雨", "海川电器股份有限公司"),
        new(Roles.Entrant, "filmmaker@demo.local", "刘一鸣", "江城影像工作室"),
    ];

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var db = services.GetRequiredService<ContestDb>();
        if (await db.Contests.AnyAsync(c => c.Code == Code, ct)) return;
        var users = services.GetRequiredService<UserManager<Account>>();
        var clock = services.GetRequiredService<TimeProvider>();

        var accounts = new Dictionary<string, Account>();
        foreach (var login in Logins)
        {
            var account = await users.FindByEmailAsync(login.Email);
            if (account is null)
            {
                account = new Account
                {
                    UserName = login.Email, Email = login.Email, EmailConfirmed = true, RealName = login.Name,
                    Organization = login.Organization,
                    PreferredLanguage = login.Name.Any(c => c > 0x2E80) ? Languages.Chinese : Languages.English,
                };
                var created = await users.CreateAsync(account, Password);
                if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
                await users.AddToRoleAsync(account, login.Role);
            }
            accounts[login.Email] = account;
        }

        var now = clock.GetUtcNow();
        var contest = new Contest
        {
            Code = Code,
            TitleZh = "2026年江城市“质量月”品牌故事征文及微电影大赛",
            TitleEn = "Jiangcheng 2026 Quality Month Brand Story Essay & Micro-film Contest",
            DescriptionZh = "讲述江城企业以质量立身、以品牌致远的真实故事。征文1000至3000字；微电影3至8分钟，MP4格式，分辨率不低于1920×1080，文件不超过500MB。",
            DescriptionEn = "Tell the true stories of Jiangcheng companies built on quality. Essays of 1,000–3,000 characters; micro-films of 3–8 minutes, MP4, at least 1920×1080, at most 500 MB.",
            Theme = "质量强国 品牌兴城",
            OrganizerName = "江城市市场监督管理局",
            TimeZoneId = ContestTime.DefaultZone,
            SubmissionOpensAt = now.AddDays(-10),
            SubmissionClosesAt = now.AddDays(20),
            JudgingStartsAt = now.AddDays(21),
            JudgingEndsAt = now.AddDays(35),
            IsPublic = true,
            OwnerId = accounts["organizer@demo.local"].Id,
            CreatedAt = now,
            Categories =
            [
                new Category
                {
                    Kind = CategoryKind.Story, Code = "S", NameZh = "品牌故事征文", NameEn = "Brand Story Essay",
                    MinLength = 1000, MaxLength = 3000, AttachmentTypes = "pdf,docx", MaxEntriesPerEntrant = 2,
                    RequirePublicationConsent = true,
                },
                new Category
                {
                    Kind = CategoryKind.Film, Code = "F", NameZh = "品牌微电影", NameEn = "Brand Micro-film",
                    AllowedContainers = "mp4", AllowedVideoCodecs = "h264,hevc", MaxFileBytes = 500L * 1024 * 1024,
                    MinDurationSeconds = 180, MaxDurationSeconds = 480, MinWidth = 1920, MinHeight = 1080,
                    MaxEntriesPerEntrant = 1, RequirePublicationConsent = true,
                },
            ],
        };
        db.Contests.Add(contest);
        await db.SaveChangesAsync(ct);
        foreach (var judge in Logins.Where(l => l.Role == Roles.Judge))
            db.ContestJudges.Add(new ContestJudge { ContestId = contest.Id, JudgeId = accounts[judge.Email].Id });
        await db.SaveChangesAsync(ct);
    }
}
