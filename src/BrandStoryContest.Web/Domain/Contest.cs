namespace BrandStoryContest.Web.Domain;

public sealed class Contest
{
    public int Id { get; set; }
    /// <summary>Prefix of entry numbers, e.g. BSC2026 gives BSC2026-S-0001.</summary>
    public string Code { get; set; } = "";
    public string TitleZh { get; set; } = "";
    public string? TitleEn { get; set; }
    public string? DescriptionZh { get; set; }
    public string? DescriptionEn { get; set; }
    public string? Theme { get; set; }
    public string OrganizerName { get; set; } = "";
    public string TimeZoneId { get; set; } = ContestTime.DefaultZone;
    public DateTimeOffset SubmissionOpensAt { get; set; }
    public DateTimeOffset SubmissionClosesAt { get; set; }
    public DateTimeOffset? JudgingStartsAt { get; set; }
    public DateTimeOffset? JudgingEndsAt { get; set; }
    /// <summary>Hours before the submission deadline (drafts) and the judging end (unscored assignments) at which reminders go out.</summary>
    public string ReminderHours { get; set; } = Domain.ReminderHours.Default;
    public bool IsPublic { get; set; }
    public string? CoverBlob { get; set; }
    /// <summary>The organizer account that runs this contest; other organizers cannot touch it.</summary>
    public string OwnerId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public List<Category> Categories { get; set; } = [];
    /// <summary>The contest this one was copied from as its next edition (CopyContest); the integrity check compares with that chain.</summary>
    public int? PreviousEditionId { get; set; }
    /// <summary>A final with divisions (<see cref="Division"/>): until when division organizers may recommend entries.</summary>
    public DateTimeOffset? RecommendationClosesAt { get; set; }

    // Results. ResultsPublishedAt set = the organizer published: awards are locked. The public sees them
    // from ResultsPublishAt on (the announced time), which publishing sets to "now" when it was left empty.
    public DateTimeOffset? ResultsPublishAt { get; set; }
    public DateTimeOffset? ResultsPublishedAt { get; set; }
    public DateTimeOffset? VotingOpensAt { get; set; }
    public DateTimeOffset? VotingClosesAt { get; set; }
    /// <summary>True: one like per entry per day (contest time zone); false: one per entry for the whole contest.</summary>
    public bool VotePerDay { get; set; }
    public string? CertificateHeadingZh { get; set; }
    public string? CertificateHeadingEn { get; set; }
    /// <summary>Placeholders: {winner} {tier} {title} {contest}.</summary>
    public string? CertificateBodyZh { get; set; }
    public string? CertificateBodyEn { get; set; }
    public string? SealBlob { get; set; }

    /// <summary>Length of the public notice period (公示) before results are final; 0 publishes them at once.</summary>
    public int NoticeDays { get; set; } = DefaultNoticeDays;
    public DateTimeOffset? NoticeStartedAt { get; set; }
    public DateTimeOffset? NoticeEndsAt { get; set; }
    public const int DefaultNoticeDays = 7;

    public bool AwardsLocked => ResultsPublishedAt is not null;

    /// <summary>During the notice period awards change only through upheld objections (and the ties those leave).</summary>
    public bool InNotice => NoticeStartedAt is not null && ResultsPublishedAt is null;

    public ResultsStage Stage => AwardsLocked ? ResultsStage.Final : InNotice ? ResultsStage.Notice : ResultsStage.Draft;

    public bool AcceptsObjections(DateTimeOffset now) => InNotice && NoticeEndsAt is { } ends && now < ends;

    public bool ResultsVisible(DateTimeOffset now) => ResultsPublishedAt is not null && ResultsPublishAt is { } at && now >= at;

    public bool IsVotingOpen(DateTimeOffset now) =>
        VotingOpensAt is { } opens && VotingClosesAt is { } closes && now >= opens && now < closes;

