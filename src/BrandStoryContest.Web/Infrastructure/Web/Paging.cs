using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Infrastructure.Web;

/// <summary>
/// Which page of a list the organizer asked for. Lists page on the server so that a national call's 20,000 entries
/// never reach the browser (or the app's memory) at once; the size is capped here, whatever the query string says.
/// </summary>
public sealed record PageRequest
{
    public const int DefaultSize = 50, MaxSize = 200;

    public PageRequest(int? number = null, int? size = null)
    {
        Number = Math.Max(1, number ?? 1);
        Size = Math.Clamp(size ?? DefaultSize, 1, MaxSize);
    }

    public int Number { get; }
    public int Size { get; }
    public int Skip => (int)Math.Min(int.MaxValue, (long)(Number - 1) * Size);
}

/// <summary>Where a page sits in its list, for the pager; <paramref name="Param"/> names the query parameter when a page has two lists.</summary>
public sealed record PageInfo(int Number, int Size, int Total, string Param = "page")
{
    public int Pages => Math.Max(1, (Total + Size - 1) / Size);
    public int FirstRow => Total == 0 ? 0 : Math.Min(Total, (Number - 1) * Size + 1);
    public int LastRow => Math.Min(Total, Number * Size);
}

public sealed record Paged<T>(IReadOnlyList<T> Items, PageInfo Info)
{
    public static Paged<T> Of(IReadOnlyList<T> all, PageRequest page, string param = "page") =>
        new(all.Skip(page.Skip).Take(page.Size).ToList(), new PageInfo(page.Number, page.Size, all.Count, param));
}

public static class PagingExtensions
{
    /// <summary>
    /// Counts the filtered set and reads one page of it, both in SQL. The query must already be ordered with a unique
    /// tie-breaker last (usually the Id), or rows could repeat or vanish between pages.
    /// </summary>
    public static async Task<Paged<T>> ToPageAsync<T>(this IQueryable<T> ordered, PageRequest page, CancellationToken ct, string param = "page")
    {
        var total = await ordered.CountAsync(ct);
        return await ordered.ToPageAsync(page, total, ct, param);
    }

    /// <summary>One page of a list whose size the caller already knows (e.g. summed from counts it shows anyway): no second count.</summary>
    public static async Task<Paged<T>> ToPageAsync<T>(this IQueryable<T> ordered, PageRequest page, int total, CancellationToken ct, string param = "page")
    {
        var items = await ordered.Skip(page.Skip).Take(page.Size).ToListAsync(ct);
        return new Paged<T>(items, new PageInfo(page.Number, page.Size, total, param));
    }
}
