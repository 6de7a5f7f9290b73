namespace BrandStoryContest.Web.Domain;

/// <summary>
/// Returned: sent back by the organizer or a screener for correction. It is out of judging, rankings, awards and the
/// submitted counts (which all ask for Submitted) until the entrant resubmits it before <see cref="Entry.CorrectionDueAt"/>.
/// </summary>
public enum EntryState { Draft, Submitted, Withdrawn, Disqualified, Returned }

public enum FilmStatus { None, Uploading, Processing, Ready, Rejected }

public static class FilmStatusText
{
    /// <summary>What the entrant and the organizer read for a film's state: an English localizer key.</summary>
    public static string Text(this FilmStatus status) => status switch
    {
        FilmStatus.None => "No film yet",
        FilmStatus.Uploading => "Uploading",
        FilmStatus.Processing => "Processing",
        FilmStatus.Ready => "Ready",
        _ => "Rejected",
    };
}

public sealed class Entry
{
    public int Id { get; set; }
    public int ContestId { get; set; }
    public Contest Contest { get; set; } = null!;
    public int CategoryId { get; set; }
    public Category Category { get; set; } = null!;
    public string EntrantId { get; set; } = "";
    public Account Entrant { get; set; } = null!;
    /// <summary>Given on first submission and never reused, e.g. BSC2026-S-0001.</summary>
    public string? Number { get; set; }
    public EntryState State { get; set; }
    public string Title { get; set; } = "";

    // Story
    public string Body { get; set; } = "";
    /// <summary>The organizer's copy of the story with the author's name and organization removed; judges read this when set.</summary>
    public string? RedactedBody { get; set; }
    public string? AttachmentBlob { get; set; }
    public string? AttachmentFileName { get; set; }
    /// <summary>The attachment could not be opened to strip its author's details, so judges cannot download it; the organizer is told.</summary>
    public bool AttachmentUnreadable { get; set; }
    public string? CoverBlob { get; set; }

    // Film
    public string? Synopsis { get; set; }
    public string? Director { get; set; }
    public string? Credits { get; set; }
    public string? BrandFeatured { get; set; }
    public FilmStatus FilmStatus { get; set; }
    public string? FilmBlob { get; set; }
    public string? FilmFileName { get; set; }
    public long FilmBytes { get; set; }
    public string? FilmRejectionReason { get; set; }
    public string? PosterBlob { get; set; }
    public string? StripBlob { get; set; }
    /// <summary>
    /// The film as judges, voters and gallery visitors get it: a stripped MP4 written by processing. Null until then
    /// (or for a film accepted before such copies existed), and then nobody but the entrant and organizer gets a film.
    /// </summary>
    public string? JudgingFilmBlob { get; set; }
    public string? SubtitleBlob { get; set; }
    public double? DurationSeconds { get; set; }
    public int? Width { get; set; }
    public int? Height { get; set; }
    public string? VideoCodec { get; set; }
    public string? Container { get; set; }

    // Declarations
    public bool PledgedOriginality { get; set; }
    public bool DeclaredRights { get; set; }
    public bool ConsentsToPublication { get; set; }

    // Who submitted it, copied from the profile at first submission and never changed after: conflict checks,
    // the leak check, certificates and the public verification page use this, so a later profile edit cannot
    // dodge a conflict, unblind a judge or rename a winner. Null until the entry is submitted.
    public string? EntrantName { get; set; }
    public string? EntrantOrganization { get; set; }
    /// <summary>Co-authors and instructors after the entrant (see <see cref="EntryTeam"/>).</summary>
    public List<EntryAuthor> Authors { get; set; } = [];

    /// <summary>The unit the entry was submitted on behalf of (代单位报送), chosen while a draft; its contact sees the entry.</summary>
    public int? OrganizationId { get; set; }
    public Organization? Organization { get; set; }

    /// <summary>
    /// The entry's place (1..MaxEntriesPerEntrant) in its entrant's quota for the category while it counts
    /// (Draft or Submitted); null once withdrawn or disqualified. A unique index makes the quota hold when
    /// the same entrant starts entries in parallel.
    /// </summary>
    public int? QuotaSlot { get; set; }

