using BrandStoryContest.Web.Domain;

namespace BrandStoryContest.Tests.Infrastructure;

/// <summary>Contests as the tests need them, written straight to the real database.</summary>
public static class TestData
{
    public static async Task<Contest> ContestAsync(AppFactory app, Account owner, Action<Contest>? change = null)
    {
        var now = DateTimeOffset.UtcNow;
        var contest = new Contest
        {
            Code = "T" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant(),
            TitleZh = "测试品牌故事大赛", TitleEn = "Test brand story contest", OrganizerName = "测试主办方",
            SubmissionOpensAt = now.AddDays(-1), SubmissionClosesAt = now.AddDays(7), IsPublic = true,
            OwnerId = owner.Id, CreatedAt = now,
            // Most tests publish results straight away; the notice-period tests ask for one.
            NoticeDays = 0,
            Categories =
            [
                new Category { Kind = CategoryKind.Story, Code = "S", NameZh = "征文", NameEn = "Essay", MinLength = 20, MaxLength = 200, MaxEntriesPerEntrant = 2 },
                new Category
                {
                    Kind = CategoryKind.Film, Code = "F", NameZh = "微电影", NameEn = "Micro-film", MinDurationSeconds = 1, MaxDurationSeconds = 10,
                    MinWidth = 320, MinHeight = 240, MaxFileBytes = 20 * 1024 * 1024, AllowedContainers = "mp4,mov",
                },
            ],
        };
        change?.Invoke(contest);
        await app.DbAsync(async db => { db.Contests.Add(contest); await db.SaveChangesAsync(); return 0; });
        return contest;
    }
}
