using System.IO.Compression;
using BrandStoryContest.Web.Infrastructure.Web;

namespace BrandStoryContest.Tests.Web;

/// <summary>The one ZIP writer of signed declarations and certificates.</summary>
public sealed class PdfZipTests
{
    [Fact]
    public async Task Files_are_stored_in_order_a_missing_one_is_left_out_and_nothing_is_written_synchronously()
    {
        var (one, two) = ("%PDF-1.7 one"u8.ToArray(), "%PDF-1.7 two"u8.ToArray());
        var opened = new List<string>();
        PdfZipFile File(string name, byte[]? bytes) => new(name, _ =>
        {
            opened.Add(name);
            return Task.FromResult<Stream?>(bytes is null ? null : new MemoryStream(bytes));
        });
        var zip = new PdfZip("BSC2026-certificates.zip", [File("S-0001-C1.pdf", one), File("gone.pdf", null), File("S-0002-C2.pdf", two)]);
        Assert.Empty(opened); // nothing is opened before the response is written

        var output = new AsyncOnlyStream();
        await zip.WriteToAsync(output, CancellationToken.None);

        Assert.Equal(["S-0001-C1.pdf", "gone.pdf", "S-0002-C2.pdf"], opened);
        using var archive = new ZipArchive(new MemoryStream(output.ToArray()));
        Assert.Equal(["S-0001-C1.pdf", "S-0002-C2.pdf"], archive.Entries.Select(e => e.FullName));
        Assert.All(archive.Entries, e => Assert.Equal(e.Length, e.CompressedLength)); // stored: PDFs are compressed already
        foreach (var (entry, bytes) in archive.Entries.Zip([one, two]))
        {
            using var content = new MemoryStream();
            await using (var read = await entry.OpenAsync()) await read.CopyToAsync(content);
            Assert.Equal(bytes, content.ToArray());
        }
    }

    /// <summary>Like a response body without AllowSynchronousIO: a synchronous write throws.</summary>
    private sealed class AsyncOnlyStream : Stream
    {
        private readonly MemoryStream written = new();
        public byte[] ToArray() => written.ToArray();

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken ct) { written.Write(buffer.Span); return ValueTask.CompletedTask; }
        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken ct) => WriteAsync(buffer.AsMemory(offset, count), ct).AsTask();
        public override Task FlushAsync(CancellationToken ct) => Task.CompletedTask;
        public override void Write(byte[] buffer, int offset, int count) => throw Sync();
        public override void Write(ReadOnlySpan<byte> buffer) => throw Sync();
        public override void Flush() => throw Sync();
        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        private static InvalidOperationException Sync() => new("Synchronous operations are disallowed.");
    }
}
