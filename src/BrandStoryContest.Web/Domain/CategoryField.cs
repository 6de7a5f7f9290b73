namespace BrandStoryContest.Web.Domain;

/// <summary>What an organizer-defined entry field asks for; each kind has its own check in <see cref="FieldRules"/>.</summary>
public enum FieldKind { ShortText, LongText, Number, SingleChoice, MultipleChoice, Date, Email, MobilePhone, ResidentId, Url, File }

/// <summary>
/// One question of a category's entry form beyond the fixed ones (real name, 单位, phone, ID number...). A field that
/// already has answers is archived instead of deleted: its answers stay with the entries and the organizer still sees
/// them, marked archived, while entrants no longer get the question.
/// </summary>
public sealed class CategoryField
{
    public const int MaxPerCategory = 30;
    public const int MaxLabel = 100, MaxHelp = 500, MaxChoicesText = 2000, MaxChoice = 100, MaxChoices = 50;

    public int Id { get; set; }
    public int CategoryId { get; set; }
    public Category Category { get; set; } = null!;
    /// <summary>Place on the form, ascending; gaps are fine, moving swaps two fields' orders.</summary>
    public int Order { get; set; }
    public FieldKind Kind { get; set; }
    public bool Required { get; set; }
    public string LabelZh { get; set; } = "";
    public string? LabelEn { get; set; }
    public string? HelpZh { get; set; }
    public string? HelpEn { get; set; }
    /// <summary>Single and multiple choice: the choices, one per line (so a choice never contains a line break).</summary>
    public string? Choices { get; set; }
    /// <summary>Names the entrant (real name, phone, ID number, 单位): never shown to judges, and looked for by the leak check.</summary>
    public bool Identifying { get; set; }
    public bool Archived { get; set; }

    public string Label(string language) =>
        language == Languages.English && !string.IsNullOrWhiteSpace(LabelEn) ? LabelEn! : LabelZh;

    public string? Help(string language) =>
        language == Languages.English && !string.IsNullOrWhiteSpace(HelpEn) ? HelpEn : HelpZh;

    public IReadOnlyList<string> ChoiceList => FieldRules.SplitChoices(Choices);
}

/// <summary>
/// An entry's answer to one field, as text: numbers and dates in invariant form (1234.5, 2026-12-01), a multiple
/// choice as the chosen choices one per line in the field's order, a file as its sanitized file name with the blob
/// beside it. Kept when the field is archived or edited.
/// </summary>
public sealed class EntryFieldAnswer
{
    public int EntryId { get; set; }
    public Entry Entry { get; set; } = null!;
    public int FieldId { get; set; }
    public CategoryField Field { get; set; } = null!;
    public string Value { get; set; } = "";
    /// <summary>File fields: the upload in the media container (entries/{id}/field-{fieldId}-{random}.{ext}).</summary>
    public string? BlobName { get; set; }
}
