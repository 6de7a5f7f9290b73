using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Reminders;

/// <summary>What the opt-out page shows: whether the link is good, and whether reminders are already off.</summary>
public sealed record OptOutPage(string Token, bool Valid, bool AlreadyOut, bool Done = false);

/// <summary>The page a reminder's link opens. Reading it changes nothing (mail scanners follow links); the button posts.
/// A link that is not valid still gets the page, which says so: it is the answer the reader came for.</summary>
public sealed record ReadOptOutQuery(string? Token) : IQuery<Result<OptOutPage>>;

public sealed class ReadOptOutHandler(ContestDb db, OptOutTokens tokens) : IQueryHandler<ReadOptOutQuery, Result<OptOutPage>>
{
    public async ValueTask<Result<OptOutPage>> Handle(ReadOptOutQuery query, CancellationToken ct)
    {
        var id = tokens.AccountOf(query.Token);
        var optedOut = id is null ? null : await db.Users.Where(u => u.Id == id).Select(u => (bool?)u.RemindersOptedOut).SingleOrDefaultAsync(ct);
        return new OptOutPage(query.Token ?? "", optedOut is not null, optedOut == true);
    }
}
