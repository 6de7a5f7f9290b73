using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace BrandStoryContest.Web.Infrastructure.Web;

/// <summary>One-sheet Excel workbooks for exports: a header row, then rows of text or numbers.</summary>
public static class Xlsx
{
    public static byte[] Write(string sheetName, IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        using var stream = new MemoryStream();
        using (var doc = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = doc.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(Row(header.Cast<object?>().ToList()));
            foreach (var r in rows) data.Append(Row(r));
            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName }));
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    /// <summary>Text goes in as inline strings, never as formulas, whatever it starts with.</summary>
    private static Row Row(IReadOnlyList<object?> values)
    {
        var row = new Row();
        foreach (var v in values)
            row.Append(v switch
            {
                null => new Cell(),
                int or long or double or decimal => new Cell { DataType = CellValues.Number, CellValue = new CellValue(Convert.ToDouble(v).ToString(System.Globalization.CultureInfo.InvariantCulture)) },
                _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(v.ToString() ?? "")) },
            });
        return row;
    }
}
