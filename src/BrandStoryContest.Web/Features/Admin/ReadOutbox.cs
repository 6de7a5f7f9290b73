using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Admin;

public sealed record OutboxRow(int Id, DateTimeOffset CreatedAt, string To, string Kind, string Language, int? ContestId, string Subject,
    string? Link, OutboxState State, int Attempts, string? LastError, DateTimeOffset? SentAt);

public sealed record OutboxContest(int Id, string Title);

public sealed record OutboxPage(IReadOnlyList<OutboxRow> Rows, IReadOnlyList<OutboxContest> Contests, int? ContestId, OutboxState? State,
    string? To, int Page, int Pages, int Total);

/// <summary>
/// The outbox, newest first, a page at a time. Admins read every message; an organizer only the messages of
/// contests they run (not account mail such as confirmations, which belongs to no contest). Another organizer's
/// contest id in the URL is "not found", the same as one that does not exist.
/// </summary>
public sealed record ReadOutboxQuery(int? ContestId = null, OutboxState? State = null, string? To = null, int Page = 1) : IQuery<Result<OutboxPage>>;

public sealed class ReadOutboxHandler(ContestDb db, ICurrentUser user) : IQueryHandler<ReadOutboxQuery, Result<OutboxPage>>
{
    public const int PageSize = 50;

    public async ValueTask<Result<OutboxPage>> Handle(ReadOutboxQuery query, CancellationToken ct)
    {
        var contests = db.Contests.AsNoTracking();
        if (!user.IsAdmin())
        {
            if (!user.IsInRole(Roles.Organizer)) return Result.NotFound;
            contests = contests.Where(c => c.OwnerId == user.Id);
        }
        var visible = await contests.OrderByDescending(c => c.Id).Select(c => new { c.Id, c.TitleZh, c.TitleEn }).ToListAsync(ct);
        if (query.ContestId is { } wanted && visible.All(c => c.Id != wanted)) return Result.NotFound;

        var messages = db.Outbox.AsNoTracking();
        if (query.ContestId is { } contestId) messages = messages.Where(m => m.ContestId == contestId);
        else if (!user.IsAdmin())
        {
            var mine = visible.Select(c => c.Id).ToList();
            messages = messages.Where(m => m.ContestId != null && mine.Contains(m.ContestId.Value));
        }
        if (query.State is { } state) messages = messages.Where(m => m.State == state);
        if (!string.IsNullOrWhiteSpace(query.To)) messages = messages.Where(m => m.To.Contains(query.To.Trim()));

        var total = await messages.CountAsync(ct);
        var pages = Math.Max(1, (total + PageSize - 1) / PageSize);
        var page = Math.Clamp(query.Page, 1, pages);
        var rows = await messages.OrderByDescending(m => m.Id).Skip((page - 1) * PageSize).Take(PageSize)
            .Select(m => new OutboxRow(m.Id, m.CreatedAt, m.To, m.Kind, m.Language, m.ContestId, m.Subject, m.Link, m.State, m.Attempts,
                m.LastError, m.SentAt))
            .ToListAsync(ct);
        var language = Languages.Normalize(System.Globalization.CultureInfo.CurrentUICulture.Name);
        return new OutboxPage(rows, visible.Select(c => new OutboxContest(c.Id, language == Languages.English && !string.IsNullOrWhiteSpace(c.TitleEn) ? c.TitleEn : c.TitleZh)).ToList(),
            query.ContestId, query.State, query.To, page, pages, total);
    }
}
