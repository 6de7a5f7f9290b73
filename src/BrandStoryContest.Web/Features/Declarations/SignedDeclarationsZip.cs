using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Certificates;
using BrandStoryContest.Web.Infrastructure.Results;
using BrandStoryContest.Web.Infrastructure.Web;
using Markdig;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Declarations;

/// <summary>Every submitted entry's signed declarations, one PDF each, in one ZIP.</summary>
public sealed record SignedDeclarationsZipQuery(int ContestId) : IQuery<Result<PdfZip>>;

public sealed class SignedDeclarationsZipHandler(ContestDb db, ICurrentUser user, DeclarationPdf pdf) : IQueryHandler<SignedDeclarationsZipQuery, Result<PdfZip>>
{
    public async ValueTask<Result<PdfZip>> Handle(SignedDeclarationsZipQuery query, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.ContestId, ct);
        if (contest is null || !user.CanManage(contest)) return Result.NotFound;
        var entries = await db.Entries.AsNoTracking().Include(e => e.Entrant).Include(e => e.Authors)
            .Where(e => e.ContestId == contest.Id && e.State == EntryState.Submitted).OrderBy(e => e.Number).ToListAsync(ct);
        var signed = await SignedDeclarations.ForEntriesAsync(db, entries.Select(e => e.Id).ToList(), ct);
        return new PdfZip($"{contest.Code}-declarations.zip", entries.Where(e => signed.ContainsKey(e.Id))
            .Select(entry => new PdfZipFile($"{entry.Number ?? "entry-" + entry.Id}-declarations.pdf", _ =>
            {
                entry.Contest = contest;
                return Task.FromResult<Stream?>(new MemoryStream(pdf.Render(SignedDeclarations.Content(entry, signed[entry.Id]))));
            })).ToList());
    }
}
