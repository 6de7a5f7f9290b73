using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Contests;
using BrandStoryContest.Web.Features.Divisions;
using BrandStoryContest.Web.Features.JudgeInvitations;
using BrandStoryContest.Web.Features.Judging;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Demo;

public sealed partial class DemoSeeder
{
    private const string FinalOrganizer = "final@demo.local", DivisionOrganizer = "division@demo.local", HaibinOrganizer = "haibin@demo.local";
    private const int DivisionStories = 3;

    public static string FinalCode(DateTimeOffset anchor) => $"QF{anchor.Year}";
    public static string DivisionCode(DateTimeOffset anchor, string division) => $"QF{division}{anchor.Year}";

    /// <summary>A division of the demo final: its organizer, its two judges and the demo authors who write its stories.</summary>
    private sealed record DemoDivision(string Key, string NameZh, string NameEn, string Organizer, string[] Jury, int FirstAuthor, int StorySeed);

    private static readonly DemoDivision[] DemoDivisions =
    [
        new("JC", NameZh: "江城赛区", NameEn: "Jiangcheng Division", Organizer: DivisionOrganizer, Jury: ["judge1@demo.local", "judge2@demo.local"], FirstAuthor: 21, StorySeed: 2031),
        new("HB", NameZh: "海滨赛区", NameEn: "Haibin Division", Organizer: HaibinOrganizer, Jury: ["judge2@demo.local", "judge3@demo.local"], FirstAuthor: 25, StorySeed: 2032),
    ];

    /// <summary>
    /// Issue 20 in the demo: a national final with two divisions, each of which took a few stories, judged them in one
    /// round, finalized its ranking and recommended to the final, all through the divisions' own use cases
    /// (CreateDivision, SetDivisionQuotas, RecommendFromRanking, RecommendEntry). 江城赛区 fills its quota of two from the
    /// ranking; 海滨赛区 has recommended one entry by choice, with a reason, and still misses one, so the final
    /// organizer's dashboard shows made, missing and the time left before the deadline a week from now.
    /// </summary>
    private async Task SeedFinalAsync(CancellationToken ct)
    {
        // Data seeded before this stage existed lacks the final's accounts: stage 1 adds what is missing and nothing else.
        await SeedAccountsAsync(ct);
        await EnsureOrganizerAsync(HaibinOrganizer, "何海燕", "海滨市品牌建设促进会");

        var finalId = await ReadAsync(db => db.Contests.Where(c => c.Code == FinalCode(now)).Select(c => (int?)c.Id).SingleOrDefaultAsync(ct));
        if (finalId is null)
        {
            DateTime Local(DateTimeOffset t) => ContestTime.ToLocal(t, ContestTime.DefaultZone).DateTime;
            finalId = Check(await SendAsync(FinalOrganizer, now.AddDays(-45), new SaveContestCommand
            {
                Code = FinalCode(now), TitleZh = $"{now.Year}年全国品牌故事大赛总决赛", TitleEn = $"{now.Year} National Brand Story Contest Final",
                DescriptionZh = "总决赛不直接征稿：各赛区评出作品后，按总决赛分配的名额推荐入围，作品无需重新上传。",
                DescriptionEn = "The final takes no entries of its own: each division judges its entries and recommends its best up to the final's quota, without a re-upload.",
                Theme = "品牌故事 全国展示", OrganizerName = "全国品牌故事大赛组委会",
                SubmissionOpensAt = Local(now.AddDays(-40)), SubmissionClosesAt = Local(now.AddDays(-12)),
            }), "creating the demo final");
            Check(await SendAsync(FinalOrganizer, now.AddDays(-45), StoryCategory(finalId.Value)), "creating the final's story category");
        }

        foreach (var d in DemoDivisions)
        {
            var code = DivisionCode(now, d.Key);
            if (await ReadAsync(db => db.Divisions.AnyAsync(x => x.FinalId == finalId && x.Contest.Code == code, ct))) continue;
            DateTime Local(DateTimeOffset t) => ContestTime.ToLocal(t, ContestTime.DefaultZone).DateTime;
            Check(await SendAsync(FinalOrganizer, now.AddDays(-44), new CreateDivisionCommand
            {
                FinalId = finalId.Value, Code = code, NameZh = d.NameZh, NameEn = d.NameEn, OrganizerEmail = d.Organizer,
                SubmissionOpensAt = Local(now.AddDays(-40)), SubmissionClosesAt = Local(now.AddDays(-12)),
            }), $"creating the division {d.NameZh}");
        }

        var final = await ReadAsync(db => db.Contests.AsNoTracking().SingleAsync(c => c.Id == finalId, ct));
        if (final.RecommendationClosesAt is null)
        {
            var quotas = await ReadAsync(db => db.DivisionQuotas.Where(q => q.Division.FinalId == finalId).Select(q => q.Id).ToListAsync(ct));
            Check(await SendAsync(FinalOrganizer, now.AddDays(-43), new SetDivisionQuotasCommand
            {
                FinalId = finalId.Value, RecommendationClosesAt = ContestTime.ToLocal(now.AddDays(7), final.TimeZoneId).DateTime,
                Quotas = quotas.Select(id => new QuotaValue { Id = id, Quota = 2 }).ToList(),
            }), "setting the divisions' quotas and deadline");
        }

        foreach (var d in DemoDivisions) await SeedDivisionAsync(d, ct);
    }