    /// <summary>
    /// The key the "start" form carried (one per rendering of the contest page), so a start sent again by a client
    /// that never heard back answers this draft instead of opening a second one; null for entries started otherwise.
    /// </summary>
    public Guid? StartKey { get; set; }

    /// <summary>Answers to the category's custom fields (<see cref="CategoryField"/>), archived fields' included.</summary>
    public List<EntryFieldAnswer> FieldAnswers { get; set; } = [];

    public string? DisqualificationReason { get; set; }

    // Return for correction: the latest return's reason and deadline; kept after resubmission so the entrant and
    // organizer can still read what was asked (the audit log holds every return).
    public string? ReturnReason { get; set; }
    public DateTimeOffset? ReturnedAt { get; set; }
    public DateTimeOffset? CorrectionDueAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? SubmittedAt { get; set; }
    /// <summary>Bumped on every save; two tabs editing one draft cannot overwrite each other silently.</summary>
    public int Version { get; set; }

    /// <summary>
    /// Recommended into a final from a division (<see cref="Recommendation"/>): it shares the division entry's blobs, so
    /// it is never edited in the final (EntryAccess.WhyLocked): a replaced file would delete the division's too.
    /// </summary>
    public bool CarriedOver { get; set; }

    public bool IsEditable(DateTimeOffset now) =>
        State is EntryState.Draft or EntryState.Submitted && Contest.IsOpenForSubmissions(now) || IsOpenForCorrection(now);

    /// <summary>A returned entry may be corrected until its own deadline, even after the contest's.</summary>
    public bool IsOpenForCorrection(DateTimeOffset now) => State == EntryState.Returned && now < CorrectionDueAt;

    /// <summary>Returned and its correction deadline passed: locked, out of judging, waiting for the organizer's decision.</summary>
    public bool IsCorrectionOverdue(DateTimeOffset now) => State == EntryState.Returned && now >= CorrectionDueAt;

    /// <summary>Sends a submitted (or already returned) entry back to its entrant; it keeps its number and quota place.</summary>
    public void ReturnForCorrection(string reason, DateTimeOffset dueAt, DateTimeOffset now)
    {
        State = EntryState.Returned;
        ReturnReason = reason;
        ReturnedAt = now;
        CorrectionDueAt = dueAt;
        UpdatedAt = now;
        Version++;
    }

    /// <summary>Removes the entry from the contest; the entrant reads <paramref name="reason"/>.</summary>
    public void Disqualify(string reason, DateTimeOffset now)
    {
        State = EntryState.Disqualified;
        QuotaSlot = null;
        DisqualificationReason = reason;
        UpdatedAt = now;
        Version++;
    }

    public void Withdraw(DateTimeOffset now)
    {
        State = EntryState.Withdrawn;
        QuotaSlot = null;
        UpdatedAt = now;
        Version++;
    }

    /// <summary>Fixes who submitted the entry; only the first submission counts. An entry sent on behalf of a unit
    /// takes the unit's registered name (<paramref name="onBehalfOf"/>) as its organization of record, not the profile's.</summary>
    public void FixIdentity(Account entrant, string? onBehalfOf = null)
    {
        if (EntrantName is not null) return;
        EntrantName = entrant.RealName.Trim();
        EntrantOrganization = !string.IsNullOrWhiteSpace(onBehalfOf) ? onBehalfOf.Trim()
            : string.IsNullOrWhiteSpace(entrant.Organization) ? null : entrant.Organization.Trim();
    }

    /// <summary>The name of record: fixed at submission, the profile's for entries submitted before it was recorded.</summary>
    public string NameOfRecord => EntrantName ?? Entrant.RealName;
    public string? OrganizationOfRecord => EntrantName is not null ? EntrantOrganization : Entrant.Organization;

    /// <summary>Entries that hold a place in the per-entrant quota.</summary>
    public static bool CountsTowardsLimit(EntryState state) => state is EntryState.Draft or EntryState.Submitted or EntryState.Returned;
}
