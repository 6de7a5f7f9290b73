using System.Net;
using BrandStoryContest.Tests.Infrastructure;
using BrandStoryContest.Tests.Organizations;
using BrandStoryContest.Web.Domain;

namespace BrandStoryContest.Tests.Security;

public sealed partial class AuthorizationMatrixTests
{
    /// <summary>The rows of the organizations feature (kept here so the main table stays one merge point).</summary>
    // A property, not a field: the main table reads it while the class initializes, whatever order the partial files run in.
    internal static Dictionary<string, string> OrganizationRules => new()
    {
        // A unit's contact is an entrant account; which unit is the handler's business (another unit's id is "not found").
        ["Organizations.Index GET"] = "Entrant", ["Organizations.Register POST"] = "Entrant", ["Organizations.Entries GET"] = "Entrant",
        ["Organizations.Entry GET"] = "Entrant", ["Organizations.SetForEntry POST"] = "Entrant",
        ["Organizations.Contest GET"] = "Organizer", ["Organizations.ManageEntries GET"] = "Organizer", ["Organizations.Award POST"] = "Organizer",
    };

    [Fact]
    public async Task An_organization_contact_sees_only_their_organizations_entries()
    {
        var organizer = await app.CreateUserAsync(Roles.Organizer);
        var contest = await TestData.ContestAsync(app, organizer);
        var contactA = await app.CreateUserAsync(Roles.Entrant);
        var contactB = await app.CreateUserAsync(Roles.Entrant);
        var a = await OrganizationTests.RegisterAsync(app, contactA, contest.Id, "甲单位");
        var b = await OrganizationTests.RegisterAsync(app, contactB, contest.Id, "乙单位");
        var staffA = await app.CreateUserAsync(Roles.Entrant, realName: "甲员工");
        var staffB = await app.CreateUserAsync(Roles.Entrant, realName: "乙员工");
        var entryA = await OrganizationTests.DraftAsync(app, staffA, contest, a);
        var entryB = await OrganizationTests.DraftAsync(app, staffB, contest, b);
        await OrganizationTests.SubmitAsync(app, staffA, entryA, "甲单位的故事");
        await OrganizationTests.SubmitAsync(app, staffB, entryB, "乙单位的故事");

        var web = Browserless.For(app);
        await web.SignInAsync(contactA.Email!, AppFactory.TestPassword);
        var list = await web.GetHtmlAsync($"/organizations/{a}/entries");
        Assert.Contains("甲单位的故事", list);
        Assert.DoesNotContain("乙单位的故事", list);
        var entry = await web.GetHtmlAsync($"/organizations/entries/{entryA}");
        Assert.Contains("甲单位的故事", entry);
        Assert.Contains("甲员工", entry);
        Assert.Equal(HttpStatusCode.NotFound, (await web.Client.GetAsync($"/organizations/{b}/entries")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await web.Client.GetAsync($"/organizations/entries/{entryB}")).StatusCode);
        // A unit contact is not the organizer: the organizer's pages stay closed to them.
        Assert.Equal(HttpStatusCode.Redirect, (await web.Client.GetAsync($"/manage/organizations/{a}/entries")).StatusCode);

        // The entrant who sent the entry is not the unit's contact.
        var staff = Browserless.For(app);
        await staff.SignInAsync(staffA.Email!, AppFactory.TestPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.Client.GetAsync($"/organizations/{a}/entries")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await staff.Client.GetAsync($"/organizations/entries/{entryA}")).StatusCode);

        // Another contest's organizer sees neither the units nor their entries.
        var stranger = await app.CreateUserAsync(Roles.Organizer);
        var other = Browserless.For(app);
        await other.SignInAsync(stranger.Email!, AppFactory.TestPassword);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/manage/contests/{contest.Id}/organizations")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Client.GetAsync($"/manage/organizations/{a}/entries")).StatusCode);
    }
}
