using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BrandStoryContest.Web.Infrastructure.Web;

/// <summary>One-sheet Excel workbooks for exports: a header row, then rows of text or numbers.</summary>
public static class Xlsx
{
    /// <summary>
    /// Writes the sheet row by row with the SAX-style <see cref="OpenXmlWriter"/>, never building the sheet as a DOM, so
    /// memory stays flat however many rows there are. The zip package needs a seekable stream, so the workbook goes to
    /// a temporary file (deleted on close) that the caller streams to the response.
    /// </summary>
    public static async Task<Stream> WriteAsync(string sheetName, IReadOnlyList<string> header, IAsyncEnumerable<IReadOnlyList<object?>> rows, CancellationToken ct)
    {
        var file = new FileStream(Path.GetTempFileName(), FileMode.Create, FileAccess.ReadWrite, FileShare.None, 64 * 1024,
            FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        try
        {
            using (var doc = SpreadsheetDocument.Create(file, SpreadsheetDocumentType.Workbook))
            {
                var workbook = doc.AddWorkbookPart();
                var sheetPart = workbook.AddNewPart<WorksheetPart>();
                using (var writer = OpenXmlWriter.Create(sheetPart))
                {
                    writer.WriteStartElement(new Worksheet());
                    writer.WriteStartElement(new SheetData());
                    WriteRow(writer, header.Cast<object?>().ToList());
                    await foreach (var r in rows.WithCancellation(ct)) WriteRow(writer, r);
                    writer.WriteEndElement();
                    writer.WriteEndElement();
                }
                workbook.Workbook = new Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));
                workbook.Workbook.Save();
            }
            file.Position = 0;
            return file;
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
    }

    /// <summary>Text goes in as inline strings, never as formulas, whatever it starts with.</summary>
    private static void WriteRow(OpenXmlWriter writer, IReadOnlyList<object?> values)
    {
        writer.WriteStartElement(new Row());
        foreach (var v in values)
            writer.WriteElement(v switch
            {
                null => new Cell(),
                int or long or double or decimal => new Cell { DataType = CellValues.Number, CellValue = new CellValue(Convert.ToDouble(v).ToString(System.Globalization.CultureInfo.InvariantCulture)) },
                _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(v.ToString() ?? "")) },
            });
        writer.WriteEndElement();
    }
}
