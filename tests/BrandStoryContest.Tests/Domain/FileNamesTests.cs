using System.IO.Compression;
using BrandStoryContest.Web.Domain;

namespace BrandStoryContest.Tests.Domain;

public sealed class FileNamesTests
{
    [Theory]
    [InlineData("../../etc/passwd", "passwd")]
    [InlineData("C:\\Users\\me\\故事.docx", "故事.docx")]
    [InlineData("invoice\u202Efdp.exe", "invoicefdp.exe")]
    [InlineData("bad\u0000name\u0007.pdf", "badname.pdf")]
    [InlineData("   ", "file")]
    [InlineData(".hidden", "hidden")]
    public void Names_lose_paths_control_and_direction_characters(string raw, string expected) =>
        Assert.Equal(expected, FileNames.Sanitize(raw));

    [Fact]
    public void Very_long_names_are_cut_but_keep_their_extension()
    {
        var name = FileNames.Sanitize(new string('长', 500) + ".pdf");
        Assert.Equal(FileNames.MaxLength, name.Length);
        Assert.EndsWith(".pdf", name);
    }

    [Fact]
    public void Documents_are_recognised_by_content_not_by_name()
    {
        Assert.Equal("pdf", DocumentSniffer.Detect(new MemoryStream("%PDF-1.7 rest"u8.ToArray())));
        Assert.Null(DocumentSniffer.Detect(new MemoryStream("hello world"u8.ToArray())));
        var docx = new MemoryStream();
        using (var zip = new ZipArchive(docx, ZipArchiveMode.Create, leaveOpen: true))
        {
            zip.CreateEntry("[Content_Types].xml");
            zip.CreateEntry("word/document.xml");
        }
        docx.Position = 0;
        Assert.Equal("docx", DocumentSniffer.Detect(docx));
        Assert.Equal(0, docx.Position);
    }
}
