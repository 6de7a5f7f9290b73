using System.Linq.Expressions;

namespace BrandStoryContest.Web.Domain;

/// <summary>A judge of the contest's jury pool sitting on the panel of one category.</summary>
public sealed class PanelMember
{
    public int CategoryId { get; set; }
    public string JudgeId { get; set; } = "";
    public Account Judge { get; set; } = null!;
}

public enum ConflictSource { DeclaredByJudge, AddedByOrganizer }

/// <summary>
/// A judge who must not score a given entrant's work. Same-organization and own-entry conflicts are not
/// stored: they follow from the accounts and are checked every time (see <see cref="Conflicts"/>).
/// </summary>
public sealed class Conflict
{
    public int Id { get; set; }
    public int ContestId { get; set; }
    public string JudgeId { get; set; } = "";
    public string EntrantId { get; set; } = "";
    public ConflictSource Source { get; set; }
    public string? Reason { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

public enum RoundState { Draft, Open, Closed, Finalized }

/// <summary>One scoring round of one category, e.g. Preliminary then Final.</summary>
public sealed class Round
{
    public int Id { get; set; }
    public int CategoryId { get; set; }
    public Category Category { get; set; } = null!;
    public string Name { get; set; } = "";
    /// <summary>1 for the first round; entries of round n+1 are those that advanced from round n.</summary>
    public int Sequence { get; set; } = 1;
    public RoundState State { get; set; }
    public int JudgesPerEntry { get; set; } = 3;
    public AggregationMethod Method { get; set; } = AggregationMethod.TrimmedMean;
    /// <summary>While true, judges never see who wrote an entry.</summary>
    public bool Blind { get; set; } = true;
    public int Seed { get; set; } = 1;
    /// <summary>Share of a film (0..1) a judge must have played before scoring it; 0 means no requirement.</summary>
    public double MinWatchedFraction { get; set; }
    public List<Criterion> Criteria { get; set; } = [];
    public int Version { get; set; }

    // Public vote (hybrid jury + public score, see docs/algorithms.md).
    /// <summary>Share of the combined score (0..100) that comes from public votes; 0 = the jury alone decides, as before.</summary>
    public int PublicWeightPercent { get; set; }
    public DateTimeOffset? VotingOpensAt { get; set; }
    public DateTimeOffset? VotingClosesAt { get; set; }
    /// <summary>When set, only the top N entries by votes (all tied at the N-th place included) are assigned to judges.</summary>
    public int? VoteCutoff { get; set; }

    public bool AcceptsScores => State == RoundState.Open;
    /// <summary>
    /// Judges open their assignments while the round is Open (to score) and, read only, while it is Closed (the
    /// organizer may still reopen it, and a judge asked about a score should see what they gave). Not before
    /// (Draft: the plan may still change) and not after it is Finalized: once the results are fixed nobody
    /// needs the works or the sheets any more, and every day a blind copy stays reachable is exposure for nothing.
    /// </summary>
    public bool ShownToJudges => State is RoundState.Open or RoundState.Closed;
    /// <summary>
    /// Nothing public (the notice of proposed winners, the published results) may name entrants of a category while
    /// one of its rounds is still being judged: Open, or Closed and not yet Finalized (it can still be reopened).
    /// A judge who saw a winner's name on the notice would no longer be judging blind.
    /// </summary>
    public bool BlocksAnnouncing => State is RoundState.Open or RoundState.Closed;
    public bool HasPublicVote => VotingOpensAt is not null && VotingClosesAt is not null;
    public bool IsHybrid => PublicWeightPercent > 0;
    /// <summary>
    /// Whether a vote cast now counts: inside the voting period and not once the round is Finalized (the ranking is
    /// frozen, even if the organizer left the voting period running). The vote pages and the vote handler ask this one rule.
    /// </summary>
    public bool IsPublicVotingOpen(DateTimeOffset now) =>
        State != RoundState.Finalized && VotingOpensAt is { } opens && VotingClosesAt is { } closes && now >= opens && now < closes;

    /// <summary>The same rule as <see cref="IsPublicVotingOpen"/>, for a query over many rounds (the contest page's "vote now" list).</summary>
    public static Expression<Func<Round, bool>> PublicVotingOpenAt(DateTimeOffset now) => r =>
        r.State != RoundState.Finalized && r.VotingOpensAt != null && r.VotingClosesAt != null && r.VotingOpensAt <= now && r.VotingClosesAt > now;

    /// <summary>
    /// The round's life: Draft → Open → Closed → Finalized, one step at a time; Closed may reopen to Open until it is
    /// finalized. The round page offers these steps and the state change allows only these.
    /// </summary>
    public static IReadOnlyList<RoundState> NextStatesFrom(RoundState state) => state switch
    {
        RoundState.Draft => [RoundState.Open],
        RoundState.Open => [RoundState.Closed],
        RoundState.Closed => [RoundState.Open, RoundState.Finalized],
        _ => [],
    };

    public IReadOnlyList<RoundState> NextStates => NextStatesFrom(State);
    public bool CanMoveTo(RoundState to) => NextStates.Contains(to);
}

public sealed class Criterion
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public string Name { get; set; } = "";
    public string? NameEn { get; set; }
    public double Weight { get; set; }
    public int MinScore { get; set; }
    public int MaxScore { get; set; } = 10;
    public string? Guidance { get; set; }
    public int Order { get; set; }

    public string DisplayName(string language) => language == Languages.English && !string.IsNullOrWhiteSpace(NameEn) ? NameEn! : Name;

    /// <summary>The usual brand-story rubric: theme fit 30, creativity 25, craft 25, brand/quality message 20.</summary>
    public static List<Criterion> DefaultRubric() =>
    [
        new() { Name = "主题契合", NameEn = "Theme fit", Weight = 30, Order = 1, Guidance = "是否紧扣质量与品牌主题" },
        new() { Name = "创意", NameEn = "Creativity", Weight = 25, Order = 2, Guidance = "立意新颖，角度独特" },
        new() { Name = "表现力", NameEn = "Craft", Weight = 25, Order = 3, Guidance = "文字或影像的完成度" },
        new() { Name = "品牌与质量内涵", NameEn = "Brand & quality message", Weight = 20, Order = 4, Guidance = "是否真实传达品牌与质量精神" },
    ];
}

/// <summary>An entry taking part in a round (all submitted entries for round 1, the advanced ones after).</summary>
public sealed class RoundEntry
{
    public int RoundId { get; set; }
    public int EntryId { get; set; }
    public Entry Entry { get; set; } = null!;
}

/// <summary>One judge's task to score one entry in one round, and the score sheet once filled in.</summary>
public sealed class Assignment
{
    public int Id { get; set; }
    public int RoundId { get; set; }
    public Round Round { get; set; } = null!;
    public int EntryId { get; set; }
    public Entry Entry { get; set; } = null!;
    public string JudgeId { get; set; } = "";
    public Account Judge { get; set; } = null!;
    public bool IsManual { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<CriterionScore> Scores { get; set; } = [];
    public string? Comment { get; set; }
    /// <summary>The weighted total 0..100 once every criterion is scored; null while incomplete.</summary>
    public double? Total { get; set; }
    public DateTimeOffset? ScoredAt { get; set; }
    public int Version { get; set; }
    /// <summary>What the judge actually played of the film, as merged [start, end) second ranges ("0-12.5;40-61").</summary>
    public string? WatchedRanges { get; set; }
    public double? WatchedFraction { get; set; }
    /// <summary>Seconds the story page was open and in front while the judge had it.</summary>
    public int ReadingSeconds { get; set; }

    public bool IsScored => Total is not null;
}

public sealed class CriterionScore
{
    public int AssignmentId { get; set; }
    public int CriterionId { get; set; }
    public int Value { get; set; }
}

public static class Conflicts
{
    /// <summary>Organizations match ignoring case and surrounding spaces; an empty one matches nothing.</summary>
    public static bool SameOrganization(string? a, string? b) =>
        !string.IsNullOrWhiteSpace(a) && !string.IsNullOrWhiteSpace(b)
        && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether this judge may not score this entrant's work: own entry, same organization, or a recorded conflict.</summary>
    /// <remarks><paramref name="entrantOrganization"/> is the one fixed on the entry at submission, so a profile edit cannot dodge a conflict.</remarks>
    public static bool Between(Account judge, string entrantId, string? entrantOrganization, IReadOnlySet<(string JudgeId, string EntrantId)> recorded) =>
        judge.Id == entrantId || SameOrganization(judge.Organization, entrantOrganization) || recorded.Contains((judge.Id, entrantId));

