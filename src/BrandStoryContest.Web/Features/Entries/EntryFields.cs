using BrandStoryContest.Web.Data;
using BrandStoryContest.Web.Domain;
using BrandStoryContest.Web.Infrastructure.Web;
using Microsoft.EntityFrameworkCore;

namespace BrandStoryContest.Web.Features.Entries;

/// <summary>One custom field as posted: its id and what was typed, chosen or ticked (several values for a multiple choice).</summary>
public sealed class FieldAnswerInput
{
    public int FieldId { get; set; }
    public List<string?>? Values { get; set; }
}

/// <summary>The category's custom fields on the entry form, and how their answers are saved and checked with the entry.</summary>
public static class EntryFields
{
    /// <summary>The fields entrants answer now, in order; archived fields are not asked any more.</summary>
    public static Task<List<CategoryField>> ActiveFieldsAsync(this ContestDb db, int categoryId, CancellationToken ct) =>
        db.CategoryFields.Where(f => f.CategoryId == categoryId && !f.Archived).OrderBy(f => f.Order).ThenBy(f => f.Id).ToListAsync(ct);

    /// <summary>The HTML input for a one-line kind: its type, the keyboard phones show, and its maxlength.</summary>
    public static (string Type, string InputMode, int MaxLength) InputOf(FieldKind kind) => kind switch
    {
        FieldKind.Number => ("text", "decimal", 40),
        FieldKind.Date => ("date", "text", 10),
        FieldKind.Email => ("email", "email", 254),
        FieldKind.MobilePhone => ("tel", "tel", 11),
        FieldKind.ResidentId => ("text", "text", 18),
        FieldKind.Url => ("url", "url", 2000),
        _ => ("text", "text", FieldRules.MaxShortText),
    };

    /// <summary>The stored answers as the form shows them, so a draft opens with what was saved.</summary>
    public static List<FieldAnswerInput> ToInputs(IEnumerable<CategoryField> fields, IEnumerable<EntryFieldAnswer> answers) =>
        fields.Where(f => f.Kind != FieldKind.File).Select(f => new FieldAnswerInput
        {
            FieldId = f.Id,
            Values = answers.FirstOrDefault(a => a.FieldId == f.Id)?.Value is { Length: > 0 } v ? [.. v.Split('\n')] : [],
        }).ToList();

    /// <summary>
    /// Puts the posted answers on the tracked entry (fields not posted keep their answers; files come through
    /// AttachFieldFile) and checks every active field. <c>Refused</c>: input no form can send (too many or too long
    /// values), refused even for a draft. <c>Broken</c>: required or malformed answers, which a draft may still have
    /// and a submission may not, exactly like the story's length.
    /// </summary>
    public static async Task<(RuleViolation? Refused, List<RuleViolation> Broken)> ApplyFieldAnswersAsync(this ContestDb db, Entry entry,
        IReadOnlyList<FieldAnswerInput>? inputs, DateTimeOffset now, CancellationToken ct)
    {
        var fields = await db.ActiveFieldsAsync(entry.CategoryId, ct);
        if (fields.Count == 0) return (null, []);
        var language = ReaderLanguage.Current;
        inputs ??= [];
        if (inputs.Count > CategoryField.MaxPerCategory || inputs.Any(i => (i.Values?.Count ?? 0) > CategoryField.MaxChoices))
            return (new RuleViolation("", "The form sent more answers than the category has fields: reload the page."), []);
        var answers = await db.EntryFieldAnswers.Where(a => a.EntryId == entry.Id).ToListAsync(ct);
        foreach (var input in inputs)
        {
            if (fields.FirstOrDefault(f => f.Id == input.FieldId) is not { Kind: not FieldKind.File } field) continue; // archived meanwhile, or a file
            var value = FieldRules.Normalize(field, input.Values);
            if (value.Length > FieldRules.MaxValue)
                return (new RuleViolation($"Field{field.Id}", "{0}: at most {1} characters.", field.Label(language), FieldRules.MaxValue), []);
            var answer = answers.FirstOrDefault(a => a.FieldId == field.Id);
            if (value.Length == 0)
            {
                if (answer is not null) { db.EntryFieldAnswers.Remove(answer); answers.Remove(answer); }
                continue;
            }
            if (answer is null)
            {
                answers.Add(answer = new EntryFieldAnswer { EntryId = entry.Id, FieldId = field.Id, Value = value });
                db.EntryFieldAnswers.Add(answer);
            }
            else answer.Value = value;
        }
        var broken = fields.Select(f =>
        {
            var answer = answers.FirstOrDefault(a => a.FieldId == f.Id);
            var value = f.Kind == FieldKind.File ? (answer?.BlobName is null ? null : answer.Value) : answer?.Value;
            return FieldRules.Check(f, value, f.Label(language), DateOnly.FromDateTime(now.UtcDateTime));
        }).OfType<RuleViolation>().ToList();
        return (null, broken);
    }
}
