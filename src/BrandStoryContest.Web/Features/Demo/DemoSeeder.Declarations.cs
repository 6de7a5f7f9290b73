using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Declarations;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Demo;

public sealed partial class DemoSeeder
{
    /// <summary>
    /// The open call's 原创承诺书 and licence, as the organizer publishes them: a writer finishing the demo draft reads
    /// and accepts them on the entry form, and the organizer downloads the signed copy afterwards.
    /// </summary>
    private async Task SeedOpenCallDeclarationsAsync(int contestId, CancellationToken ct)
    {
        if (await ReadAsync(db => db.Declarations.AnyAsync(d => d.ContestId == contestId, ct))) return;
        Check(await SendAsync(Organizer, now.AddDays(-4), new PublishDeclarationCommand
        {
            ContestId = contestId, Kind = DeclarationKind.Originality,
            TextZh = "## 原创承诺书\n\n本人郑重承诺：\n\n1. 参赛作品系本人**独立原创**，未抄袭、剽窃他人作品；\n2. 作品未曾在其他比赛中获奖；\n3. 如有违反，主办方有权取消参赛资格及所获奖项，相关法律责任由本人承担。",
            TextEn = "## Originality pledge\n\nI solemnly pledge that:\n\n1. The entry is **my own original work** and copies no one else's;\n2. It has not won an award in another contest;\n3. If this is not true, the organizer may withdraw the entry and any award, and I bear the legal consequences.",
        }), "publishing the demo pledge");
        Check(await SendAsync(Organizer, now.AddDays(-4), new PublishDeclarationCommand
        {
            ContestId = contestId, Kind = DeclarationKind.Licence,
            TextZh = "## 作品使用授权书\n\n本人同意江城市商务局在非商业的公益宣传中免费使用参赛作品（包括展示、汇编出版和网络传播），并署作者姓名。著作权仍归作者所有。",
            TextEn = "## Licence to use the work\n\nI allow the Jiangcheng Commerce Bureau to use the entry free of charge in non-commercial promotion (showing, publishing in collections and online), naming the author. The copyright stays with the author.",
        }), "publishing the demo licence");
    }
}