    /// <summary>
    /// The same rule over the entry's whole team: besides the entrant, every co-author's and instructor's organization,
    /// and every account linked to one of them (a judge who is a co-author, or who has a recorded conflict with one).
    /// Linked accounts count before they confirm: an unconfirmed link is still reason enough to keep a judge away.
    /// </summary>
    public static bool Between(Account judge, string entrantId, string? entrantOrganization, IReadOnlySet<(string JudgeId, string EntrantId)> recorded,
        IEnumerable<(string? Organization, string? AccountId)> team) =>
        Between(judge, entrantId, entrantOrganization, recorded)
        || team.Any(m => SameOrganization(judge.Organization, m.Organization)
            || m.AccountId is { } id && (id == judge.Id || recorded.Contains((judge.Id, id))));
}

/// <summary>A judge's note pinned to a moment of a film ("02:13 logo visible"), private to that judge.</summary>
public sealed class JudgeNote
{
    public int Id { get; set; }
    public int AssignmentId { get; set; }
    public double AtSeconds { get; set; }
    public string Text { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }

    public string Timestamp => TimeSpan.FromSeconds(Math.Floor(AtSeconds)) is var t && t.TotalHours >= 1 ? t.ToString(@"h\:mm\:ss") : t.ToString(@"mm\:ss");
}