    public const string DefaultHeadingZh = "荣誉证书";
    public const string DefaultHeadingEn = "Certificate of Award";
    public const string DefaultBodyZh = "{winner} 的作品《{title}》在「{contest}」中荣获{tier}。特发此证，以资鼓励。";
    public const string DefaultBodyEn = "The entry \"{title}\" by {winner} has won {tier} in {contest}.";

    public (string Heading, string Body) CertificateWording(string language, string winner, string tier, string title)
    {
        var en = language == Languages.English;
        var heading = (en ? CertificateHeadingEn : CertificateHeadingZh) is { Length: > 0 } h ? h : en ? DefaultHeadingEn : DefaultHeadingZh;
        var body = (en ? CertificateBodyEn : CertificateBodyZh) is { Length: > 0 } b ? b : en ? DefaultBodyEn : DefaultBodyZh;
        body = body.Replace("{winner}", winner).Replace("{tier}", tier).Replace("{title}", title).Replace("{contest}", Title(language));
        return (heading, body);
    }

    public bool IsOpenForSubmissions(DateTimeOffset now) => now >= SubmissionOpensAt && now < SubmissionClosesAt;

    public string Title(string language) =>
        language == Languages.English && !string.IsNullOrWhiteSpace(TitleEn) ? TitleEn! : TitleZh;

    public string? Description(string language) =>
        language == Languages.English && !string.IsNullOrWhiteSpace(DescriptionEn) ? DescriptionEn : DescriptionZh;
}

public enum CategoryKind { Story, Film }

public sealed class Category
{
    public int Id { get; set; }
    public int ContestId { get; set; }
    public Contest Contest { get; set; } = null!;
    public CategoryKind Kind { get; set; }
    /// <summary>Letter in entry numbers: S for stories, F for films unless the organizer picks another.</summary>
    public string Code { get; set; } = "S";
    public string NameZh { get; set; } = "";
    public string? NameEn { get; set; }
    public int MaxEntriesPerEntrant { get; set; } = 1;
    public bool RequireOriginalityPledge { get; set; } = true;
    public bool RequireRightsDeclaration { get; set; } = true;
    public bool RequirePublicationConsent { get; set; }
    /// <summary>Authors of one entry, the entrant counted as the first.</summary>
    public int MaxAuthors { get; set; } = EntryTeam.DefaultMaxAuthors;
    /// <summary>Instructors (指导老师) of one entry.</summary>
    public int MaxInstructors { get; set; } = EntryTeam.DefaultMaxInstructors;

    // Story rules. Length is counted the way Word counts 字数: one per Chinese character, one per Latin word.
    public int MinLength { get; set; } = 1000;
    public int MaxLength { get; set; } = 3000;
    /// <summary>Comma-separated lower-case extensions, e.g. "pdf,docx"; empty means no attachment.</summary>
    public string AttachmentTypes { get; set; } = "pdf,docx";
    public long MaxAttachmentBytes { get; set; } = 10 * 1024 * 1024;

    // Film rules.
    public string AllowedContainers { get; set; } = "mp4,mov";
    public string AllowedVideoCodecs { get; set; } = "h264,hevc";
    public long MaxFileBytes { get; set; } = 2L * 1024 * 1024 * 1024;
    public int MinDurationSeconds { get; set; } = 30;
    public int MaxDurationSeconds { get; set; } = 600;
    public int MinWidth { get; set; }
    public int MinHeight { get; set; }

    public string Name(string language) =>
        language == Languages.English && !string.IsNullOrWhiteSpace(NameEn) ? NameEn! : NameZh;

    public IReadOnlyList<string> AttachmentExtensions => SplitList(AttachmentTypes);
    public IReadOnlyList<string> ContainerList => SplitList(AllowedContainers);
    public IReadOnlyList<string> CodecList => SplitList(AllowedVideoCodecs);

    private static string[] SplitList(string value) =>
        value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
             .Select(v => v.ToLowerInvariant()).ToArray();
}
