using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Admin;

public sealed record ReadOutboxQuery(string? To) : IQuery<IReadOnlyList<OutboxMessage>>;

public sealed class ReadOutboxHandler(ContestDb db) : IQueryHandler<ReadOutboxQuery, IReadOnlyList<OutboxMessage>>
{
    public async ValueTask<IReadOnlyList<OutboxMessage>> Handle(ReadOutboxQuery query, CancellationToken ct)
    {
        var messages = db.Outbox.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.To)) messages = messages.Where(m => m.To.Contains(query.To));
        return await messages.OrderByDescending(m => m.Id).Take(200).ToListAsync(ct);
    }
}
