using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Organizations;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Demo;

public sealed partial class DemoSeeder
{
    /// <summary>
    /// The open call's unit: the writer registers the heritage-brands association and sends her draft for it, so
    /// /organizations and the organizer's Organizations page have something to show.
    /// </summary>
    private async Task SeedOpenCallOrganizationAsync(int contestId, int storiesCategoryId, CancellationToken ct)
    {
        const string name = "江城老字号协会";
        var unit = await ReadAsync(db => db.Organizations.Where(o => o.ContestId == contestId && o.Name == name).Select(o => (int?)o.Id).SingleOrDefaultAsync(ct))
            ?? Check(await SendAsync(Writer, now.AddDays(-2), new RegisterOrganizationCommand
            {
                ContestId = contestId, Name = name, CreditCode = CreditCodes.WithCheck("51420100MJ1234567"),
            }), "registering the demo organization");
        var draft = await ReadAsync(db => db.Entries.Where(e => e.CategoryId == storiesCategoryId && e.Entrant.Email == Writer && e.State == EntryState.Draft)
            .OrderBy(e => e.Id).Select(e => (int?)e.Id).FirstOrDefaultAsync(ct));
        if (draft is { } id)
            Check(await SendAsync(Writer, now.AddDays(-1), new SetEntryOrganizationCommand(id, unit)), "sending the demo draft for its organization");
    }
}