    private async Task SeedDivisionAsync(DemoDivision d, CancellationToken ct)
    {
        var contestId = await ContestIdAsync(DivisionCode(now, d.Key), ct);
        var division = await ReadAsync(db => db.Divisions.AsNoTracking().Include(x => x.Quotas).SingleAsync(x => x.ContestId == contestId, ct));
        var category = await CategoryIdAsync(contestId, "S", ct);
        // A division starts unlisted, like any copied contest: its organizer makes the call public.
        var form = Check(await QueryAsync(d.Organizer, new EditContestQuery(contestId)), "opening a division's settings");
        if (!form.IsPublic)
        {
            form.IsPublic = true;
            Check(await SendAsync(d.Organizer, now.AddDays(-42), form), "making a division public");
        }
        await InviteDivisionJuryAsync(d, contestId, ct);

        var stories = DemoStories.Generate(DivisionStories, seed: d.StorySeed);
        for (var i = 0; i < stories.Count; i++)
            await SubmitStoryAsync(Author(d.FirstAuthor + i), category, stories[i], now.AddDays(-30).AddHours(i * 5), ct);

        // One round, both judges on every story, scored in the order the stories were written, then finalized.
        var round = await ReadAsync(db => db.Rounds.AsNoTracking().Where(r => r.CategoryId == category).OrderBy(r => r.Sequence).FirstOrDefaultAsync(ct));
        if (round is null)
        {
            var jury = await ReadAsync(db => db.Users.Where(u => d.Jury.Contains(u.Email!)).Select(u => u.Id).ToListAsync(ct));
            Check(await SendAsync(d.Organizer, now.AddDays(-11), new SetPanelCommand { CategoryId = category, JudgeIds = jury }), "setting a division's panel");
            var id = Check(await SendAsync(d.Organizer, now.AddDays(-11), new CreateRoundCommand { CategoryId = category, Name = "赛区初评", JudgesPerEntry = 2 }),
                "creating a division's round");
            round = await ReadAsync(db => db.Rounds.AsNoTracking().SingleAsync(r => r.Id == id, ct));
        }
        if (round.State == RoundState.Draft)
        {
            Check(await SendAsync(d.Organizer, now.AddDays(-11).AddMinutes(10), new AssignJudgesCommand(round.Id, Seed: 42)), "assigning a division's judges");
            Check(await SendAsync(d.Organizer, now.AddDays(-11).AddHours(1), new ChangeRoundStateCommand(round.Id, RoundState.Open)), "opening a division's round");
        }
        var rank = await RankAsync(category, stories.Select((s, i) => (Author(d.FirstAuthor + i), s.Title)).ToList(), ct);
        await ScoreAsync(round.Id, rank, everyone: true, now.AddDays(-10), ct);
        var state = await ReadAsync(db => db.Rounds.Where(r => r.Id == round.Id).Select(r => r.State).SingleAsync(ct));
        if (state == RoundState.Open) Check(await SendAsync(d.Organizer, now.AddDays(-8), new ChangeRoundStateCommand(round.Id, RoundState.Closed)), "closing a division's round");
        if (state != RoundState.Finalized) Check(await SendAsync(d.Organizer, now.AddDays(-8).AddHours(1), new ChangeRoundStateCommand(round.Id, RoundState.Finalized)), "finalizing a division's round");

        if (await ReadAsync(db => db.Recommendations.AnyAsync(r => r.DivisionId == division.Id, ct))) return;
        var quota = division.Quotas.Single(q => q.DivisionCategoryId == category);
        if (d.Organizer == DivisionOrganizer)
            Check(await SendAsync(d.Organizer, now.AddDays(-5), new RecommendFromRankingCommand(contestId, quota.Id)), "recommending from a division's ranking");
        else
        {
            // The organizer's own pick: the story ranked second, for its subject; the second place of the quota is still open.
            var pick = rank.Single(r => r.Value == 1).Key;
            Check(await SendAsync(d.Organizer, now.AddDays(-4), new RecommendEntryCommand
            {
                DivisionContestId = contestId, EntryId = pick, Reason = "题材贴近海滨渔港的老字号企业，赛区评审委员会一致推荐其代表本赛区参加总决赛。",
            }), "recommending a division's entry by choice");
        }
    }

    /// <summary>The division's organizer invites its two judges and each accepts the link, as in every demo contest.</summary>
    private async Task InviteDivisionJuryAsync(DemoDivision d, int contestId, CancellationToken ct)
    {
        foreach (var judge in d.Jury)
        {
            var judgeId = await ReadAsync(db => db.Users.Where(u => u.Email == judge).Select(u => u.Id).SingleAsync(ct));
            if (await ReadAsync(db => db.ContestJudges.AnyAsync(j => j.ContestId == contestId && j.JudgeId == judgeId, ct))) continue;
            Check(await SendAsync(d.Organizer, now.AddDays(-38), new InviteJudgeCommand { ContestId = contestId, Email = judge }), "a division's judge invitation");
            var token = await ReadAsync(db => db.JudgeInvitations.Where(i => i.ContestId == contestId && i.Email == judge && i.AcceptedAt == null)
                .OrderByDescending(i => i.Id).Select(i => i.Token).FirstAsync(ct));
            Check(await AsAsync(judge, now.AddDays(-37), m => m.Send(new AcceptInvitationCommand(token)).AsTask(), withCookie: true),
                "accepting a division's judge invitation");
        }
    }

    private static SaveCategoryCommand StoryCategory(int contestId)
    {
        var category = StoryCategory();
        category.ContestId = contestId;
        return category;
    }

    /// <summary>海滨赛区's organizer is not a demo login (the start page offers 江城赛区's and the final's): made like the authors, without a password.</summary>
    private async Task EnsureOrganizerAsync(string email, string name, string organization)
    {
        using var scope = scopes.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Account>>();
        if (await users.FindByEmailAsync(email) is not null) return;
        var account = new Account { UserName = email, Email = email, EmailConfirmed = true, RealName = name, Organization = organization, PreferredLanguage = Languages.Chinese };
        var created = await users.CreateAsync(account);
        if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(account, Roles.Organizer);
    }
}
