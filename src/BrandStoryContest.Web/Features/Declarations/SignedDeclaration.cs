using System.IO.Compression;
using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Certificates;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Markdig;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Declarations;

public sealed record DeclarationPdfFile(string FileName, byte[] Content);

/// <summary>One entry's signed declarations as a PDF, for the contest's organizer only.</summary>
public sealed record SignedDeclarationQuery(int EntryId) : IQuery<Result<DeclarationPdfFile>>;

public sealed class SignedDeclarationHandler(ContestDb db, ICurrentUser user, DeclarationPdf pdf) : IQueryHandler<SignedDeclarationQuery, Result<DeclarationPdfFile>>
{
    public async ValueTask<Result<DeclarationPdfFile>> Handle(SignedDeclarationQuery query, CancellationToken ct)
    {
        var entry = await db.Entries.AsNoTracking().Include(e => e.Contest).Include(e => e.Entrant).Include(e => e.Authors).SingleOrDefaultAsync(e => e.Id == query.EntryId, ct);
        if (entry is null || !user.CanManage(entry.Contest)) return Result.NotFound;
        var signed = await SignedDeclarations.ForEntriesAsync(db, [entry.Id], ct);
        if (!signed.TryGetValue(entry.Id, out var documents))
            return Result.Refuse("This entry has not accepted any declaration document.");
        return new DeclarationPdfFile($"{entry.Number ?? "entry-" + entry.Id}-declarations.pdf", pdf.Render(SignedDeclarations.Content(entry, documents)));
    }
}

/// <summary>What a signed declaration PDF says, read the same way for one entry and for the ZIP.</summary>
public static class SignedDeclarations
{
    /// <param name="ContestId">The contest whose document it is: a division's for an entry recommended to a final, which keeps what was signed there.</param>
    public sealed record Signed(DeclarationKind Kind, int Version, string TextZh, string? TextEn, DateTimeOffset AcceptedAt, string? ClientAddress,
        int ContestId, string ContestTitle);

    /// <summary>Per entry, the latest accepted version of each kind (an entry that accepted v1 and then v2 signed v2 last).</summary>
    public static async Task<Dictionary<int, List<Signed>>> ForEntriesAsync(ContestDb db, IReadOnlyCollection<int> entryIds, CancellationToken ct)
    {
        var rows = await db.DeclarationAcceptances.AsNoTracking().Where(a => entryIds.Contains(a.EntryId))
            .Select(a => new { a.EntryId, a.Declaration.Kind, a.Declaration.Version, a.Declaration.TextZh, a.Declaration.TextEn, a.AcceptedAt, a.ClientAddress,
                a.Declaration.ContestId, a.Declaration.Contest.TitleZh })
            .ToListAsync(ct);
        return rows.GroupBy(r => r.EntryId).ToDictionary(g => g.Key, g => g.GroupBy(r => r.Kind).Select(k => k.MaxBy(r => r.Version)!)
            .OrderBy(r => r.Kind).Select(r => new Signed(r.Kind, r.Version, r.TextZh, r.TextEn, r.AcceptedAt, r.ClientAddress, r.ContestId, r.TitleZh)).ToList());
    }

    public static SignedDeclarationContent Content(Entry entry, IReadOnlyList<Signed> documents)
    {
        var contest = entry.Contest;
        // Everyone the entry names, in the certificate's order: the entrant of record, co-authors, then instructors.
        var authors = EntryTeam.Of(entry.NameOfRecord, entry.OrganizationOfRecord, entry.EntrantId, entry.Authors)
            .Select(m => (m.Role == AuthorRole.Instructor ? "指导老师 / Instructor: " : "") + (m.Organization is { Length: > 0 } org ? $"{m.Name}（{org}）" : m.Name))
            .ToList();
        // An entry recommended to a final carries its division's acceptances as they were: the PDF says where they were signed.
        var signedIn = documents.Where(d => d.ContestId != entry.ContestId).Select(d => d.ContestTitle).Distinct().ToList();
        return new SignedDeclarationContent(contest.TitleZh + (string.IsNullOrWhiteSpace(contest.TitleEn) ? "" : " / " + contest.TitleEn),
            entry.Number ?? "—", entry.Title, authors,
            documents.Select(d => new SignedDocument($"{Declaration.TitleZh(d.Kind)} / {Declaration.Title(d.Kind)}", d.Version,
                PlainText(d.TextZh) + (d.TextEn is { Length: > 0 } en ? "\n\n" + PlainText(en) : ""),
                ContestTime.Format(d.AcceptedAt, contest.TimeZoneId) + " " + contest.TimeZoneId, d.ClientAddress)).ToList())
        { SignedIn = signedIn.Count == 0 ? null : string.Join("；", signedIn) };
    }

    private static string PlainText(string markdown) => Markdown.ToPlainText(markdown).Trim();
}
