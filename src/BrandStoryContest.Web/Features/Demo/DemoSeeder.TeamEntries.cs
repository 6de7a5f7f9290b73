using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Entries;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Demo;

public sealed partial class DemoSeeder
{
    /// <summary>
    /// The writer's open-call draft as a team entry: a co-author with a demo account (mailed a confirm link, shown
    /// "unconfirmed" until they open it) and an instructor without one. Nothing is added twice.
    /// </summary>
    private async Task SeedTeamEntryAsync(int? entryId, CancellationToken ct)
    {
        if (entryId is not { } id || await ReadAsync(db => db.EntryAuthors.AnyAsync(a => a.EntryId == id, ct))) return;
        var coAuthor = await ReadAsync(db => db.Users.AsNoTracking().SingleAsync(u => u.Email == Author(1), ct));
        Check(await SendAsync(Writer, now.AddHours(-20), new AddEntryAuthorCommand
        {
            EntryId = id, Name = coAuthor.RealName, Organization = coAuthor.Organization, Email = coAuthor.Email, Role = AuthorRole.Author,
        }), "adding the demo co-author");
        Check(await SendAsync(Writer, now.AddHours(-20), new AddEntryAuthorCommand
        {
            EntryId = id, Name = "周文澜", Organization = "江城职业技术学院", Role = AuthorRole.Instructor,
        }), "adding the demo instructor");
    }
}
