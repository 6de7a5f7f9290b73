using System.Net.Sockets;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Declarations;

/// <summary>One declaration on the entry form: the current text and whether this entry accepted it (or an older version).</summary>
public sealed record DeclarationOnForm(Declaration Current, bool Accepted, int? AcceptedVersion);

/// <summary>The entry form's side of declarations that are documents: what to show, and what an entrant accepts on saving.</summary>
public static class EntryDeclarations
{
    public static async Task<List<Declaration>> CurrentAsync(ContestDb db, int contestId, CancellationToken ct) =>
        DeclarationRules.Current(await db.Declarations.AsNoTracking().Where(d => d.ContestId == contestId).ToListAsync(ct));

    public static async Task<List<DeclarationOnForm>> OnFormAsync(ContestDb db, Entry entry, CancellationToken ct)
    {
        // An entry recommended to a final holds what its entrant signed in the division, and is locked: those
        // acceptances stand in the final, which never asks for its own versions (there is nothing to tick).
        var current = entry.CarriedOver
            ? DeclarationRules.Current(await db.DeclarationAcceptances.AsNoTracking().Where(a => a.EntryId == entry.Id).Select(a => a.Declaration).ToListAsync(ct))
            : await CurrentAsync(db, entry.ContestId, ct);
        if (current.Count == 0) return [];
        var accepted = await db.DeclarationAcceptances.AsNoTracking().Where(a => a.EntryId == entry.Id)
            .Select(a => new { a.DeclarationId, a.Declaration.Kind, a.Declaration.Version }).ToListAsync(ct);
        return current.Select(d => new DeclarationOnForm(d, accepted.Any(a => a.DeclarationId == d.Id),
            accepted.Where(a => a.Kind == d.Kind).Select(a => (int?)a.Version).Max())).ToList();
    }

    /// <summary>
    /// Records the acceptances of current versions ticked on the form when the entry is (being) submitted, and
    /// answers which current versions the entry still lacks. A contest's document takes the place of the fixed
    /// checkbox of its kind, so the checkbox follows the acceptance. For a contest without documents nothing changes.
    /// </summary>
    public static async Task<List<RuleViolation>> AcceptAsync(ContestDb db, Entry entry, IReadOnlyCollection<int> ticked, bool submitting,
        DateTimeOffset now, HttpContext? http, CancellationToken ct)
    {
        var current = await CurrentAsync(db, entry.ContestId, ct);
        if (current.Count == 0) return [];
        var accepted = (await db.DeclarationAcceptances.Where(a => a.EntryId == entry.Id).Select(a => a.DeclarationId).ToListAsync(ct)).ToHashSet();
        if (submitting)
        {
            foreach (var d in current.Where(d => ticked.Contains(d.Id) && !accepted.Contains(d.Id)))
            {
                db.DeclarationAcceptances.Add(new DeclarationAcceptance { EntryId = entry.Id, DeclarationId = d.Id, AcceptedAt = now, ClientAddress = AddressOf(http) });
                accepted.Add(d.Id);
            }
        }
        foreach (var d in current)
        {
            if (d.Kind == DeclarationKind.Originality) entry.PledgedOriginality = accepted.Contains(d.Id);
            if (d.Kind == DeclarationKind.Licence) entry.DeclaredRights = accepted.Contains(d.Id);
        }
        return DeclarationRules.Missing(current, accepted).ToList();
    }

    /// <summary>
    /// The whole address, not the /64 that rate limits group by: this is evidence of who signed. The forwarded-headers
    /// middleware has already put a configured proxy's forwarded address here, and ignored anyone else's.
    /// </summary>
    public static string? AddressOf(HttpContext? http)
    {
        if (http?.Connection.RemoteIpAddress is not { } address) return null;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return address.AddressFamily is AddressFamily.InterNetwork or AddressFamily.InterNetworkV6 ? address.ToString() : null;
    }
}
