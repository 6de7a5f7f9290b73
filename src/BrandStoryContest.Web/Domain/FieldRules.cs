using System.Globalization;
using System.Text.RegularExpressions;

namespace BrandStoryContest.Web.Domain;

/// <summary>
/// The per-kind checks of custom entry fields and how their values are shown; no I/O. Messages are English keys
/// whose first value is the field's label in the reader's language, so every message names its field.
/// </summary>
public static partial class FieldRules
{
    public const int MaxShortText = 200, MaxLongText = 4000, MaxValue = MaxLongText;
    public const long MaxFileBytes = 10 * 1024 * 1024;
    /// <summary>What a file field takes, sniffed by content like attachments.</summary>
    public static readonly string[] FileTypes = ["pdf", "docx"];

    public static IReadOnlyList<string> SplitChoices(string? choices) =>
        (choices ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToArray();

    /// <summary>
    /// The value as stored from what was typed or ticked: trimmed; a multiple choice joined one per line in the
    /// field's order; a resident ID with a capital X.
    /// </summary>
    public static string Normalize(CategoryField field, IReadOnlyList<string?>? values)
    {
        var given = (values ?? []).Select(v => (v ?? "").Replace("\r\n", "\n").Trim()).Where(v => v.Length > 0).ToList();
        return field.Kind switch
        {
            FieldKind.MultipleChoice => string.Join('\n', field.ChoiceList.Where(given.Contains).Concat(given.Where(g => !field.ChoiceList.Contains(g))).Distinct()),
            FieldKind.ResidentId => (given.FirstOrDefault() ?? "").ToUpperInvariant(),
            FieldKind.LongText => given.FirstOrDefault() ?? "",
            _ => (given.FirstOrDefault() ?? "").Replace('\n', ' '),
        };
    }

    /// <summary>The field's answer broken: required and empty, or not a value of its kind. Null when it is fine.</summary>
    /// <param name="today">For ID numbers: nobody is born after today (the caller's clock; null skips that check).</param>
    public static RuleViolation? Check(CategoryField field, string? value, string label, DateOnly? today = null)
    {
        var key = $"Field{field.Id}";
        if (string.IsNullOrWhiteSpace(value))
            return field.Required ? new RuleViolation(key, "{0}: this field is required.", label) : null;
        return field.Kind switch
        {
            FieldKind.ShortText when value.Length > MaxShortText => new(key, "{0}: at most {1} characters.", label, MaxShortText),
            FieldKind.LongText when value.Length > MaxLongText => new(key, "{0}: at most {1} characters.", label, MaxLongText),
            FieldKind.Number when !IsNumber(value) => new(key, "{0}: enter a number, e.g. 12 or 3.5.", label),
            FieldKind.Date when !IsDate(value) => new(key, "{0}: enter a date as YYYY-MM-DD.", label),
            FieldKind.Email when !IsEmail(value) => new(key, "{0}: enter an email address, e.g. name@example.com.", label),
            FieldKind.MobilePhone when !IsMainlandMobile(value) => new(key, "{0}: enter an 11-digit mainland mobile number starting with 13–19.", label),
            FieldKind.ResidentId when !IsResidentId(value, today) => new(key, "{0}: this is not a valid 18-digit resident ID number (check the date of birth and the last digit).", label),
            FieldKind.Url when !IsUrl(value) => new(key, "{0}: enter a web address starting with http:// or https://.", label),
            FieldKind.SingleChoice when !field.ChoiceList.Contains(value) => new(key, "{0}: choose one of the choices given.", label),
            FieldKind.MultipleChoice when value.Split('\n').Any(v => !field.ChoiceList.Contains(v)) => new(key, "{0}: choose one of the choices given.", label),
            _ => null,
        };
    }

    public static bool IsNumber(string value) =>
        decimal.TryParse(value, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);

    public static bool IsDate(string value) =>
        DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) && d.Year >= 1900;

    public static bool IsEmail(string value) => value.Length <= 254 && Email().IsMatch(value);

    /// <summary>Mainland China mobile numbers: 11 digits, 1 then 3–9.</summary>
    public static bool IsMainlandMobile(string value) => Mobile().IsMatch(value);

    public static bool IsUrl(string value) =>
        value.Length <= 2000 && Uri.TryCreate(value, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" && u.Host.Length > 0;

    private static readonly int[] IdWeights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string IdCheckDigits = "10X98765432";

    /// <summary>
    /// GB 11643-1999: 17 digits (area, date of birth yyyyMMdd, sequence) and a check character, the weighted sum
    /// of the 17 digits modulo 11 mapped through "10X98765432". The date of birth must be a real date from 1900 on,
    /// and not after <paramref name="today"/> when given.
    /// </summary>
    public static bool IsResidentId(string value, DateOnly? today = null)
    {
        if (value.Length != 18) return false;
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            if (value[i] is < '0' or > '9') return false;
            sum += (value[i] - '0') * IdWeights[i];
        }
        if (char.ToUpperInvariant(value[17]) != IdCheckDigits[sum % 11]) return false;
        return DateOnly.TryParseExact(value.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var born)
            && born.Year >= 1900 && (today is not { } t || born <= t);
    }

    /// <summary>An ID number or mobile number as anyone but the contest's organizer reads it: 110***********123X, 138****5678.</summary>
    public static string Mask(FieldKind kind, string value) => kind switch
    {
        FieldKind.ResidentId when value.Length == 18 => value[..3] + new string('*', 11) + value[^4..],
        FieldKind.MobilePhone when value.Length == 11 => value[..3] + "****" + value[^4..],
        FieldKind.ResidentId or FieldKind.MobilePhone => new string('*', value.Length),
        _ => value,
    };

    /// <summary>The kinds whose values are masked for everyone but the contest's organizer.</summary>
    public static bool IsMasked(FieldKind kind) => kind is FieldKind.ResidentId or FieldKind.MobilePhone;

    /// <summary>The English localizer key naming a kind on the organizer's pages.</summary>
    public static string Text(this FieldKind kind) => kind switch
    {
        FieldKind.ShortText => "Short text",
        FieldKind.LongText => "Long text",
        FieldKind.Number => "Number",
        FieldKind.SingleChoice => "Single choice",
        FieldKind.MultipleChoice => "Multiple choice",
        FieldKind.Date => "Date",
        FieldKind.Email => "Email",
        FieldKind.MobilePhone => "Mobile number (mainland China)",
        FieldKind.ResidentId => "Resident ID number (18 digits)",
        FieldKind.Url => "Web address",
        _ => "File",
    };

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s.]+$")]
    private static partial Regex Email();

    [GeneratedRegex(@"^1[3-9][0-9]{9}$")]
    private static partial Regex Mobile();
}
