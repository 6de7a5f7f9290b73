namespace BrandStoryContest.Web.Data;

/// <summary>What a <see cref="DataVersion"/> row counts.</summary>
public enum VersionKind
{
    /// <summary>Everything a judge's list or score sheet, or a round's ranking, reads from the contest (see <see cref="DataVersions"/>).</summary>
    Judging = 0,
    /// <summary>Round votes of the contest: they move rankings only, and a voting crowd must not contend with judges on one row.</summary>
    Votes = 1,
    /// <summary>The contest's objections (filed, decided): the organizer's objections page keeps its page under it.</summary>
    Objections = 2,
    /// <summary>On row <see cref="DataVersions.Accounts"/> only: accounts added or removed, the fields the admin's user list shows, and role grants.</summary>
    Users = 3,
    /// <summary>
    /// The first of <see cref="DataVersions.EntryListStripes"/> rows (this value and the ones after it) that count what the
    /// organizer's entry list filters, sorts and counts by: a listed entry's state, category, title, number, submission time
    /// and entrant, and listed entries added or removed. An entry bumps the row of its id's stripe, so submits at the deadline
    /// spread over the rows instead of queueing on one (see <see cref="DataVersions"/>).
    /// </summary>
    EntryList = 100,
}

/// <summary>
/// A counter kept in the database, so every instance sees it, that every write to a contest's judging inputs bumps
/// in the same transaction (<see cref="DataVersions"/>). Row <see cref="DataVersions.Accounts"/> (contest 0) counts
/// the account fields those pages read (names, organizations), which belong to no one contest.
/// </summary>
public sealed class DataVersion
{
    public int ContestId { get; set; }
    public VersionKind Kind { get; set; }
    public long Version { get; set; }
}
