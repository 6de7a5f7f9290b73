using BrandStoryContest.Web.Domain;

namespace BrandStoryContest.Web.Features.Demo;

public sealed record DemoLogin(string Role, string Email, string Name, string Organization);

/// <summary>
/// The demo's people: an organizer, the national final's organizer and a division's (赛区), three judges, two entrants and an admin, all with the README's password.
/// Only for run.sh and local trials: production refuses the demo seed. <see cref="DemoSeeder"/> makes them.
/// </summary>
public static class DemoContest
{
    public const string Password = "Demo#2026";

    public static readonly DemoLogin[] Logins =
    [
        new(Roles.Organizer, "organizer@demo.local", "李明华", "江城市市场监督管理局"),
        new(Roles.Organizer, "final@demo.local", "高文静", "全国品牌故事大赛组委会"),
        new(Roles.Organizer, "division@demo.local", "赵江宁", "江城市品牌建设促进会"),
        new(Roles.Judge, "judge1@demo.local", "王建国", "江城大学新闻学院"),
        new(Roles.Judge, "judge2@demo.local", "陈思远", "江城日报社"),
        new(Roles.Judge, "judge3@demo.local", "Emily Carter", "Harbor Film Academy"),
        new(Roles.Entrant, "writer@demo.local", "张晓雨", "海川电器股份有限公司"),
        new(Roles.Entrant, "filmmaker@demo.local", "刘一鸣", "江城影像工作室"),
        new(Roles.Admin, "admin@demo.local", "系统管理员", "BrandStoryContest"),
    ];
}
