using System.IO.Compression;

namespace BrandStoryContest.Web.Infrastructure.Web;

/// <summary>One PDF of a <see cref="PdfZip"/>: its name in the archive and how to open it (null: it is gone, and left out).</summary>
public sealed record PdfZipFile(string Name, Func<CancellationToken, Task<Stream?>> OpenAsync);

/// <summary>
/// A ZIP of PDFs to download (signed declarations, certificates), written straight to the response one file at a time:
/// each is opened only when its turn comes and closed before the next, so one PDF is in memory at a time.
/// </summary>
public sealed record PdfZip(string FileName, IReadOnlyList<PdfZipFile> Files)
{
    public async Task WriteToAsync(Stream output, CancellationToken ct)
    {
        var pending = new PendingBytes();
        await using (var zip = await ZipArchive.CreateAsync(pending, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct))
        {
            foreach (var file in Files)
            {
                await using var source = await file.OpenAsync(ct);
                if (source is null) continue;
                // PDFs are already compressed; storing them saves CPU for nothing lost.
                var entry = zip.CreateEntry(file.Name, CompressionLevel.NoCompression);
                await using (var target = await entry.OpenAsync(ct)) await source.CopyToAsync(target, ct);
                await pending.DrainToAsync(output, ct);
            }
        }
        await pending.DrainToAsync(output, ct);
    }

    /// <summary>
    /// Holds what the archive writes, including the trailer it writes synchronously when an entry closes (which the
    /// response body refuses), and hands it to the response asynchronously after each entry.
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

        public override void Write(byte[] data, int offset, int count) => Write(data.AsSpan(offset, count));
        public override void Write(ReadOnlySpan<byte> data) { buffer.Write(data); written += data.Length; }

        // Into memory, so at once: Stream's own async write would hand each block to the thread pool first.
        public override Task WriteAsync(byte[] data, int offset, int count, CancellationToken ct) { Write(data.AsSpan(offset, count)); return Task.CompletedTask; }
        public override ValueTask WriteAsync(ReadOnlyMemory<byte> data, CancellationToken ct = default) { Write(data.Span); return ValueTask.CompletedTask; }
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
