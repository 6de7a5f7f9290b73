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

/// <summary>Writes the ZIP straight to the response, one PDF rendered at a time.</summary>
public sealed record SignedDeclarationsZip(string FileName, Func<Stream, CancellationToken, Task> WriteToAsync);

/// <summary>Every submitted entry's signed declarations, one PDF each, in one ZIP.</summary>
public sealed record SignedDeclarationsZipQuery(int ContestId) : IQuery<Result<SignedDeclarationsZip>>;

public sealed class SignedDeclarationsZipHandler(ContestDb db, ICurrentUser user, DeclarationPdf pdf) : IQueryHandler<SignedDeclarationsZipQuery, Result<SignedDeclarationsZip>>
{
    public async ValueTask<Result<SignedDeclarationsZip>> Handle(SignedDeclarationsZipQuery query, CancellationToken ct)
    {
        var contest = await db.Contests.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.ContestId, ct);
        if (contest is null || !user.CanManage(contest)) return Result.NotFound;
        var entries = await db.Entries.AsNoTracking().Include(e => e.Entrant).Include(e => e.Authors)
            .Where(e => e.ContestId == contest.Id && e.State == EntryState.Submitted).OrderBy(e => e.Number).ToListAsync(ct);
        var signed = await SignedDeclarations.ForEntriesAsync(db, entries.Select(e => e.Id).ToList(), ct);
        return new SignedDeclarationsZip($"{contest.Code}-declarations.zip", async (output, token) =>
        {
            var pending = new PendingBytes();
            await using (var zip = await ZipArchive.CreateAsync(pending, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, token))
            {
                foreach (var entry in entries)
                {
                    if (!signed.TryGetValue(entry.Id, out var documents)) continue;
                    entry.Contest = contest;
                    var bytes = pdf.Render(SignedDeclarations.Content(entry, documents));
                    // PDFs are already compressed; storing them saves CPU for nothing lost.
                    var file = zip.CreateEntry($"{entry.Number ?? "entry-" + entry.Id}-declarations.pdf", CompressionLevel.NoCompression);
                    await using (var target = await file.OpenAsync(token)) await target.WriteAsync(bytes, token);
                    await pending.DrainToAsync(output, token);
                }
            }
            await pending.DrainToAsync(output, token);
        });
    }

    /// <summary>
    /// Holds what the archive writes, including the trailer it writes synchronously when an entry closes (which the
    /// response body refuses), and hands it to the response asynchronously after each entry: one PDF in memory at a time.
    /// </summary>
    private sealed class PendingBytes : Stream
    {
        private readonly MemoryStream buffer = new();
        private long written;

        public async Task DrainToAsync(Stream output, CancellationToken ct)
        {
            buffer.Position = 0;
            await buffer.CopyToAsync(output, ct);
            buffer.SetLength(0);
        }

        public override void Write(byte[] data, int offset, int count) { buffer.Write(data, offset, count); written += count; }
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => written;
        public override long Position { get => written; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] data, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
    }
}
