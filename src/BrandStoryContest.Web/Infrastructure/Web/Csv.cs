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

    /// <summary>UTF-8 with a BOM, so Excel opens Chinese text correctly.</summary>
    public static byte[] Utf8WithBom(StringBuilder text) => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
}
