using System.Text;

namespace BrandStoryContest.Web.Infrastructure.Web;

public static class Csv
{
    /// <summary>Every field quoted; a cell that would start a formula (= + - @) is prefixed with ' so spreadsheets show it as text.</summary>
    public static string Field(string? value)
    {
        var v = value ?? "";
        if (v.Length > 0 && "=+-@\t\r".Contains(v[0])) v = "'" + v;
        return "\"" + v.Replace("\"", "\"\"") + "\"";
    }

    public static string Line(IEnumerable<string?> fields) => string.Join(',', fields.Select(Field));

    /// <summary>
    /// Writes the header and then each row as it is read, so an export of 100,000 entries holds one row in memory, not
    /// the file. UTF-8 with a BOM, so Excel opens Chinese text correctly.
    /// </summary>
    public static async Task WriteAsync(Stream output, IEnumerable<string?> header, IAsyncEnumerable<IEnumerable<string?>> rows, CancellationToken ct)
    {
        await using var writer = new StreamWriter(output, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
        await writer.WriteLineAsync(Line(header).AsMemory(), ct);
        await foreach (var row in rows.WithCancellation(ct))
            await writer.WriteLineAsync(Line(row).AsMemory(), ct);
        await writer.FlushAsync(ct);
    }

    /// <summary>UTF-8 with a BOM, so Excel opens Chinese text correctly.</summary>
    public static byte[] Utf8WithBom(StringBuilder text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
}
