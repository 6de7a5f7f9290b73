using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Screening;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Demo;

public sealed partial class DemoSeeder
{
    /// <summary>
    /// Issue 17.5 in the open call: the writer's second story was returned for correction, so the writer's
    /// "My entries", the organizer's dashboard and the screening page show a returned entry and its deadline.
    /// </summary>
    private async Task SeedReturnedEntryAsync(int contestId, int stories, CancellationToken ct)
    {
        var story = DemoStories.Generate(2, seed: 2027)[1];
        var id = await ExistingEntryAsync(Writer, stories, story.Title, ct);
        // A restart must not resubmit it: once returned, this stage is done.
        if (id is not null && await ReadAsync(db => db.Entries.AnyAsync(e => e.Id == id && e.State == EntryState.Returned, ct))) return;
        await SubmitStoryAsync(Writer, stories, story, now.AddDays(-2), ct);
        id = await ExistingEntryAsync(Writer, stories, story.Title, ct) ?? throw new InvalidOperationException("Demo: the story to return is missing.");
        var zone = await ReadAsync(db => db.Contests.Where(c => c.Id == contestId).Select(c => c.TimeZoneId).SingleAsync(ct));
        var due = ContestTime.ToLocal(now.AddDays(7), zone).DateTime;
        Check(await SendAsync(Organizer, now.AddDays(-1), new ReturnEntryCommand(id.Value,
            "正文提到了作者本人的单位名称，评审须匿名：请删去后重新提交。", due)), "returning an entry for correction");
    }
}
