using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Features.Entries;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Organizations;

public static class EntryOrganization
{
    /// <summary>The registered name of the unit an entry is sent for, or null: it becomes the entry's organization of record.</summary>
    public static async Task<string?> NameAsync(ContestDb db, int? organizationId, CancellationToken ct) =>
        organizationId is { } id ? await db.Organizations.Where(o => o.Id == id).Select(o => o.Name).SingleOrDefaultAsync(ct) : null;
}
