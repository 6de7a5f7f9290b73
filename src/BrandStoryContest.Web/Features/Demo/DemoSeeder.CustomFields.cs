using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Contests;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Demo;

public sealed partial class DemoSeeder
{
    /// <summary>The open call's story form asks what real calls ask: the 单位 and mobile number (identifying), and how the entrant heard of it.</summary>
    private async Task SeedOpenCallFieldsAsync(int storiesId, CancellationToken ct)
    {
        if (await ReadAsync(db => db.CategoryFields.AnyAsync(f => f.CategoryId == storiesId, ct))) return;
        SaveCategoryFieldCommand[] fields =
        [
            new() { CategoryId = storiesId, Kind = FieldKind.ShortText, Required = true, Identifying = true, LabelZh = "工作单位", LabelEn = "Employer or organization",
                HelpZh = "证书上的单位名称，评委看不到。", HelpEn = "As it should appear on a certificate; judges never see it." },
            new() { CategoryId = storiesId, Kind = FieldKind.MobilePhone, Required = true, Identifying = true, LabelZh = "手机号", LabelEn = "Mobile number",
                HelpZh = "获奖时主办方与您联系。", HelpEn = "The organizer calls winners on it." },
            new() { CategoryId = storiesId, Kind = FieldKind.MultipleChoice, LabelZh = "获知渠道", LabelEn = "How you heard of the call",
                Choices = "微信公众号\n微博\n海报\n朋友推荐" },
        ];
        foreach (var field in fields)
            await AsAsync(Organizer, null, async m => (await m.Send(field, ct)).Value);
    }
}
