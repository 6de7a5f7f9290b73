using System.IO.Compression;
using BrandStoryContest.Web.Infrastructure.Media;

namespace BrandStoryContest.Tests.Media;

[Collection(MediaCollection.Name)]
public sealed class VideoSnifferTests(MediaFiles media)
{
    [Theory]
    [InlineData(MediaFiles.Clip1080, "mp4")]
    [InlineData(MediaFiles.TinyMov, "mov")]
    [InlineData(MediaFiles.TinyMkv, "mkv")]
    [InlineData(MediaFiles.TinyWebm, "webm")]
    [InlineData(MediaFiles.TinyAvi, "avi")]
    [InlineData(MediaFiles.TinyTs, "ts")]
    [InlineData(MediaFiles.TinyFlv, "flv")]
    [InlineData(MediaFiles.Text, null)]
    [InlineData(MediaFiles.Picture, null)]
    [InlineData(MediaFiles.Cover, null)]
    [InlineData(MediaFiles.AudioOnly, null)]
    [InlineData(MediaFiles.Playlist, null)]
    [InlineData(MediaFiles.Garbage, null)]
    public void Recognises_generated_files_by_their_first_bytes(string file, string? expected)
    {
        Assert.Equal(expected, VideoSniffer.DetectContainer(Head(media.PathOf(file))));
    }

    [Fact]
    public void Rejects_zip_gif_and_short_input()
    {
        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var entry = new StreamWriter(archive.CreateEntry("film.mp4").Open());
            entry.Write(new string('x', 1000));
        }

        Assert.Null(VideoSniffer.DetectContainer(zip.ToArray()));
        Assert.Null(VideoSniffer.DetectContainer(Padded("GIF89a"u8))); // starts with 0x47 like MPEG-TS
        Assert.Null(VideoSniffer.DetectContainer([0x00, 0x00, 0x00, 0x18, (byte)'f', (byte)'t']));
    }

    [Theory]
    [InlineData("isom", "mp4")]
    [InlineData("M4V ", "mp4")]
    [InlineData("3gp4", "mp4")]
    [InlineData("qt  ", "mov")]
    [InlineData("heic", null)]
    [InlineData("avif", null)]
    [InlineData("M4A ", null)]
    public void Uses_the_major_brand_of_the_ftyp_box(string brand, string? expected)
    {
        byte[] head = [0, 0, 0, 0x18, .. "ftyp"u8, .. System.Text.Encoding.ASCII.GetBytes(brand), 0, 0, 2, 0];
        Assert.Equal(expected, VideoSniffer.DetectContainer(Padded(head)));
    }

    [Fact]
    public void Recognises_m2ts_packets()
    {
        var head = new byte[512];
        head[4] = head[196] = head[388] = 0x47;
        Assert.Equal("m2ts", VideoSniffer.DetectContainer(head));
    }

    private static byte[] Head(string path)
    {
        using var file = File.OpenRead(path);
        var head = new byte[512];
        return head[..file.ReadAtLeast(head, head.Length, throwOnEndOfStream: false)];
    }

    private static byte[] Padded(ReadOnlySpan<byte> start)
    {
        var head = new byte[512];
        start.CopyTo(head);
        return head;
    }
}
